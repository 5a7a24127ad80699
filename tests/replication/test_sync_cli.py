"""`hoinghi sync`: two laptops set up, started and paired from the command line alone, through
real Syncthing instances on loopback; a file written on one reaches the other."""

from __future__ import annotations

import shutil
import time

from store.replication import syncthing
from tui.cli.main import main


def _wait(predicate, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_two_laptops_paired_from_the_command_line(tmp_path, syncthing_homes, capsys):
    main_home, desk_home = syncthing_homes("main"), syncthing_homes("desk")
    main_dir, desk_dir = tmp_path / "chinh", tmp_path / "ban2"
    main_dir.mkdir()
    shutil.copy("sample.json", main_dir / "hoinghi.json")
    ports = syncthing.free_port(), syncthing.free_port()
    ids = []
    for home, folder, port, name in ((main_home, main_dir, ports[0], "chinh"),
                                     (desk_home, desk_dir, ports[1], "ban2")):
        assert main(["--db", str(folder / "hoinghi.json"), "sync", "--sync-home", str(home.path),
                     "init", "--name", name, "--listen", f"tcp://127.0.0.1:{port}"]) == 0
        out = capsys.readouterr().out
        assert "Mã thiết bị của máy này:" in out
        ids.append(out.split("Mã thiết bị của máy này: ")[1].split()[0])
    for home, other, port in ((main_home, ids[1], ports[1]), (desk_home, ids[0], ports[0])):
        assert main(["--db", "x.json", "sync", "--sync-home", str(home.path), "add", other,
                     "--address", f"tcp://127.0.0.1:{port}"]) == 0
    assert "Đã thêm máy" in capsys.readouterr().out

    assert _wait(lambda: (desk_dir / "hoinghi.json").is_file()
                 and (desk_dir / "hoinghi.json").read_bytes() == (main_dir / "hoinghi.json").read_bytes())
    assert _wait(lambda: syncthing.status(main_home).peers[0].connected)
    assert main(["--db", "x.json", "sync", "--sync-home", str(main_home.path), "status"]) == 0
    out = capsys.readouterr().out
    assert "ban2" in out and "đang kết nối" in out
    assert (main_dir / ".stignore").read_text(encoding="utf-8").count("*.backups") == 1


def test_a_wrong_device_id_is_refused_in_one_line(tmp_path, syncthing_homes, capsys):
    home = syncthing_homes("one")
    assert main(["--db", str(tmp_path / "h.json"), "sync", "--sync-home", str(home.path),
                 "init", "--listen", f"tcp://127.0.0.1:{syncthing.free_port()}"]) == 0
    capsys.readouterr()
    assert main(["--db", "x.json", "sync", "--sync-home", str(home.path), "add", "ABC-123"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("hoinghi: ABC-123 không phải mã thiết bị Syncthing") and "\n" not in err


def test_status_before_init_says_what_to_do(tmp_path, capsys):
    assert main(["--db", "x.json", "sync", "--sync-home", str(tmp_path / "none"), "status"]) == 1
    assert "chưa thiết lập Syncthing" in capsys.readouterr().err
