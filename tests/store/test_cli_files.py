"""The command line never writes an export onto the store's own files and never shows a traceback."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import tui.cli.main as cli
from store.core.backups import list_backups
from store.core.storage import create_exclusive
from store.errors import ExportRefusedError
from store.io.exporter import write_export
from tui.cli.main import main

from ..conftest import SAMPLE

ROOT = Path(__file__).resolve().parents[2]


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    err = captured.err
    assert err.startswith("hoinghi: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and ".tmp" not in err and "Error:" not in err, err
    return err.strip()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# -- exports onto the store's own files -----------------------------------------------------------


def _targets(store: Path) -> dict[str, Path]:
    backups = list_backups(store)
    assert backups, "opening the store made a backup"
    hard = store.with_name("hard-alias.csv")
    os.link(store, hard)
    soft = store.with_name("soft-alias.csv")
    soft.symlink_to(store.name)
    return {
        "store": store,
        "store-spelled-otherwise": store.parent / "x" / ".." / store.name,
        "store-by-symlink": soft,
        "store-by-hard-link": hard,
        "journal": Path(f"{store}.journal"),
        "lock-file": Path(f"{store}.lock"),
        "lock-note": Path(f"{store}.lock.json"),
        "a-backup": backups[0],
        "new-file-in-backups-folder": backups[0].parent / "list.csv",
        "backups-folder": backups[0].parent,
    }


TARGETS = ["store", "store-spelled-otherwise", "store-by-symlink", "store-by-hard-link", "journal", "lock-file",
           "lock-note", "a-backup", "new-file-in-backups-folder", "backups-folder"]


@pytest.mark.parametrize("which", TARGETS)
def test_export_onto_the_store_or_its_files_is_refused(which: str, sample_copy: Path, capsys) -> None:
    assert main(["--db", str(sample_copy), "migrate"]) == 0  # opened once: a backup exists
    capsys.readouterr()
    (sample_copy.parent / "x").mkdir()
    target = _targets(sample_copy)[which]
    before = snapshot(sample_copy.parent)
    assert main(["--db", str(sample_copy), "export", "delegates", "-o", str(target)]) == 1
    err = one_line_error(capsys)
    assert err.startswith(f"hoinghi: {target} ") and err.endswith(
        "(hoinghi.json); không ghi gì: hãy chọn tên tệp khác")
    assert snapshot(sample_copy.parent) == before
    with pytest.raises(ExportRefusedError):  # the TUI's export dialog goes through the same function
        write_export(target, b"a,b\r\n", store_path=sample_copy)
    assert snapshot(sample_copy.parent) == before


def test_export_beside_the_store_works_and_is_private(sample_copy: Path, capsys) -> None:
    out = sample_copy.with_name("dai-bieu.csv")
    assert main(["--db", str(sample_copy), "export", "delegates", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    write_export(sample_copy.with_name("hoinghi.json.csv"), b"x", store_path=sample_copy)  # a near name is fine


# -- `new` never shows a traceback ------------------------------------------------------------------


def test_new_in_a_read_only_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0:  # root ignores folder modes: make every new file there fail as read-only would
        real_open = os.open

        def ro_open(path, flags, *args, **kwargs):
            if str(path).startswith(str(folder)) and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", ro_open)
    else:
        folder.chmod(0o500)
    try:
        assert main(["--db", str(folder / "new.json"), "new"]) == 1
        err = one_line_error(capsys)
        assert "new.json" in err and "không có quyền truy cập" in err
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_new_on_a_full_disk(tmp_path: Path, capsys, monkeypatch) -> None:
    real_write = os.write

    def full(fd, data):
        if len(data) > 64:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    path = tmp_path / "new.json"
    assert main(["--db", str(path), "new", "--from", str(SAMPLE)]) == 1
    err = one_line_error(capsys)
    assert "ổ đĩa đã đầy" in err and "new.json" in err
    assert list(tmp_path.iterdir()) == [] or not path.exists()


def test_new_with_too_long_a_name(tmp_path: Path, capsys) -> None:
    path = tmp_path / ("a" * 235 + ".json")  # 240 bytes: fits alone, not with our temp suffix
    assert main(["--db", str(path), "new"]) == 1
    err = one_line_error(capsys)
    assert "tên tệp quá dài" in err
    assert list(tmp_path.iterdir()) == []


def test_unexpected_errors_are_one_line(monkeypatch, capsys) -> None:
    def boom(args):
        raise RuntimeError("something broke\nover two lines")

    monkeypatch.setattr(cli, "run", boom)
    monkeypatch.delenv("HOINGHI_DEBUG", raising=False)
    assert main(["check"]) == 2
    err = one_line_error(capsys)
    assert err == ("hoinghi: lỗi không lường trước: something broke over two lines; không làm gì thêm "
                   "(đặt HOINGHI_DEBUG=1 để xem chi tiết)")


def test_os_errors_name_the_file_not_a_temp_file(monkeypatch, capsys) -> None:
    def boom(args):
        raise OSError(errno.EIO, "Input/output error", "/data/.hoinghi.json.0123456789abcdef.tmp")

    monkeypatch.setattr(cli, "run", boom)
    assert main(["--db", "/data/hoinghi.json", "check"]) == 1
    assert one_line_error(capsys) == "hoinghi: /data/hoinghi.json: lỗi đọc/ghi ổ đĩa"


# -- two `new` at once ------------------------------------------------------------------------------


def test_two_creators_of_one_path_exactly_one_succeeds(tmp_path: Path) -> None:
    """The storage half of `new`: `create_exclusive`, which the service's `create` calls."""
    from store.errors import StoreExistsError

    for round_ in range(30):
        path = tmp_path / f"s{round_}.json"
        gate = threading.Barrier(2)
        results: list[str] = []

        def new(tag: bytes) -> None:
            gate.wait()
            try:
                create_exclusive(path, b'{"by": {"1": {"t": "' + tag + b'"}}}')
                results.append("ok")
            except StoreExistsError as exc:
                results.append(str(exc))

        threads = [threading.Thread(target=new, args=(t,)) for t in (b"a", b"b")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == [f"{path} already exists; choose another name or remove it first", "ok"]


def test_two_new_commands_on_one_path_exactly_one_succeeds(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(6):
        path = tmp_path / f"s{round_}.json"
        cmd = [sys.executable, "-m", "tui", "--db", str(path), "new", "--from", str(SAMPLE)]
        children = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
                    for _ in range(2)]
        outcomes = [(c.wait(timeout=60), c.stderr.read().decode()) for c in children]
        codes = sorted(code for code, _ in outcomes)
        assert codes == [0, 1], outcomes
        loser = next(err for code, err in outcomes if code == 1)
        assert loser.count("\n") == 1 and "Traceback" not in loser
        assert "đã có; chọn tên khác" in loser or "đang mở trong hoinghi, tiến trình " in loser, loser
