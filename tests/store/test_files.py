"""Private by default (0600 files, 0700 folders, whatever the umask) and exclusive creation."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

import store.core.files as files_mod
import store.core.storage as storage_mod
from store.core.backups import list_backups
from store.core.storage import DurableStorage, atomic_write_bytes, check_name_length, create_exclusive
from store.errors import StoreError, StoreExistsError, StoreWriteError
from store.io.exporter import write_export

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(params=[0o000, 0o022], ids=["umask-000", "umask-022"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


# -- privacy ---------------------------------------------------------------------------------------


@posix_only
def test_store_backups_lock_and_note_are_owner_only(tmp_path: Path, umask: int, monkeypatch) -> None:
    path = tmp_path / "s.json"
    temps: list[int] = []
    real_replace = os.replace

    def replace(src, dst):  # look at each temp file just before it takes its final name
        temps.append(mode(Path(src)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    db = TinyDB(path, storage=DurableStorage, create=True, backup_every=1)
    note = Path(f"{path}.lock.json")
    assert mode(note) == 0o600 and mode(Path(f"{path}.lock")) == 0o600
    db.insert({"phone": "0912 345 678", "born": "1970-05-19"})
    assert mode(path) == 0o600
    folder = db.storage.backup_dir
    assert mode(folder) == 0o700
    assert [mode(p) for p in list_backups(path)] and all(mode(p) == 0o600 for p in list_backups(path))
    db.close()
    assert temps and set(temps) == {0o600}


@posix_only
def test_a_0644_store_becomes_0600_at_open_and_on_each_write(tmp_path: Path, umask: int) -> None:
    """Decision: a store left 0644 by an older version is tightened as soon as it is opened, and
    every write creates the file 0600 again (the new file never copies the old mode)."""
    path = tmp_path / "s.json"
    path.write_bytes(b'{"_default": {}}')
    os.chmod(path, 0o644)
    old_backups = path.parent / "s.json.backups"
    old_backups.mkdir(mode=0o755)
    os.chmod(old_backups, 0o755)
    old = old_backups / "s.20240101T000000000000Z.open.json"
    old.write_bytes(b"{}")
    os.chmod(old, 0o644)
    db = TinyDB(path, storage=DurableStorage)
    assert mode(path) == 0o600
    assert mode(old_backups) == 0o700 and mode(old) == 0o600
    os.chmod(path, 0o644)  # loosened by someone while open (only the inode's ctime changes)
    db.insert({"code": "D1"})
    assert mode(path) == 0o600
    db.close()


@posix_only
def test_atomic_write_bytes_and_exports_are_owner_only(tmp_path: Path, umask: int) -> None:
    target = tmp_path / "list.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o664)
    atomic_write_bytes(target, b"new")
    assert mode(target) == 0o600
    export = tmp_path / "delegates.xlsx"
    write_export(export, b"PK...")
    assert mode(export) == 0o600 and export.read_bytes() == b"PK..."


@posix_only
def test_default_data_folder_and_demo_copy_are_owner_only(tmp_path: Path, umask: int, monkeypatch) -> None:
    import tui.cli.main as cli

    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data" / "hoinghi"))
    path, demo = cli.default_store()
    assert demo and path.read_bytes() == cli.sample_path().read_bytes()
    assert mode(path.parent) == 0o700 and mode(path) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["hoinghi.json"]  # no temp left
    os.chmod(path.parent, 0o755)  # a folder made by an older version is tightened too
    again, demo_again = cli.default_store()
    assert again == path and not demo_again and mode(path.parent) == 0o700


def test_two_launches_copy_the_demo_once(tmp_path: Path, monkeypatch) -> None:
    import tui.cli.main as cli

    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self: False if self.name == "hoinghi.json" else real_exists(self))
    first = cli.default_store()
    second = cli.default_store()  # it believed no copy existed, and the exclusive create said so
    assert first[1] is True and second == (first[0], False)


# -- exclusive creation ----------------------------------------------------------------------------


def test_create_exclusive_creates_and_refuses_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    assert create_exclusive(path, b'{"a": {}}') == path
    assert path.read_bytes() == b'{"a": {}}' and path.stat().st_nlink == 1
    with pytest.raises(StoreExistsError) as info:
        create_exclusive(path, b"{}")
    assert str(info.value) == f"{path} already exists; choose another name or remove it first"
    assert path.read_bytes() == b'{"a": {}}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.json"]


def test_create_exclusive_loses_a_race_cleanly(tmp_path: Path, monkeypatch) -> None:
    """Deterministic race: the other creator's file appears between our check and our link."""
    path = tmp_path / "new.json"
    real_link = os.link

    def link(src, dst):
        Path(dst).write_bytes(b'{"theirs": {}}')
        real_link(src, dst)

    monkeypatch.setattr(storage_mod.os, "link", link)
    with pytest.raises(StoreExistsError):
        create_exclusive(path, b'{"ours": {}}')
    assert path.read_bytes() == b'{"theirs": {}}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.json"]


def test_create_exclusive_many_racers_exactly_one_wins(tmp_path: Path) -> None:
    for round_ in range(20):
        path = tmp_path / f"race{round_}.json"
        barrier = threading.Barrier(4)
        outcomes: list[str] = []

        def racer(k: int) -> None:
            barrier.wait()
            try:
                create_exclusive(path, orjson.dumps({"by": {"1": {"k": k}}}))
                outcomes.append("created")
            except StoreExistsError:
                outcomes.append("exists")

        threads = [threading.Thread(target=racer, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["created", "exists", "exists", "exists"]
        assert path.stat().st_nlink == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_create_exclusive_without_hard_links_uses_o_excl(tmp_path: Path, monkeypatch) -> None:
    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(storage_mod.os, "link", no_links)
    path = tmp_path / "fat.json"
    create_exclusive(path, b"{}")
    assert path.read_bytes() == b"{}"
    with pytest.raises(StoreExistsError):
        create_exclusive(path, b'{"x": {}}')
    assert path.read_bytes() == b"{}" and sorted(p.name for p in tmp_path.iterdir()) == ["fat.json"]


@pytest.mark.parametrize(
    "failure", [OSError(errno.ENOSPC, "No space left on device"), OSError(errno.EROFS, "Read-only file system"),
                PermissionError(errno.EACCES, "Permission denied")],
    ids=["disk-full", "read-only", "no-permission"])
def test_create_exclusive_failure_is_one_line_and_leaves_nothing(tmp_path: Path, monkeypatch, failure) -> None:
    real_write = os.write

    def write(fd, data):
        if len(data) > 100:
            raise failure
        return real_write(fd, data)

    monkeypatch.setattr(files_mod.os, "write", write)
    path = tmp_path / "new.json"
    with pytest.raises(StoreWriteError) as info:
        create_exclusive(path, b"{" + b" " * 200 + b"}")
    assert str(info.value) == f"could not create {path}: {failure.strerror}; nothing was created"
    assert list(tmp_path.iterdir()) == []


def test_too_long_a_name_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """A 240-byte name fits the file system, but not with our temp and backup suffixes."""
    path = tmp_path / ("đ" * 118 + ".json")  # 236 + 5 = 241 bytes in UTF-8
    with pytest.raises(StoreError) as info:
        create_exclusive(path, b"{}")
    message = str(info.value)
    assert "the file name is too long (241 bytes" in message and "use a shorter name" in message
    assert "\n" not in message and ".tmp" not in message
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(StoreError, match="too long"):
        DurableStorage(path, create=True)
    assert list(tmp_path.iterdir()) == []
    check_name_length(tmp_path / ("a" * 150 + ".json"))  # a long but workable name is fine


def test_errors_name_the_target_never_a_temp_file(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250)  # the name fits, the temp name beside it does not
    with pytest.raises(OSError) as info:
        atomic_write_bytes(target, b"data")
    assert info.value.errno == errno.ENAMETOOLONG
    assert info.value.filename == str(target) and ".tmp" not in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_create_exclusive_link_failure_other_than_no_links_is_reported(tmp_path: Path, monkeypatch) -> None:
    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_mod.os, "link", full)
    path = tmp_path / "new.json"
    with pytest.raises(StoreWriteError, match="No space left on device; nothing was created"):
        create_exclusive(path, b"{}")
    assert list(tmp_path.iterdir()) == []


def test_create_exclusive_loses_a_race_whose_winner_cleared_its_temp_file(tmp_path, monkeypatch):
    """Found in a clean clone's CI: the winner of two `new` opened the store and removed the
    loser's temp file as a crash's leftover; the loser said "No such file or directory"."""
    from store.errors import StoreExistsError

    target = tmp_path / "s.json"
    real_link = os.link

    def winner_first(source, destination, *args, **kwargs):
        target.write_bytes(b"{}")  # the other process created the store...
        os.unlink(source)  # ...and, opening it, removed our temp file
        return real_link(source, destination, *args, **kwargs)

    monkeypatch.setattr(storage_mod.os, "link", winner_first)
    with pytest.raises(StoreExistsError, match="already exists"):
        create_exclusive(target, b"{}")
    assert target.read_bytes() == b"{}"
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]
