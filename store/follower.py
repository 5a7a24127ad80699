"""Following a store that another copy of the app writes, read-only (the projector view).

    follower = Follower("hoinghi.json")
    view = follower.poll()          # a new StoreView when the file changed, else None
    view.agenda.timing(now)         # the same read methods as the service's domains

- No lock is taken: the app that runs the conference holds it. Nothing is ever written (the view's
  storage refuses writes), no backup is made, no temp file is removed.
- The file's identity (device, inode, size, modification time) is compared at each poll; the
  file is read again only when it changed. The app replaces the file atomically at each write
  (a new inode), so a read sees the old or the new file whole. A program that writes the file in
  place can still be caught half-way: the size or time moving during the read, bytes that do not
  parse, or records that do not have their shape; the read is retried a few times, briefly, and
  meanwhile the last good view is kept (`problem` says why the newest could not be read).
- The bytes are checked as `Service.open` checks them (store.core.opening's `current_data` and
  store.core.shape's records check): a file open would refuse is never shown.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

from .agenda.domain import AgendaDomain
from .conference import ConferenceDomain
from .core import shape
from .core.decode import decode_store
from .core.opening import current_data
from .domain import House
from .errors import StoreError
from .unit_of_work import Records

#: reads tried in a row when a read catches a file being replaced or written
RETRIES = 8
#: pause between two of those tries, seconds (doubled each time, from this)
RETRY_DELAY = 0.01

Identity = tuple[int, int, int, int]


class ReadOnlyError(StoreError):
    """Something tried to change a followed store: the follower never writes."""


class TornRead(StoreError):
    """The file changed while it was being read."""


class _ReadOnlyStorage:
    """What `Records` reads from: the data of one read of the file; writes are refused."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self._data = data

    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        raise ReadOnlyError(f"{self.path} is followed read-only; nothing is written")

    @contextmanager
    def transaction(self):
        raise ReadOnlyError(f"{self.path} is followed read-only; nothing is written")
        yield  # pragma: no cover


class StoreView:
    """One durable state of the followed store, with the domains' read methods."""

    def __init__(self, path: Path, data: dict[str, Any], identity: Identity,
                 now: Callable[[], dt.datetime]) -> None:
        self.path = path
        self.identity = identity
        self.data = data
        records = Records(_ReadOnlyStorage(path, data), now=now)  # type: ignore[arg-type]
        self._house = House(records, "projector")
        self.conference = ConferenceDomain(self._house)
        self.agenda = AgendaDomain(self._house)
        self.scoring = _optional("store.scoring", "ScoringDomain", self._house)
        self.covenant = _optional("store.covenant", "CovenantDomain", self._house)

    @property
    def records(self) -> Records:
        return self._house.open_records()

    def last_seq(self) -> int:
        return self.records.seq


def _optional(module: str, name: str, house: House) -> Any:
    """A read-only domain built as the service builds it, or None when that domain now needs
    more than the records (the projector then uses the tables directly)."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name)(house)
    except (ImportError, AttributeError, TypeError):
        return None


def identity_of(st: os.stat_result) -> Identity:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_store(path: Path) -> tuple[Identity, dict[str, Any]]:
    """One read of the file, checked as open checks it: (identity, data at the current schema).

    TornRead when the file changed during the read; StoreError (or ValueError from decoding)
    when the bytes are not a store open would accept."""
    with open(path, "rb") as handle:
        before = os.fstat(handle.fileno())
        raw = handle.read()
        after = os.fstat(handle.fileno())
    if identity_of(before) != identity_of(after) or len(raw) != before.st_size:
        raise TornRead(f"{path} changed while it was read")
    data = decode_store(raw)
    _, data = current_data(data, path.name)
    problems, _ = shape.tables_report(data)
    if problems:
        raise StoreError(f"{path}: {shape.summary(problems)}")
    return identity_of(before), data


class Follower:
    """Follows the store at `path` (see the module docstring). Not thread-safe: one poller."""

    def __init__(self, path: str | os.PathLike, *, now: Callable[[], dt.datetime] | None = None,
                 retries: int = RETRIES, retry_delay: float = RETRY_DELAY,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.path = Path(path)
        self.now = now or dt.datetime.now
        self.retries = retries
        self.retry_delay = retry_delay
        self.sleep = sleep
        self.view: StoreView | None = None
        #: why the newest state of the file could not be read ("" when it could)
        self.problem = ""
        #: reads that failed and were tried again, since the start (for tests and the bench)
        self.retried = 0

    def current_identity(self) -> Identity | None:
        try:
            return identity_of(os.stat(self.path))
        except FileNotFoundError:
            return None  # being replaced on a system where that is not atomic: look again soon

    def poll(self) -> StoreView | None:
        """A new view when the file changed since the last good read, else None. Raises
        StoreError only when no good read was ever made (the first poll must succeed)."""
        current = self.current_identity()
        if self.view is not None:
            if current is None:  # being replaced on a system where that is not atomic
                return None
            if current == self.view.identity:
                self.problem = ""
                return None
        error: BaseException | None = None
        delay = self.retry_delay
        for attempt in range(self.retries + 1):
            try:
                identity, data = read_store(self.path)
            except FileNotFoundError as exc:
                error = exc
            except (TornRead, ValueError, StoreError, OSError) as exc:
                error = exc
            else:
                self.problem = ""
                self.view = StoreView(self.path, data, identity, self.now)
                return self.view
            if attempt < self.retries:
                self.retried += 1
                self.sleep(delay)
                delay = min(delay * 2, 0.2)
        self.problem = _reason(error)
        if self.view is None:
            if isinstance(error, StoreError):
                raise error
            raise StoreError(f"{self.path}: {self.problem}")
        return None


def _reason(error: BaseException | None) -> str:
    if isinstance(error, OSError) and not isinstance(error, StoreError):
        return error.strerror or str(error)
    return " ".join(str(error).split()) or type(error).__name__
