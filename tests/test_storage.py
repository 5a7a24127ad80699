"""DurableStorage: exclusive, durable, with backups; refuses damaged files without touching them."""

from __future__ import annotations

import errno
import gc
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import filelock
import orjson
import pytest
from tinydb import Query, TinyDB

import store.core.backup_schedule as backup_schedule
import store.core.storage as storage_mod
import store.core.writing as writing_mod
from store.errors import (
    StoreCorruptError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
    StoreWriteError,
)
from store.core.opening import open_tinydb
from store.core.storage import (
    DirectorySyncError,
    DurableStorage,
    atomic_write_bytes,
    list_backups,
    newest_good_backup,
)

ROOT = Path(__file__).resolve().parent.parent
Q = Query()


def open_db(path: Path, **kwargs) -> TinyDB:
    return TinyDB(path, storage=DurableStorage, **kwargs)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A closed store holding three delegates."""
    path = tmp_path / "hoinghi.json"
    db = open_db(path, create=True)
    db.insert_multiple({"code": f"D{k}", "name": f"Nguyễn Văn {k}", "checked_in": False} for k in range(3))
    db.close()
    return path


@pytest.fixture
def db(store: Path):
    handle = open_db(store)
    yield handle
    handle.close()


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# -- round trip --------------------------------------------------------------------------------


def test_round_trip_through_tinydb(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path, create=True)
    assert path.read_bytes() == b"{}"
    a = db.insert({"code": "A", "n": 1})
    db.insert({"code": "B", "n": 2})
    db.table("audit").insert({"op": "insert", "code": "A"})
    db.update({"n": 10}, Q.code == "A")
    db.remove(Q.code == "B")
    db.close()

    db = open_db(path)
    assert db.all() == [{"code": "A", "n": 10}]
    assert db.get(doc_id=a) == {"code": "A", "n": 10}
    assert db.table("audit").all() == [{"op": "insert", "code": "A"}]
    assert db.storage.path == path.resolve()
    db.close()


def test_vietnamese_text_is_stored_as_raw_utf8(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path, create=True)
    db.insert({"name": "Nguyễn Thị Hồng Nhung", "unit": "Sở Giáo dục và Đào tạo"})
    db.close()
    raw = path.read_bytes()
    assert "Nguyễn Thị Hồng Nhung".encode() in raw
    assert "Đào tạo".encode() in raw
    assert b"\\u" not in raw


def test_create_on_existing_file_opens_it_unchanged(store: Path) -> None:
    before = store.read_bytes()
    db = open_db(store, create=True)
    assert len(db) == 3
    db.close()
    assert store.read_bytes() == before


def test_missing_file_is_not_found(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    with pytest.raises(StoreNotFoundError) as info:
        DurableStorage(path)
    assert str(path) in str(info.value)
    assert list(tmp_path.iterdir()) == []  # not even a lock file was left


def test_missing_folder_is_not_found_even_with_create(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "s.json"
    with pytest.raises(StoreNotFoundError, match="does not exist"):
        DurableStorage(path, create=True)
    assert not (tmp_path / "no").exists()


def test_identical_write_is_skipped(db: TinyDB) -> None:
    db.update({"n": 1}, Q.code == "nobody")  # TinyDB writes even when nothing matched
    assert db.storage.write_count == 0
    db.update({"checked_in": True}, Q.code == "D1")
    assert db.storage.write_count == 1


def test_atomic_write_bytes_replaces_and_makes_the_file_private(tmp_path: Path) -> None:
    """A replaced file never keeps a looser mode: 0640 (or 0644) becomes 0600 (rule 6)."""
    target = tmp_path / "export.csv"
    atomic_write_bytes(target, b"first")
    os.chmod(target, 0o640)
    atomic_write_bytes(target, "Hồ Chí Minh".encode())
    assert target.read_bytes() == "Hồ Chí Minh".encode()
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    assert temp_files(tmp_path) == []


# -- the lock ----------------------------------------------------------------------------------


def test_second_open_in_same_process_is_refused(db: TinyDB, store: Path) -> None:
    with pytest.raises(StoreLockedError) as info:
        open_db(store)
    message = str(info.value)
    assert message == f"{store} is already open in this program; close it there first"  # en.store.json
    assert "\n" not in message
    with pytest.raises(StoreLockedError):
        DurableStorage(store, create=True)
    db.insert({"code": "D9"})  # the refused attempt did not disturb the open handle
    assert len(db) == 4


def test_second_open_from_another_process_is_refused(db: TinyDB, store: Path) -> None:
    code = (
        "import sys\n"
        "from store.core.storage import DurableStorage\n"
        "from store.errors import StoreLockedError\n"
        "try:\n"
        "    DurableStorage(sys.argv[1])\n"
        "    print('opened')\n"
        "except StoreLockedError as exc:\n"
        "    print('StoreLockedError', exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(store)], capture_output=True, text=True, timeout=30, cwd=ROOT
    )
    assert result.stdout.startswith("StoreLockedError"), result.stdout + result.stderr
    assert f"process {os.getpid()}, since " in result.stdout
    assert f"(host {socket.gethostname()})" in result.stdout
    assert "(this program)" not in result.stdout


def test_after_close_it_opens_again(store: Path) -> None:
    first = DurableStorage(store)
    note = Path(f"{store}.lock.json")
    assert orjson.loads(note.read_bytes())["pid"] == os.getpid()
    first.close()
    first.close()  # idempotent
    assert not note.exists()
    with pytest.raises(StoreError, match="closed"):
        first.read()
    second = DurableStorage(store)
    assert len(second.read()["_default"]) == 3
    second.close()


def test_lock_is_released_when_a_handle_is_garbage_collected(store: Path) -> None:
    handle = DurableStorage(store)
    del handle
    gc.collect()
    DurableStorage(store).close()


def test_open_on_one_thread_close_on_another(store: Path) -> None:
    opened: list[DurableStorage] = []
    worker = threading.Thread(target=lambda: opened.append(DurableStorage(store)))
    worker.start()
    worker.join()
    opened[0].close()
    lock = filelock.FileLock(f"{store}.lock", timeout=0)
    lock.acquire()  # the OS lock is really free, not just the registry entry
    lock.release()
    DurableStorage(store).close()


def test_stale_lock_note_from_dead_process_does_not_block(store: Path) -> None:
    Path(f"{store}.lock").write_bytes(b"")
    stale = {"pid": 999_999_999, "host": "old-laptop", "since": "2024-11-30T07:00:00+07:00"}
    Path(f"{store}.lock.json").write_bytes(orjson.dumps(stale))
    storage = DurableStorage(store)
    assert orjson.loads(Path(f"{store}.lock.json").read_bytes())["pid"] == os.getpid()
    storage.close()


# -- damaged files -------------------------------------------------------------------------------


def _damage(kind: str, path: Path) -> None:
    """Replace the file with damaged bytes (a new inode, as any replace-style writer leaves it)."""
    raw = path.read_bytes()
    damaged = {
        "empty": b"",
        "truncated": raw[: len(raw) // 2],
        "garbage": os.urandom(64).replace(b"{", b"x"),
        "list": b'[{"code": "D1"}]',
        "table-not-object": b'{"_default": [1, 2]}',
        "bad-utf8": b'{"_default": {"1": {"name": "\xff\xfe"}}}',
    }[kind]
    fresh = path.with_name("damaged.tmp")
    fresh.write_bytes(damaged)
    os.replace(fresh, path)


DAMAGE = ["empty", "truncated", "garbage", "list", "table-not-object", "bad-utf8"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_file_is_refused_untouched_naming_newest_good_backup(kind: str, store: Path) -> None:
    db = open_db(store)  # a second open with changes: its backup is the newest good one
    db.insert({"code": "D3"})
    db.storage.backup_now("good")
    db.close()
    good = list_backups(store)[0]
    newer_bad = good.parent / "hoinghi.99991231T235959999999Z.auto.json"
    newer_bad.write_bytes(b'{"_default": {"1": ')  # a damaged backup must be skipped
    _damage(kind, store)
    before = store.read_bytes()
    backups_before = list_backups(store)

    with pytest.raises(StoreCorruptError) as info:
        open_db(store)
    message = str(info.value)
    assert message.startswith(f"{store} cannot be opened: ")
    assert message.endswith(f"; newest good backup: {good}")
    assert "\n" not in message
    assert store.read_bytes() == before
    assert list_backups(store) == backups_before
    assert not Path(f"{store}.lock.json").exists()
    assert newest_good_backup(store) == good

    store.write_bytes(good.read_bytes())  # restoring the backup is the way out
    db = open_db(store)
    assert len(db) == 4
    db.close()


def test_damage_in_place_does_not_hit_the_newest_backup(store: Path) -> None:
    """Backups are copies, not hard links: something outside the app that rewrites the file in
    place (an editor, a shell `>`, an old TinyDB JSONStorage) damages the store only, and the
    refusal names the newest backup, which holds the last saved state."""
    db = open_db(store)
    db.insert({"code": "D3"})
    db.storage.backup_now("older")
    db.insert({"code": "D4"})
    newest = db.storage.backup_now("newest")
    assert not os.path.samefile(newest, store)
    saved = store.read_bytes()
    db.close()
    with open(store, "r+b") as f:  # in place: truncate to half
        f.truncate(store.stat().st_size // 2)
    with pytest.raises(StoreCorruptError) as info:
        DurableStorage(store)
    assert str(info.value).endswith(f"; newest good backup: {newest}")
    assert newest.read_bytes() == saved


@pytest.mark.parametrize("kind", ["empty", "truncated", "list"])
def test_damaged_file_without_backups_says_so(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(orjson.dumps({"_default": {str(k): {"code": f"D{k}"} for k in range(20)}}))
    _damage(kind, path)
    before = path.read_bytes()
    with pytest.raises(StoreCorruptError, match="no good backup found"):
        DurableStorage(path)
    assert path.read_bytes() == before


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_bytes(b'\xef\xbb\xbf{"_default": {"1": {"name": "L\xc3\xaa"}}}')
    db = open_db(path)
    assert db.all() == [{"name": "Lê"}]
    db.close()


def test_stale_temp_files_are_removed_at_open(store: Path) -> None:
    folder, backups = store.parent, store.parent / "hoinghi.json.backups"
    ours = [
        folder / ".hoinghi.json.0123456789abcdef.tmp",
        folder / ".hoinghi.json.lock.json.fedcba9876543210.tmp",
        backups / ".hoinghi.20241130T081205000000Z.auto.json.00112233445566ff.tmp",
    ]
    others = [folder / ".other.json.0123456789abcdef.tmp", folder / "notes.tmp", folder / ".hoinghi.json.tmp"]
    for path in ours + others:
        path.write_bytes(b'{"half')
    DurableStorage(store).close()
    assert [p.exists() for p in ours] == [False] * len(ours)
    assert [p.exists() for p in others] == [True] * len(others)


# -- backups -----------------------------------------------------------------------------------


def test_backups_at_open_every_n_writes_and_pruned(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path, create=True, backup_every=3, backup_keep=4)
    assert len(list_backups(path)) == 1  # at open
    for k in range(20):
        db.insert({"k": k})
    assert db.storage.write_count == 20
    found = list_backups(path)
    assert len(found) == 4  # 1 at open + 6 periodic, pruned to the newest 4
    assert found == sorted(found, reverse=True)
    sizes = [len(orjson.loads(p.read_bytes())["_default"]) for p in found]
    assert sizes == [18, 15, 12, 9]  # copies keep the content of their moment
    assert not any(os.path.samefile(p, path) for p in found)
    db.close()  # two writes since the last backup: closing backs them up
    closed = list_backups(path)
    assert closed[1:] == found[:3]
    assert len(orjson.loads(closed[0].read_bytes())["_default"]) == 20
    assert ".close." in closed[0].name

    db = open_db(path, backup_every=3, backup_keep=4)  # nothing changed since: no backup at open
    assert list_backups(path) == closed
    db.close()
    assert list_backups(path) == closed  # nothing written: no backup at close either
    changed = orjson.loads(path.read_bytes())
    changed["_default"]["99"] = {"k": 99}
    path.write_bytes(orjson.dumps(changed))  # changed by another program while closed
    db = open_db(path, backup_every=3, backup_keep=4)  # opening a changed file backs it up
    reopened = list_backups(path)
    assert reopened[1:] == closed[:3] and ".open." in reopened[0].name
    assert len(orjson.loads(reopened[0].read_bytes())["_default"]) == 21
    db.close()
    db = open_db(path, backup_every=3, backup_keep=4)  # ...but not again when nothing changed
    assert list_backups(path) == reopened
    db.close()


def test_backup_now_and_custom_folder(tmp_path: Path, store: Path) -> None:
    folder = tmp_path / "elsewhere"
    storage = DurableStorage(store, backup_dir=folder)
    made = storage.backup_now("before migration v2")
    assert made.parent == folder and ".before-migration-v2." in made.name
    assert made.read_bytes() == store.read_bytes()
    assert list_backups(store, folder)[0] == made
    assert newest_good_backup(store, folder) == made
    storage.close()


def test_backup_stamps_increase_even_if_the_clock_steps_back(store: Path) -> None:
    storage = DurableStorage(store)
    future = storage.backup_dir / "hoinghi.29991231T235959999999Z.manual.json"
    future.write_bytes(store.read_bytes())
    made = storage.backup_now("after")
    assert list_backups(store)[0] == made and made.name > future.name
    storage.close()


def test_no_backups_when_keep_is_zero(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path, create=True, backup_keep=0, backup_every=1)
    db.insert({"code": "D5"})
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.json", "s.json.lock"]


def test_failed_backup_does_not_fail_the_write(db: TinyDB, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_schedule, "make_backup", broken)
    db.storage._backups.every = 1
    db.insert({"code": "D7"})
    assert "No space left on device" in db.storage.last_backup_error
    with pytest.raises(StoreWriteError, match="could not back up"):
        db.storage.backup_now("x")


# -- failed writes -------------------------------------------------------------------------------


def _fail_replace(monkeypatch: pytest.MonkeyPatch, exc: OSError) -> list[int]:
    calls: list[int] = []

    def replace(src, dst):
        calls.append(1)
        raise exc

    monkeypatch.setattr(storage_mod.os, "replace", replace)
    return calls


CHANGES = {
    "insert": lambda db: db.insert({"code": "D9", "name": "Phạm Thị Mới"}),
    "update": lambda db: db.update({"checked_in": True, "name": "Đổi tên"}, Q.code == "D1"),
    "remove": lambda db: db.remove(Q.code == "D2"),
    "truncate": lambda db: db.truncate(),
    "transaction": lambda db: _two_in_transaction(db),
}


def _two_in_transaction(db: TinyDB) -> None:
    with db.storage.transaction():
        db.update({"checked_in": True}, Q.code == "D0")
        db.table("audit").insert({"op": "check-in", "code": "D0"})


@pytest.mark.parametrize("change", list(CHANGES))
@pytest.mark.parametrize(
    "failure",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EROFS, "Read-only file system"),
        PermissionError(errno.EACCES, "Permission denied"),
    ],
    ids=["disk-full", "read-only", "permission-forever"],
)
def test_failed_write_changes_nothing(
    change: str, failure: OSError, db: TinyDB, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writing_mod, "REPLACE_RETRY_SECONDS", 0.05)
    before_bytes, before_docs = store.read_bytes(), db.all()
    before_audit = db.table("audit").all()
    calls = _fail_replace(monkeypatch, failure)

    with pytest.raises(StoreWriteError) as info:
        CHANGES[change](db)
    message = str(info.value)
    assert message == f"could not save {store}: {failure.strerror}; nothing was changed"
    if isinstance(failure, PermissionError):
        assert len(calls) > 1  # retried, as for antivirus on Windows
    assert store.read_bytes() == before_bytes
    assert db.all() == before_docs and db.table("audit").all() == before_audit
    assert db.storage.write_count == 0
    assert temp_files(store.parent) == []

    monkeypatch.undo()
    db.insert({"code": "D8"})  # the store still works once the cause is gone
    assert len(db) == len(before_docs) + 1
    assert orjson.loads(store.read_bytes())["_default"] == db.storage.read()["_default"]


def test_failed_update_does_not_leave_in_place_edits(db: TinyDB, monkeypatch: pytest.MonkeyPatch) -> None:
    """TinyDB edits the document dict before write(); memory must go back to the committed state."""
    _fail_replace(monkeypatch, OSError(errno.EIO, "Input/output error"))
    with pytest.raises(StoreWriteError):
        db.update({"checked_in": True}, Q.code == "D1")
    with pytest.raises(StoreWriteError):
        db.update(lambda doc: doc.__setitem__("name", "changed"), Q.code == "D2")
    db.clear_cache()
    assert db.get(Q.code == "D1")["checked_in"] is False
    assert db.get(Q.code == "D2")["name"] == "Nguyễn Văn 2"
    assert db.storage.read()["_default"]["2"]["checked_in"] is False


def test_failed_fsync_changes_nothing(db: TinyDB, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.read_bytes()

    def fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(writing_mod, "_fsync_file", fsync)
    with pytest.raises(StoreWriteError, match="Input/output error; nothing was changed"):
        db.insert({"code": "D9"})
    assert store.read_bytes() == before and len(db) == 3 and temp_files(store.parent) == []


def test_value_json_cannot_hold_is_refused(db: TinyDB, store: Path) -> None:
    before = store.read_bytes()
    with pytest.raises(StoreWriteError, match="nothing was changed"):
        db.insert({"code": "D9", "tags": {"a", "b"}})
    assert store.read_bytes() == before and len(db) == 3


def test_brief_permission_error_is_retried(db: TinyDB, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace, failures = os.replace, [PermissionError(errno.EACCES, "held by antivirus")] * 2

    def replace(src, dst):
        if failures:
            raise failures.pop()
        real_replace(src, dst)

    monkeypatch.setattr(storage_mod.os, "replace", replace)
    db.insert({"code": "D9"})
    assert not failures and len(orjson.loads(store.read_bytes())["_default"]) == 4


def test_unconfirmed_folder_sync_is_reported_but_memory_matches_file(
    db: TinyDB, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fsync_dir(folder):
        raise DirectorySyncError(errno.EIO, "Input/output error")

    monkeypatch.setattr(writing_mod, "_fsync_directory", fsync_dir)
    with pytest.raises(StoreWriteError, match="did not confirm"):
        db.insert({"code": "D9"})
    assert len(db) == 4 == len(orjson.loads(store.read_bytes())["_default"])


# -- transactions ------------------------------------------------------------------------------


def test_transaction_writes_once(db: TinyDB, store: Path) -> None:
    storage = db.storage
    with storage.transaction():
        db.update({"checked_in": True}, Q.code == "D0")
        db.table("audit").insert({"op": "check-in", "code": "D0"})
        with storage.transaction():  # nested blocks join the outer one
            db.insert({"code": "D3"})
        assert db.get(Q.code == "D0")["checked_in"] is True  # reads see the pending change
        assert storage.write_count == 0
        assert b"check-in" not in store.read_bytes()
    assert storage.write_count == 1
    saved = orjson.loads(store.read_bytes())
    assert saved["audit"]["1"]["code"] == "D0" and len(saved["_default"]) == 4
    with storage.transaction():  # nothing changed: nothing written
        db.all()
    assert storage.write_count == 1


def test_transaction_rolls_back_on_exception(db: TinyDB, store: Path) -> None:
    before = store.read_bytes()
    with pytest.raises(ValueError, match="bad audit"):
        with db.storage.transaction():
            db.update({"checked_in": True}, Q.code == "D0")
            raise ValueError("bad audit")
    assert db.get(Q.code == "D0")["checked_in"] is False
    assert store.read_bytes() == before and db.storage.write_count == 0


def test_swallowed_inner_failure_discards_the_whole_transaction(db: TinyDB, store: Path) -> None:
    before = store.read_bytes()
    with pytest.raises(StoreWriteError, match="a step inside the change failed; nothing was changed"):
        with db.storage.transaction():
            db.insert({"code": "D3"})
            try:
                with db.storage.transaction():
                    db.insert({"code": "D4"})
                    raise KeyError("inner")
            except KeyError:
                pass
            db.insert({"code": "D5"})
    assert store.read_bytes() == before and len(db) == 3


def test_transaction_whose_commit_fails_restores_memory(
    db: TinyDB, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = store.read_bytes()
    _fail_replace(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(StoreWriteError, match="No space left on device; nothing was changed"):
        _two_in_transaction(db)
    assert store.read_bytes() == before
    assert db.get(Q.code == "D0")["checked_in"] is False and db.table("audit").all() == []


def test_rollback_clears_tinydb_query_cache_with_open_tinydb(store: Path) -> None:
    """TinyDB's search() cache would otherwise keep results of the discarded changes."""
    db = open_tinydb(store)
    with pytest.raises(RuntimeError):
        with db.storage.transaction():
            db.update({"checked_in": True}, Q.code == "D0")
            assert db.search(Q.code == "D0")[0]["checked_in"] is True  # cached here
            raise RuntimeError("operator pressed Escape")
    assert db.search(Q.code == "D0")[0]["checked_in"] is False
    assert db.table("_default").count(Q.checked_in == True) == 0  # noqa: E712
    db.close()


# -- layering ----------------------------------------------------------------------------------


def test_store_imports_no_ui() -> None:
    code = (
        "import sys, store.core.storage, store.core.backups, store.core.lock\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich', 'tui'})\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, cwd=ROOT)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
