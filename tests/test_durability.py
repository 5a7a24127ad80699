"""Acknowledged means durable: random SIGKILLs during writes, and a full disk.

The child process is tests/durability_child.py; swap its `open_store`/`steps`/`verify` to run
the same trials through the app's service.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import orjson
import pytest

from store.core.backups import list_backups
from store.core.storage import DurableStorage

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL and RLIMIT_FSIZE (POSIX)")]

ROOT = Path(__file__).resolve().parent.parent
CHILD = Path(__file__).resolve().parent / "durability_child.py"
KILL_TRIALS = 50


def _spawn(mode: str, store: Path, stderr_path: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen(
        [sys.executable, str(CHILD), mode, str(store), *extra],
        stdout=subprocess.PIPE,
        stderr=stderr_path.open("wb"),
        env=env,
        cwd=ROOT,
    )


def _child_module():
    sys.path.insert(0, str(CHILD.parent))
    try:
        import durability_child
    finally:
        sys.path.remove(str(CHILD.parent))
    return durability_child


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "store.json"
    _child_module().make_template(str(path))
    return path


@pytest.mark.parametrize("trial", range(KILL_TRIALS))
def test_kill_during_writes_loses_no_acknowledged_change(trial: int, template: Path, tmp_path: Path) -> None:
    rng = random.Random(trial)
    store = tmp_path / "store.json"
    shutil.copyfile(template, store)
    stderr_path = tmp_path / "child.err"
    child = _spawn("loop", store, stderr_path)
    watchdog = threading.Timer(20, child.kill)
    watchdog.start()
    try:
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first == b"ready\n", f"child did not start: {first!r} {stderr_path.read_text()}"
        # The delay runs from the first ack, not from "ready": on a busy machine the first write
        # alone can take longer than the shortest delay (trials then "acknowledged nothing").
        first_ack = child.stdout.readline()
        assert first_ack.startswith(b"ack "), f"no first ack: {first_ack!r} {stderr_path.read_text()}"
        delay = rng.uniform(0.05, 0.4)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out = first_ack + child.stdout.read()
        child.wait()
    finally:
        watchdog.cancel()
    assert child.returncode == -signal.SIGKILL, stderr_path.read_text()
    lines = out.split(b"\n")[:-1]  # a last line without its newline was never fully acknowledged
    acks = [line.decode()[4:] for line in lines if line.startswith(b"ack ")]
    assert acks, f"trial {trial}: the child acknowledged nothing in {delay:.3f} s"

    data = orjson.loads(store.read_bytes())  # must parse: never a half-written file
    problems = _child_module().verify(data, acks)
    assert not problems, f"trial {trial} (killed after {delay:.3f} s, {len(acks)} acks): {problems}"

    _check_backups(store, data, acks)

    storage = DurableStorage(store)  # the dead child's lock is free, its temp files are swept
    try:
        assert storage.read() == data
        assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    finally:
        storage.close()


def _check_backups(store: Path, data: dict, acks: list[str]) -> None:
    """Every backup under its final name is whole, none shares the store's inode, and the newest
    one holds every acknowledged change made by the last write that completed a backup interval
    (N = the child's backup interval: backups follow writes N, 2N, ..., and the write that
    triggers a backup is acknowledged only once the backup is made). Counted in writes, not
    acks: a change that sets a value already there writes nothing."""
    child = _child_module()
    found = list_backups(store)
    assert found, "the child backs up at open"
    for backup in found:
        assert not os.path.samefile(backup, store)
        orjson.loads(backup.read_bytes())  # never a half-written backup
    newest = orjson.loads(found[0].read_bytes())
    backed_up = child.parse_ack(acks[-1])[0] // child.BACKUP_EVERY * child.BACKUP_EVERY if acks else 0
    covered = [ack for ack in acks if child.parse_ack(ack)[0] <= backed_up]
    assert not child.verify(newest, covered), f"newest backup {found[0].name} misses acknowledged changes"
    assert not child.verify(data, acks)


@pytest.mark.parametrize("point", ["temp-half-written", "before-replace", "after-replace"])
def test_kill_at_each_step_of_a_write(point: str, template: Path, tmp_path: Path) -> None:
    """Deterministic complement of the random kills: die at a chosen point inside a write."""
    store = tmp_path / "store.json"
    shutil.copyfile(template, store)
    stderr_path = tmp_path / "child.err"
    child = _spawn("crash", store, stderr_path, point, "5")
    out, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, stderr_path.read_text()
    lines = out.decode().splitlines()
    assert "survived" not in lines
    acks = [line[4:] for line in lines if line.startswith("ack ")]
    assert len(acks) == 10  # five changes of two writes each; the sixth died in its first write

    data = orjson.loads(store.read_bytes())
    assert not _child_module().verify(data, acks)
    codes = {doc["code"] for doc in data["records"].values()}
    # The dying write (record r5 and its audit entry) is all there only once the replace happened.
    assert ("r5" in codes) == (point == "after-replace")
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert bool(leftovers) == (point != "after-replace")

    storage = DurableStorage(store)
    try:
        assert storage.read() == data
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    finally:
        storage.close()


@pytest.mark.parametrize("point", ["backup-half-written", "before-backup-replace", "after-backup-replace"])
def test_kill_between_a_write_and_its_backup(point: str, template: Path, tmp_path: Path) -> None:
    """Die inside the backup that follows a write: the write is durable (not yet acknowledged),
    no half backup ever carries a final name, and the newest backup is at most N writes old."""
    store = tmp_path / "store.json"
    shutil.copyfile(template, store)
    stderr_path = tmp_path / "child.err"
    child = _spawn("crash", store, stderr_path, point, "5")
    out, _ = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, stderr_path.read_text()
    lines = out.decode().splitlines()
    assert "survived" not in lines
    acks = [line[4:] for line in lines if line.startswith("ack ")]
    # 5 changes = 9 writes (the first update changes nothing), backups after writes 3, 6 and 9;
    # writes 10 and 11 (change 5) are acknowledged; write 12 (insert r6) is durable, then its
    # backup dies before it is acknowledged.
    assert len(acks) == 12 and [_child_module().parse_ack(a) for a in acks[-2:]] == [(10, "ins r5"), (11, "upd r2 5")]
    data = orjson.loads(store.read_bytes())
    assert not _child_module().verify(data, acks)
    assert "r6" in {d["code"] for d in data["records"].values()}  # write 12 is there
    _check_backups(store, data, acks)
    newest = list_backups(store)[0].read_bytes()
    assert (orjson.loads(newest) == data) == (point == "after-backup-replace")
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    assert bool(leftovers) == (point != "after-backup-replace")

    storage = DurableStorage(store)  # reopening sweeps the half backup and backs up the store
    try:
        assert storage.read() == data
        assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
        assert list_backups(store)[0].read_bytes() == store.read_bytes()
    finally:
        storage.close()


def test_disk_full_refuses_the_write_and_changes_nothing(template: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    shutil.copyfile(template, store)
    before = store.read_bytes()
    stderr_path = tmp_path / "child.err"
    child = _spawn("diskfull", store, stderr_path)
    out, _ = child.communicate(timeout=30)
    assert child.returncode == 0, stderr_path.read_text()
    report = orjson.loads(out.splitlines()[-1])
    for outcome in report["outcomes"]:
        error = outcome["error"]
        assert error is not None, f"{outcome['op']} succeeded despite the file size limit"
        assert error.startswith("StoreWriteError: could not save "), error
        assert str(store) in error and "nothing was changed" in error and "\n" not in error
        assert "too large" in error.lower(), error  # EFBIG, the reason, is named
        assert outcome["memory_unchanged"], f"{outcome['op']}: memory kept the failed change"
    assert report["write_after_ok"]

    after = orjson.loads(store.read_bytes())
    assert [d["code"] for d in after["records"].values()][-1] == "after"
    del after["records"][max(after["records"], key=int)]
    assert orjson.dumps(after) == orjson.dumps(orjson.loads(before)), "a failed write left a trace"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_disk_full_leaves_file_byte_identical(template: Path, tmp_path: Path) -> None:
    """Same as above, but stop before any successful write, so the bytes can be compared."""
    store = tmp_path / "store.json"
    shutil.copyfile(template, store)
    before = store.read_bytes()
    code = (
        "import os, resource, signal, sys\n"
        "from tinydb import TinyDB\n"
        "from store.core.storage import DurableStorage\n"
        "from store.errors import StoreWriteError\n"
        "db = TinyDB(sys.argv[1], storage=DurableStorage)\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (os.path.getsize(sys.argv[1]) + 16, resource.RLIM_INFINITY))\n"
        "try:\n"
        "    db.table('records').insert({'code': 'big', 'name': 'x' * 5000})\n"
        "    print('no error')\n"
        "except StoreWriteError as exc:\n"
        "    print(type(exc).__name__, exc)\n"
        "db.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(store)], capture_output=True, text=True, timeout=30, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("StoreWriteError could not save"), result.stdout + result.stderr
    assert store.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
