"""Child process for tests/test_durability.py: changes a store and says which changes were acknowledged.

    python tests/durability_child.py loop STORE      prints "ready", then one "ack W ..." line after
                                                     each change returns (W: the durable writes made
                                                     so far), until it is killed
    python tests/durability_child.py diskfull STORE  limits the file size (RLIMIT_FSIZE) so the next
                                                     writes fail with EFBIG; prints one JSON line
    python tests/durability_child.py crash STORE POINT N
                                                     makes N changes, then SIGKILLs itself at POINT
                                                     (one of CRASH_POINTS) inside the next write, or
                                                     inside the next backup for the backup-* points

The store is opened with a backup every BACKUP_EVERY writes, so that kills also land between a
write and the next backup, and inside backups.

To drive the app's service instead of raw TinyDB, replace `open_store`, `steps` and `verify`:
the parent only relies on the printed ack lines and on `verify(data, acks)`, where `data` is
the store file parsed with orjson.

An ack is not a write: a change that sets a value already there writes nothing (the first update
sets r0.n to the 0 it holds). Each ack line therefore carries the number of durable writes made
when it returned (`ack_line`, read back by `parse_ack`), and backups are checked against writes.
"""

from __future__ import annotations

import os
import sys

import orjson
from tinydb import Query, TinyDB

from store.errors import StoreWriteError
from store.core.storage import DurableStorage

PRELOADED = 1000  # records "p0".."p999" written by `make_template`
BACKUP_EVERY = 3  # writes between two automatic backups in the trials


def make_template(path: str) -> None:
    """A store with PRELOADED records, so every write in a trial has some weight."""
    db = TinyDB(path, storage=DurableStorage, create=True, backup_keep=0)
    try:
        with db.storage.transaction():
            db.table("records").insert_multiple(
                {"code": f"p{k}", "name": f"Đại biểu số {k}", "n": 0} for k in range(PRELOADED)
            )
            db.table("audit").insert_multiple({"code": f"p{k}", "op": "insert"} for k in range(PRELOADED))
    finally:
        db.close()


def open_store(path: str) -> TinyDB:
    return TinyDB(path, storage=DurableStorage, backup_every=BACKUP_EVERY, backup_keep=1000)


def steps(db: TinyDB, i: int):
    """Yield one ack line after each durable write of change number `i`."""
    records, audit = db.table("records"), db.table("audit")
    code = f"r{i}"
    with db.storage.transaction():  # a record and its audit entry land together or not at all
        records.insert({"code": code, "name": f"Nguyễn Thị {i}", "n": 0})
        audit.insert({"code": code, "op": "insert"})
    yield f"ins {code}"
    target = f"r{i // 2}"
    records.update({"n": i}, Query().code == target)  # TinyDB edits the document in place first
    yield f"upd {target} {i}"


def ack_line(db: TinyDB, ack: str) -> str:
    """The line printed once a change returned: its durable write count, then the change."""
    return f"ack {db.storage.write_count} {ack}"


def parse_ack(text: str) -> tuple[int, str]:
    """(durable writes made when the change returned, the change) of an ack line's text (after "ack ")."""
    writes, _, change = text.partition(" ")
    return int(writes), change


def verify(data: dict, acks: list[str]) -> list[str]:
    """Problems found in the parsed store `data` given the acknowledged lines (empty: all good)."""
    problems = []
    records = {doc["code"]: doc for doc in data.get("records", {}).values()}
    audited = {doc["code"] for doc in data.get("audit", {}).values()}
    for ack in acks:
        kind, code, *rest = parse_ack(ack)[1].split()
        if kind == "ins" and code not in records:
            problems.append(f"acknowledged insert of {code} is missing")
        elif kind == "upd" and records.get(code, {}).get("n", -1) < int(rest[0]):
            problems.append(f"acknowledged update {code}.n={rest[0]} is missing (found {records.get(code)})")
    if set(records) != audited:
        problems.append(f"records and audit disagree: {sorted(set(records) ^ audited)[:5]}")
    missing_preloaded = [f"p{k}" for k in range(PRELOADED) if f"p{k}" not in records]
    if missing_preloaded:
        problems.append(f"{len(missing_preloaded)} preloaded records lost")
    return problems


def loop(path: str) -> None:
    db = open_store(path)
    print("ready", flush=True)
    i = 0
    while True:
        for ack in steps(db, i):
            print(ack_line(db, ack), flush=True)
        i += 1


def disk_full(path: str) -> None:
    import resource
    import signal

    db = open_store(path)
    records = db.table("records")
    before = orjson.dumps(db.storage.read())
    before_docs = [dict(doc) for doc in records.all()]
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(path) + 16, hard))

    def insert() -> None:
        records.insert({"code": "big", "name": "Trần Văn Bé " * 100, "n": 0})

    def update() -> None:
        records.update({"name": "Lê Thị Dài " * 100}, Query().code == "p1")

    def transaction() -> None:
        with db.storage.transaction():
            records.insert({"code": "t1", "name": "x", "n": 0})
            db.table("audit").insert({"code": "t1", "op": "insert"})

    outcomes = []
    for name, action in (("insert", insert), ("update", update), ("transaction", transaction)):
        try:
            action()
            error = None
        except StoreWriteError as exc:
            error = f"{type(exc).__name__}: {exc}"
        outcomes.append(
            {
                "op": name,
                "error": error,
                "memory_unchanged": orjson.dumps(db.storage.read()) == before
                and [dict(doc) for doc in records.all()] == before_docs,
            }
        )
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    records.insert({"code": "after", "name": "after the disk was freed", "n": 0})
    db.close()
    print(orjson.dumps({"outcomes": outcomes, "write_after_ok": True}).decode(), flush=True)


STORE_POINTS = ("temp-half-written", "before-replace", "after-replace")
BACKUP_POINTS = ("backup-half-written", "before-backup-replace", "after-backup-replace")
CRASH_POINTS = STORE_POINTS + BACKUP_POINTS


def crash(path: str, point: str, after: str) -> None:
    """Die by SIGKILL at `point` of the first write (or backup) after `after` acknowledged changes."""
    import signal

    assert point in CRASH_POINTS, point
    db = open_store(path)
    real_open, real_write, real_replace = os.open, os.write, os.replace
    backup_fds: set[int] = set()
    armed = False

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def in_backups(name) -> bool:
        return os.path.basename(os.path.dirname(os.fspath(name))).endswith(".backups")

    def open_(name, flags, *args, **kwargs) -> int:
        fd = real_open(name, flags, *args, **kwargs)
        (backup_fds.add if in_backups(name) else backup_fds.discard)(fd)
        return fd

    def write(fd: int, data) -> int:  # the store and its backups are written with os.write
        if armed and fd in backup_fds and point == "backup-half-written":
            real_write(fd, bytes(data[: len(data) // 2]))
            die()
        if armed and fd not in backup_fds and point == "temp-half-written":
            real_write(fd, bytes(data[: len(data) // 2]))
            die()
        return real_write(fd, data)

    def replace(source, target) -> None:
        backup = in_backups(target)
        if armed and point == ("before-backup-replace" if backup else "before-replace"):
            die()
        real_replace(source, target)
        if armed and point == ("after-backup-replace" if backup else "after-replace"):
            die()

    os.open, os.write, os.replace = open_, write, replace
    print("ready", flush=True)
    for i in range(int(after)):
        for ack in steps(db, i):
            print(ack_line(db, ack), flush=True)
    armed = True
    for i in range(int(after), int(after) + 2 * BACKUP_EVERY):  # a backup comes within N writes
        for ack in steps(db, i):
            print(ack_line(db, ack), flush=True)
    print("survived", flush=True)


def main(argv: list[str]) -> None:
    mode, path, *rest = argv
    {"loop": loop, "diskfull": disk_full, "crash": crash}[mode](path, *rest)


if __name__ == "__main__":
    main(sys.argv[1:])
