"""The desks' journals: each desk laptop appends its own events to its own file, never edits it,
and every laptop reads all of them.

One writer per file, so nothing can conflict: `<store>.desks/<desk>.journal` beside the store,
in the folder Syncthing replicates. The framing is the store's write-ahead journal's
(`store.core.journal`: one checksummed line per record, a torn last line dropped); the payload:

    {"v": 1, "desk": "Bàn 2", "host": "laptop-2", "seq": 12, "at": "2026-12-06T08:03:07",
     "event": "check_in", "code": "D0062"}

`seq` counts 1, 2, 3... in the desk's own order (clocks of several laptops may disagree: a desk's
events are ordered by `seq`, never by `at`); `at` is the desk's wall clock, to the second, as the
store stamps its own check-ins; `event` is "check_in", "undo" (of this desk's own check-in) or
"alive" (a heartbeat every few seconds, so the others know the desk is there and how its clock
stands). Readers ignore fields they do not know.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..core import journal
from ..core.journal_file import JournalFile
from ..errors import StoreError, register_errors
from wording.text import fold

CHECK_IN, UNDO, ALIVE = "check_in", "undo", "alive"
EVENTS = (CHECK_IN, UNDO, ALIVE)
FORMAT = 1

register_errors(("desk_taken", "desk_name", "desk_journal_damaged"))


class DeskJournalError(StoreError):
    """A desk journal that cannot be written or read."""


@dataclass(frozen=True)
class DeskEvent:
    desk: str
    seq: int
    at: str
    kind: str
    code: str = ""
    host: str = ""

    def payload(self) -> dict:
        body = {"v": FORMAT, "desk": self.desk, "host": self.host, "seq": self.seq, "at": self.at,
                "event": self.kind}
        if self.code:
            body["code"] = self.code
        return body

    @classmethod
    def from_payload(cls, p: dict) -> "DeskEvent | None":
        """The event of a payload, or None for one that is not a desk event of a known kind."""
        kind, seq, desk, at = p.get("event"), p.get("seq"), p.get("desk"), p.get("at")
        if kind not in EVENTS or type(seq) is not int or not isinstance(desk, str) or not isinstance(at, str):
            return None
        code = p.get("code", "")
        if kind != ALIVE and not (isinstance(code, str) and code):
            return None
        return cls(desk, seq, at, kind, code if isinstance(code, str) else "", str(p.get("host", "")))


def desks_folder(store: str | os.PathLike[str]) -> Path:
    return Path(f"{os.fspath(store)}.desks")


def desk_slug(desk: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", fold(desk)).strip("-")
    if not slug:
        raise DeskJournalError(code="desk_name", desk=desk)
    return slug


def journal_path(store: str | os.PathLike[str], desk: str) -> Path:
    return desks_folder(store) / f"{desk_slug(desk)}.journal"


def read_events(raw: bytes) -> tuple[list[DeskEvent], int]:
    """The events of a desk journal's bytes, and the size of its whole records (a torn last
    record is left out: it is an append that was never finished, or not yet replicated)."""
    read = journal.read_records(raw)
    events = [e for e in (DeskEvent.from_payload(r.payload) for r in read.records) if e is not None]
    return events, read.good_size


class DeskJournal:
    """The one writer of one desk's journal: appends an event, fsynced, before it is shown."""

    def __init__(self, store: str | os.PathLike[str], desk: str, host: str, *,
                 now=dt.datetime.now) -> None:
        self.desk, self.host, self._now = desk, host, now
        self.path = journal_path(store, desk)
        self.path.parent.mkdir(mode=0o700, exist_ok=True)
        raw = self.path.read_bytes() if self.path.exists() else b""
        try:
            events, good = read_events(raw)
        except journal.JournalDamaged as e:
            raise DeskJournalError(code="desk_journal_damaged", desk=desk, path=str(self.path),
                                   record=e.record) from None
        others = {e.host for e in events if e.host and e.host != host}
        if others:
            raise DeskJournalError(code="desk_taken", desk=desk, host=sorted(others)[0], path=str(self.path))
        self.events = events
        self._seq = events[-1].seq if events else 0
        self._file = JournalFile(self.path, keep=good)  # a torn last append is cut away

    def append(self, kind: str, code: str = "", at: dt.datetime | None = None) -> DeskEvent:
        """Append one event and return it once it is on disk (fsynced)."""
        stamp = (at or self._now()).isoformat(timespec="seconds")
        event = DeskEvent(self.desk, self._seq + 1, stamp, kind, code, self.host)
        self._file.append(journal.encode_record(event.payload()))
        self._seq = event.seq
        self.events.append(event)
        return event

    def close(self) -> None:
        self._file.close()
