"""Another program writing the store is noticed before each write; hard-link aliases are refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from tinydb import Query, TinyDB

from store.core.backups import list_backups
from store.core.opening import open_tinydb
from store.core.storage import DurableStorage
from store.errors import (
    StoreChangedOnDiskError,
    StoreCorruptError,
    StoreHardLinkError,
    StoreLockedError,
    StoreNotFoundError,
    StoreWriteError,
)

ROOT = Path(__file__).resolve().parents[2]
Q = Query()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "hoinghi.json"
    db = TinyDB(path, storage=DurableStorage, create=True)
    db.insert_multiple({"code": f"D{k}", "in": False} for k in range(3))
    db.close()
    return path


def other_program(kind: str, path: Path) -> None:
    raw = path.read_bytes()
    if kind == "replaced":  # a sync tool or an editor that saves by rename
        fresh = path.with_name("fresh.part")
        fresh.write_bytes(raw.replace(b'"in":false', b'"in":true', 1))
        os.replace(fresh, path)
    elif kind == "in-place":  # `> store.json`, the old TinyDB JSONStorage
        with open(path, "r+b") as f:
            f.write(raw.replace(b'"in":false', b'"in":true', 1))
    elif kind == "in-place-mtime-put-back":  # a tool that restores the modification time
        st = path.stat()
        with open(path, "r+b") as f:
            f.write(raw[:-2] + b"}}")
            f.truncate(len(raw) - 1)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    elif kind == "truncated":
        with open(path, "r+b") as f:
            f.truncate(0)
    elif kind == "removed":
        path.unlink()
    elif kind == "linked":
        os.link(path, path.with_name("alias.json"))
    else:
        raise AssertionError(kind)


KINDS = {
    "replaced": "replaced",
    "in-place": "modified",
    "in-place-mtime-put-back": "modified",
    "truncated": "modified",
    "removed": "removed",
    "linked": "linked",
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_write_after_another_program_changed_the_file_saves_nothing(kind: str, store: Path) -> None:
    db = open_tinydb(store)
    db.update({"in": True}, Q.code == "D2")  # a write of ours: the identity is the written file's
    ours = store.read_bytes()
    other_program(kind, store)
    theirs = store.read_bytes() if store.exists() else None
    with pytest.raises(StoreChangedOnDiskError) as info:
        db.update({"in": True}, Q.code == "D0")
    assert str(info.value) == (
        f"{store} was changed by another program since it was opened; nothing was saved; reload it"
    )
    assert info.value.kind == KINDS[kind] and isinstance(info.value, StoreWriteError)
    assert (store.read_bytes() if store.exists() else None) == theirs  # nothing written over it
    assert db.get(Q.code == "D0")["in"] is False  # memory is back to the last committed state
    assert db.search(Q.code == "D0")[0]["in"] is False
    assert list_backups(store)[0].read_bytes() == ours  # and that state is kept as a backup
    assert ".last-saved." in list_backups(store)[0].name
    with pytest.raises(StoreChangedOnDiskError):  # still refused: it asks for a reload
        db.insert({"code": "D9"})
    db.close()


def test_changes_before_the_first_write_are_noticed_too(store: Path) -> None:
    db = open_tinydb(store)
    assert not db.storage.changed_on_disk()
    other_program("in-place", store)
    assert db.storage.changed_on_disk()
    with pytest.raises(StoreChangedOnDiskError):
        db.insert({"code": "D9"})
    db.close()


def test_reload_adopts_the_file_as_it_is_now(store: Path) -> None:
    db = open_tinydb(store)
    db.update({"in": True}, Q.code == "D2")
    ours = store.read_bytes()
    other_program("replaced", store)
    theirs = store.read_bytes()
    with pytest.raises(StoreChangedOnDiskError):
        db.update({"in": True}, Q.code == "D1")
    assert db.get(Q.code == "D0")["in"] is False
    db.storage.reload()
    assert not db.storage.changed_on_disk()
    assert db.search(Q.code == "D0")[0]["in"] is True  # the other program's change, caches cleared
    assert [p.read_bytes() for p in list_backups(store)[:2]] == [theirs, ours]  # both kept
    db.update({"in": True}, Q.code == "D1")  # writing works again, on top of their version
    saved = orjson.loads(store.read_bytes())["_default"]
    assert [saved[k]["in"] for k in ("1", "2", "3")] == [True, True, True]
    db.close()


def test_reload_refuses_a_damaged_or_missing_file_and_keeps_memory(store: Path) -> None:
    db = open_tinydb(store)
    other_program("truncated", store)
    with pytest.raises(StoreCorruptError, match="cannot be reloaded: the file is empty; the file was left untouched"):
        db.storage.reload()
    assert len(db) == 3 and store.read_bytes() == b""
    store.unlink()
    with pytest.raises(StoreNotFoundError):
        db.storage.reload()
    assert len(db) == 3
    db.close()


def test_own_writes_never_look_like_another_program(store: Path) -> None:
    db = open_tinydb(store, backup_every=1)
    for k in range(30):
        with db.storage.transaction():
            db.insert({"code": f"N{k}"})
            db.update({"in": True}, Q.code == f"N{k}")
    assert len(db) == 33 and not db.storage.changed_on_disk()
    db.close()


# -- hard links --------------------------------------------------------------------------------


def test_hard_link_alias_of_an_open_store_is_refused_in_this_process(store: Path) -> None:
    db = open_tinydb(store)
    alias = store.with_name("alias.json")
    os.link(store, alias)
    with pytest.raises(StoreLockedError) as info:
        DurableStorage(alias)
    assert str(info.value) == f"{alias} is already open in this program as {store}; close it there first"
    db.close()
    with pytest.raises(StoreHardLinkError) as linked:  # closed, it is still refused: two names
        DurableStorage(alias)
    message = str(linked.value)
    assert message.startswith(f"{alias} has another name (hard link; 2 names in all)") and "\n" not in message
    with pytest.raises(StoreHardLinkError):
        DurableStorage(store)
    alias.unlink()
    DurableStorage(store).close()


def test_hard_link_alias_of_an_open_store_is_refused_in_another_process(store: Path) -> None:
    db = open_tinydb(store)
    alias = store.parent / "elsewhere" / "alias.json"
    alias.parent.mkdir()
    os.link(store, alias)  # another folder: another lock file
    code = (
        "import sys\n"
        "from store.core.storage import DurableStorage\n"
        "from store.errors import StoreError\n"
        "try:\n"
        "    DurableStorage(sys.argv[1]).close()\n"
        "    print('opened')\n"
        "except StoreError as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(alias)], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.stdout.startswith(f"StoreHardLinkError {alias} has another name"), result.stdout + result.stderr
    db.close()


def test_a_store_with_an_empty_lock_file_and_a_bogus_note_opens(store: Path) -> None:
    Path(f"{store}.lock").write_bytes(b"")
    Path(f"{store}.lock.json").write_bytes(b"\x00not a note")
    db = DurableStorage(store)
    assert orjson.loads(Path(f"{store}.lock.json").read_bytes())["pid"] == os.getpid()
    db.close()
    Path(f"{store}.lock").write_bytes(b"12345\nleft by a soft lock of some other tool")
    DurableStorage(store).close()
