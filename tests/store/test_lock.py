"""The lock: a clear refusal where the file system cannot lock, never a soft lock that outlives a crash."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import store.core.lock as lock_mod
from store.core.storage import DurableStorage
from store.errors import StoreError, StoreLockedError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "hoinghi.json"
    path.write_bytes(b'{"_default": {}}')
    return path


NO_LOCKS = [
    OSError(errno.ENOSYS, "Function not implemented"),
    OSError(errno.ENOLCK, "No locks available"),
    OSError(errno.EOPNOTSUPP, "Operation not supported"),
    NotImplementedError("flock"),
]


@pytest.mark.parametrize("failure", NO_LOCKS, ids=["ENOSYS", "ENOLCK", "EOPNOTSUPP", "NotImplemented"])
def test_a_folder_without_file_locks_is_refused_in_one_line(store: Path, monkeypatch, failure) -> None:
    def no_flock(fd):
        raise failure

    monkeypatch.setattr(lock_mod, "_lock_fd", no_flock)
    before = store.read_bytes()
    with pytest.raises(StoreError) as info:
        DurableStorage(store)
    assert not isinstance(info.value, StoreLockedError)
    assert str(info.value) == (
        f"could not lock {store}: this folder does not support file locks (network share?): "
        "copy the store to a local disk"
    )
    assert store.read_bytes() == before and not Path(f"{store}.lock.json").exists()
    monkeypatch.undo()  # nothing was left that blocks: a file system with locks opens it at once
    DurableStorage(store).close()


def test_any_other_lock_failure_is_one_line_naming_the_store(store: Path, monkeypatch) -> None:
    def broken(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(lock_mod, "_lock_fd", broken)
    with pytest.raises(StoreError, match=rf"^could not lock {store}: Input/output error$"):
        DurableStorage(store)


def test_a_lock_file_that_cannot_be_opened_is_named(store: Path) -> None:
    Path(f"{store}.lock").mkdir()  # not a file at all
    with pytest.raises(StoreError) as info:
        DurableStorage(store)
    message = str(info.value)
    assert message.startswith(f"could not lock {store}: its lock file hoinghi.json.lock cannot be opened (")
    assert "\n" not in message


def test_the_lock_of_a_killed_process_is_free(store: Path) -> None:
    code = (
        "import sys, time\n"
        "from store.core.storage import DurableStorage\n"
        "s = DurableStorage(sys.argv[1])\n"
        "print('open', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(store)], stdout=subprocess.PIPE, cwd=ROOT)
    try:
        assert child.stdout.readline() == b"open\n"
        with pytest.raises(StoreLockedError, match=f"open in hoinghi, process {child.pid},"):
            DurableStorage(store)
    finally:
        child.send_signal(signal.SIGKILL) if os.name == "posix" else child.kill()
        child.wait()
    assert Path(f"{store}.lock.json").exists()  # the dead holder's note is still there...
    DurableStorage(store).close()  # ...and blocks nothing


def test_the_registry_forgets_a_refused_open(store: Path, monkeypatch) -> None:
    def broken(fd):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock_mod, "_lock_fd", broken)
    with pytest.raises(StoreError):
        DurableStorage(store)
    monkeypatch.undo()
    DurableStorage(store).close()
    assert lock_mod._OPEN == {} or all(p != store for p in lock_mod._OPEN.values())
