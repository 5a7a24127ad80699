"""Child process for tests/store/test_journal_kills.py: checks delegates in through the service,
printing "ack CODE" after each check-in returned (durable), and SIGKILLs itself at a chosen
point of the journal's append or of a fold once N check-ins were acknowledged.

    python tests/journal_child.py STORE POINT N

Points (the system calls the storage makes, replaced here as tests/durability_child.py does):
- append-half-written: half of the record written to the journal, then killed
- append-before-sync: the whole record written, killed before its fsync returned
- fold-temp-half-written: half of the new file written to its temp file
- fold-before-replace: the new file written and fsynced, killed before the rename
- fold-after-replace: renamed over the store, killed before the journal is emptied
The store folds every FOLD_EVERY records, so a fold comes within a few check-ins.
"""

from __future__ import annotations

import os
import signal
import sys

from store.core import journal_file
from store.service import Service

FOLD_EVERY = 4
POINTS = ("append-half-written", "append-before-sync", "fold-temp-half-written", "fold-before-replace",
          "fold-after-replace")


def main(path: str, point: str, after: str) -> None:
    assert point in POINTS, point
    service = Service.open(path, operator="kill-test", fold_every=FOLD_EVERY, backup_every=1000)
    armed = False
    real_write, real_sync, real_replace, real_os_write = journal_file._write, journal_file._sync, os.replace, os.write

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    def write(fd: int, data: bytes) -> None:
        if armed and point == "append-half-written":
            real_os_write(fd, data[: len(data) // 2])
            die()
        real_write(fd, data)

    def sync(fd: int) -> None:
        if armed and point == "append-before-sync":
            die()
        real_sync(fd)

    def os_write(fd: int, data) -> int:  # the fold's temp file is written with os.write
        if armed and point == "fold-temp-half-written" and len(data) > 10_000:
            real_os_write(fd, bytes(data[: len(data) // 2]))
            die()
        return real_os_write(fd, data)

    def replace(source, target) -> None:
        if armed and point == "fold-before-replace":
            die()
        real_replace(source, target)
        if armed and point == "fold-after-replace":
            die()

    journal_file._write, journal_file._sync = write, sync
    os.write, os.replace = os_write, replace
    print("ready", flush=True)
    codes = [d.code for d in service.delegates.all()]
    for n, code in enumerate(codes):
        armed = n >= int(after)
        service.delegates.check_in(code, desk="test")
        print(f"ack {code}", flush=True)
    print("survived", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
