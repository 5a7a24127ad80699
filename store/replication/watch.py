"""Watching the desks' journals as Syncthing brings them: which desks there are, their events,
when each was last heard from and how far its clock is from this laptop's.

`poll()` looks at the folder (a stat per file: cheap enough for every half second) and reads
again only the files that changed; a torn last record (an append not yet replicated whole) is
left for the next poll. Nothing here blocks: a journal that is not a regular file is skipped and
named in `problems`.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..core import journal
from .desk_events import ALIVE, DeskEvent, desks_folder, read_events

#: a desk not heard from for longer than this is shown as unseen
UNSEEN_AFTER_S = 60
#: a desk whose clock differs from this laptop's by more than this is shown as skewed
SKEW_SHOWN_S = 60
#: the most a desk journal may grow to (some 4 million events)
MAX_JOURNAL_BYTES = 256 * 1024 * 1024


@dataclass
class DeskSeen:
    """What this laptop knows of one desk."""

    desk: str
    events: list[DeskEvent] = field(default_factory=list)
    #: the desk's clock at its newest event
    last_at: str = ""
    #: this laptop's monotonic clock when that newest event was first read here
    heard: float = 0.0
    #: this laptop's clock minus the desk's, in seconds, at the newest event (replication delay
    #: included: a few seconds)
    skew_s: float = 0.0


class DeskWatch:
    def __init__(self, store: str | os.PathLike[str], *, own_desk: str = "",
                 clock: Callable[[], float] = time.monotonic,
                 now: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.folder = desks_folder(store)
        self.own_desk = own_desk
        self._clock, self._now = clock, now
        self._stamps: dict[Path, tuple[int, int, int]] = {}
        self.desks: dict[str, DeskSeen] = {}
        self.problems: dict[str, str] = {}

    def poll(self) -> bool:
        """Read what changed since the last poll; True when any desk has new events."""
        try:
            entries = list(os.scandir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            return False
        except OSError as e:
            self.problems[str(self.folder)] = e.strerror or str(e)
            return False
        changed = False
        for entry in entries:
            if not entry.name.endswith(journal.JOURNAL_SUFFIX):
                continue
            changed = self._read(Path(entry.path)) or changed
        return changed

    def _read(self, path: Path) -> bool:
        try:
            st = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_JOURNAL_BYTES:
            self.problems[path.name] = "not_regular" if not stat.S_ISREG(st.st_mode) else "too_large"
            return False
        stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
        if self._stamps.get(path) == stamp:
            return False
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as f:
                raw = f.read(MAX_JOURNAL_BYTES + 1)
            events, _good = read_events(raw)
        except journal.JournalDamaged as e:
            self.problems[path.name] = f"damaged:{e.record}"
            self._stamps[path] = stamp
            return False
        except OSError as e:
            self.problems[path.name] = e.strerror or str(e)
            return False
        self.problems.pop(path.name, None)
        self._stamps[path] = stamp
        if not events:
            return False
        desk = events[-1].desk
        seen = self.desks.setdefault(desk, DeskSeen(desk))
        before = sum(e.kind != ALIVE for e in seen.events)
        seen.events = events
        newest = events[-1]
        if newest.at != seen.last_at:
            seen.last_at, seen.heard = newest.at, self._clock()
            try:
                seen.skew_s = (self._now() - dt.datetime.fromisoformat(newest.at)).total_seconds()
            except ValueError:
                seen.skew_s = 0.0
        return sum(e.kind != ALIVE for e in events) != before

    def events_by_desk(self) -> dict[str, list[DeskEvent]]:
        return {desk: seen.events for desk, seen in self.desks.items()}

    def ago_s(self, desk: str) -> float:
        """Seconds since this laptop last heard from `desk`."""
        return self._clock() - self.desks[desk].heard

    def unseen(self, desk: str) -> bool:
        return self.ago_s(desk) > UNSEEN_AFTER_S

    def skewed(self, desk: str) -> bool:
        return abs(self.desks[desk].skew_s) > SKEW_SHOWN_S
