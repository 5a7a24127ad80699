"""A desk laptop (`hoinghi --db PATH --desk NAME`): the replicated store read without its lock
and never written, this desk's own journal, and one attendance merged from both and from every
other desk's journal.

`DeskLaptop` offers the desk the service's shape (`conference`, `delegates`, and the other
domains read-only), so the desk panel works as on the main laptop: the same search, Enter, undo
and namesake rules. A check-in is one event appended to this desk's journal and fsynced before it
is shown; Syncthing carries the journal to the others. `refresh()` (called every second or so)
reads the store again when Syncthing brought a new one, reads the desks' journals that changed,
and says which delegates now show otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from ..errors import StoreError, ValidationError, register_reasons
from ..models import CheckInResult, Delegate
from ..unit_of_work import Change
from .desk_events import ALIVE, CHECK_IN, UNDO, DeskJournal
from .merge import Arrival, Merged, arrivals_of, merge
from ..follower import store_identity
from .watch import DeskWatch

register_reasons((
    "other_desk",
))


@dataclass(frozen=True)
class Refresh:
    """What a refresh found: the store read again (everything may differ), or these codes."""

    reloaded: bool = False
    codes: frozenset[str] = field(default_factory=frozenset)


def undo_refusal(d: Delegate, arrival: Arrival | None, own_desk: str) -> ValidationError | None:
    """Why `own_desk` may not take back `d`'s check-in (it was made at another desk that keeps
    its own journal), or None."""
    if arrival is not None and arrival.desk != own_desk:
        return ValidationError("checked_in_at", "other_desk", name=d.full_name, desk=arrival.desk,
                               time=arrival.at[11:16])
    return None


#: a desk that has written nothing for this long says it is alive (seconds)
HEARTBEAT_S = 15.0


class DeskLaptop:
    def __init__(self, store: str | os.PathLike[str], desk: str, host: str, *,
                 now: Callable[[], dt.datetime] = dt.datetime.now,
                 clock: Callable[[], float] = time.monotonic) -> None:
        from ..service import Service

        self.path = Path(store)
        self.desk = desk
        #: one lock over the journal and the merged view (the UI calls from worker threads)
        self.lock = threading.RLock()
        self._open_snapshot = Service.open_snapshot
        self._service = Service.open_snapshot(self.path)
        self._identity = store_identity(self.path)
        self.journal = DeskJournal(self.path, desk, host, now=now)
        self._clock = clock
        #: when this desk last wrote to its journal (monotonic); None: not yet this session
        self._last_written: float | None = None
        self.watch = DeskWatch(self.path, own_desk=desk, clock=clock, now=now)
        self.watch.poll()
        self.merged = self._merge()
        self.delegates = DeskDelegates(self)
        #: what this laptop changed or read anew, counted as the service counts its writes
        self._changes: list[Change] = []

    def __getattr__(self, name: str) -> Any:  # conference, agenda, scoring, covenant, audit: read-only
        return getattr(self._service, name)

    @property
    def store(self):
        return self._service

    def _merge(self) -> Merged:
        events = self.watch.events_by_desk()
        events[self.desk] = list(self.journal.events)
        return merge(arrivals_of(self._service.delegates.all()), events)

    def version(self) -> int:
        return len(self._changes)

    def changes_since(self, version: int) -> Change | None:
        """The delegates shown otherwise since `version()` said `version` (see tui/workers.py)."""
        return Change.merge(self._changes[version:])

    def _changed(self, codes) -> None:
        self._changes.append(Change(frozenset({"delegates"}), frozenset(codes), 0))

    def refresh(self) -> Refresh:
        """Read what Syncthing brought since the last refresh."""
        with self.lock:
            return self._refresh()

    def _refresh(self) -> Refresh:
        reloaded = False
        identity = store_identity(self.path)
        if identity != self._identity:
            try:
                self._service = self._open_snapshot(self.path)
                self._identity = identity
                reloaded = True
            except (StoreError, ValueError):
                pass  # caught mid-replacement, or not yet whole: the last good store stays
        changed = self.watch.poll()
        if not (reloaded or changed):
            return Refresh()
        before, self.merged = self.merged, self._merge()
        if reloaded:
            self._changes.append(Change(frozenset({"delegates", "units"}), frozenset(), 0))
            return Refresh(reloaded=True)
        codes = {c for c in before.arrivals.keys() | self.merged.arrivals.keys()
                 if before.arrivals.get(c) != self.merged.arrivals.get(c)}
        if codes:
            self._changed(codes)
        return Refresh(codes=frozenset(codes))

    def heartbeat(self, every_s: float = HEARTBEAT_S) -> bool:
        """Append an "alive" event when this desk has written nothing for `every_s` seconds, so
        the other laptops know it is there and how its clock stands; True when it did."""
        with self.lock:
            now = self._clock()
            if self._last_written is not None and now - self._last_written < every_s:
                return False
            self.journal.append(ALIVE)
            self._last_written = now
            return True

    def close(self) -> None:
        self.journal.close()
        self._service.close()

    def __enter__(self) -> "DeskLaptop":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DeskDelegates:
    """The delegates as this desk shows them: the store's, with the merged attendance."""

    def __init__(self, laptop: DeskLaptop) -> None:
        self._laptop = laptop

    @property
    def _store(self):
        return self._laptop.store.delegates

    def _shown(self, d: Delegate) -> Delegate:
        arrival = self._laptop.merged.arrivals.get(d.code)
        at, desk = (arrival.at, arrival.desk) if arrival else (None, None)
        if (d.checked_in_at, d.checkin_desk) == (at, desk):
            return d
        return replace(d, checked_in_at=at, checkin_desk=desk)

    def all(self) -> tuple[Delegate, ...]:
        return tuple(self._shown(d) for d in self._store.all())

    def get(self, code: str) -> Delegate:
        return self._shown(self._store.get(code))

    def find(self, codes) -> dict[str, Delegate | None]:
        return {c: (self._shown(d) if d else None) for c, d in self._store.find(codes).items()}

    def also(self, code: str) -> tuple[tuple[str, str], ...]:
        """The other desks that recorded `code` too: (desk, at), earliest first."""
        arrival = self._laptop.merged.arrivals.get(code)
        return arrival.also if arrival else ()

    def scan_code(self, code: str) -> str:
        return self._store.scan_code(code)

    def code_in(self, text: str) -> str | None:
        return self._store.code_in(text)

    def check_in_by_text(self, text: str, *, desk: str = "", at: dt.datetime | None = None) -> CheckInResult:
        code = self.code_in(text)
        if code is None:
            raise ValidationError("code", "scan_not_code", text=text.strip())
        return self.check_in(code, desk=desk, at=at)

    def check_in(self, code: str, *, desk: str = "", at: dt.datetime | None = None) -> CheckInResult:
        """One event in this desk's journal, on disk before it returns; a person already checked
        in (here or at any desk this laptop has heard from) records nothing."""
        laptop = self._laptop
        with laptop.lock:
            d = self.get(code)
            if d.checked_in_at is not None:
                return CheckInResult(d, already=True, at=d.checked_in_at)
            event = laptop.journal.append(CHECK_IN, code, at)
            laptop._last_written = laptop._clock()
            laptop.merged = laptop._merge()
            laptop._changed({code})
            return CheckInResult(self.get(code), already=False, at=event.at)

    def undo_check_in(self, code: str, *, desk: str = "") -> Delegate:
        laptop = self._laptop
        with laptop.lock:
            d = self.get(code)
            if d.checked_in_at is None:
                raise ValidationError("checked_in_at", "not_checked_in", name=d.full_name)
            refusal = undo_refusal(d, laptop.merged.arrivals.get(code), laptop.desk)
            if refusal is not None:
                raise refusal
            laptop.journal.append(UNDO, code)
            laptop._last_written = laptop._clock()
            laptop.merged = laptop._merge()
            laptop._changed({code})
            return self.get(code)

    def __getattr__(self, name: str) -> Any:  # add, update, remove, import: the store refuses
        return getattr(self._store, name)
