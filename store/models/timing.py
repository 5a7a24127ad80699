"""The agenda's clock arithmetic, pure: no store, no I/O, the time given as an argument.

- `follow(items)`: the planned starts that follow from the durations (fixed items, the first
  item, and the first item still to run after one that has run keep theirs).
- `plan_gaps(items)`: for each item, minutes of gap (+) or overlap (-) after the one before it.
- `project(items, now, day)`: the day as it stands at `now`: the running item's elapsed and
  remaining time and phase (normal, warning, overtime), the projected start and end of every
  item, the projected end of the day and its offset against the programme as printed.
- `replan(items, now, day, mode)`: the remaining items moved after the current delay ("shift"),
  or also shrunk to catch up by the next fixed item or the end of the day ("shrink", as
  Indico's timetable offers); fixed items stay.

Planned times are "HH:MM" on the conference's day; actual times ISO instants. Values a store
could hold but a clock cannot use (a duration of a million minutes) are bounded, never raised.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace
from typing import Sequence

from .agenda import AgendaItem, AgendaStatus

#: the longest an item can be, in minutes (bounds what a hand-edited store could hold)
MAX_MIN = 24 * 60
#: an item shrunk by a re-plan keeps at least this share of its minutes (rounded up)
SHRINK_FLOOR = 0.5
MODES = ("shift", "shrink")


def minutes_of(hhmm: str) -> int:
    """"08:40" -> 520 (minutes after midnight); a malformed time counts as 0."""
    try:
        hours, minutes = hhmm.split(":")
        return max(0, min(int(hours) * 60 + int(minutes), MAX_MIN))
    except (AttributeError, ValueError):
        return 0


def hhmm(minutes: int) -> str:
    """520 -> "08:40"; past midnight wraps (23:59 is the last time of a day)."""
    minutes = int(minutes) % MAX_MIN
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def bounded(minutes: int | None) -> int:
    return max(0, min(int(minutes or 0), MAX_MIN))


def allotted(item: AgendaItem) -> int:
    """The minutes the item has now: its plan and what was given or taken while it ran."""
    return max(0, min(bounded(item.duration_min) + max(-MAX_MIN, min(item.extra_min, MAX_MIN)), MAX_MIN))


def instant(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=None)


def at_day(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes)


def is_anchor(items: Sequence[AgendaItem], index: int) -> bool:
    """Whether the item keeps its own planned start rather than following the one before."""
    item = items[index]
    if index == 0 or item.fixed_start or item.status is not AgendaStatus.PLANNED:
        return True
    return items[index - 1].status is not AgendaStatus.PLANNED


def follow(items: Sequence[AgendaItem]) -> list[AgendaItem]:
    """The items (in running order) with each planned start that follows from the durations;
    anchors (`is_anchor`) keep theirs."""
    out: list[AgendaItem] = []
    for i, item in enumerate(items):
        if not is_anchor(items, i):
            before = out[-1]
            start = hhmm(minutes_of(before.planned_start) + bounded(before.duration_min))
            if start != item.planned_start:
                item = replace(item, planned_start=start)
        out.append(item)
    return out


def plan_gaps(items: Sequence[AgendaItem]) -> dict[str, int]:
    """code -> minutes between the end of the item before (as planned) and this item's planned
    start: positive a gap, negative an overlap; 0 for the first item and for those that follow."""
    gaps: dict[str, int] = {}
    previous_end: int | None = None
    for item in items:
        start = minutes_of(item.planned_start)
        gaps[item.code] = 0 if previous_end is None else start - previous_end
        previous_end = start + bounded(item.duration_min)
    return gaps


@dataclass(frozen=True)
class Slot:
    """One item as the day stands: its plan and its projection."""

    item: AgendaItem
    planned_start: dt.datetime
    planned_end: dt.datetime
    projected_start: dt.datetime
    projected_end: dt.datetime

    @property
    def code(self) -> str:
        return self.item.code


@dataclass(frozen=True)
class Timing:
    now: dt.datetime
    slots: tuple[Slot, ...]
    running: Slot | None
    #: the item Enter would start next: the first planned item after the last that ran
    next: Slot | None
    elapsed_s: int
    #: seconds left of the running item's minutes; negative once it runs over
    remaining_s: int
    phase: str
    #: the end of the day as printed (first plans) and as it now looks
    planned_end: dt.datetime | None
    projected_end: dt.datetime | None
    #: projected end minus planned end, in seconds: positive late, negative early
    offset_s: int
    #: whether any item has started (the day is under way)
    live: bool

    @property
    def offset_min(self) -> int:
        """The offset in whole minutes (seconds dropped, as the clock times beside it are)."""
        sign = 1 if self.offset_s >= 0 else -1
        return sign * int(abs(self.offset_s) // 60)

    @property
    def overtime_s(self) -> int:
        return max(0, -self.remaining_s) if self.running else 0

    def slot(self, code: str) -> Slot | None:
        return next((s for s in self.slots if s.code == code), None)


def original_plan(item: AgendaItem) -> tuple[int, int]:
    """(start, minutes) of the item as first planned (before any re-plan moved it)."""
    start = minutes_of(item.original_start) if item.original_start else minutes_of(item.planned_start)
    minutes = bounded(item.original_min if item.original_min is not None else item.duration_min)
    return start, minutes


_LAST_PLAN: list = [None, None, None]


def _planned_end(items: Sequence[AgendaItem], day: dt.date) -> dt.datetime | None:
    """The end of the day as first printed; kept for the same items (the clock's tick projects
    the same tuple of items once a second)."""
    if _LAST_PLAN[0] is items and _LAST_PLAN[1] == day:
        return _LAST_PLAN[2]
    end = max((at_day(day, s + m) for s, m in map(original_plan, items)), default=None)
    _LAST_PLAN[:] = [items, day, end]
    return end


def run_day(items: Sequence[AgendaItem], day: dt.date) -> dt.date:
    """The day the programme runs on: the day of its first actual start once it has begun (a
    rehearsal, or a conference held on another day than the store says), else `day`."""
    starts = [moment for item in items if (moment := instant(item.actual_start))]
    return min(starts).date() if starts else day


def project(items: Sequence[AgendaItem], now: dt.datetime, day: dt.date, warning_min: int = 2) -> Timing:
    """The day as it stands at `now` (see the module docstring). `items` in running order."""
    now = now.replace(tzinfo=None, microsecond=0)
    live = any(item.actual_start for item in items)
    day = run_day(items, day)
    running_index = next((i for i, item in enumerate(items) if item.status is AgendaStatus.RUNNING), None)
    last_run = max((i for i, item in enumerate(items) if item.status is not AgendaStatus.PLANNED), default=-1)
    cursor: dt.datetime | None = None
    waited = False  # whether the first item still to run has been put after `now`
    slots: list[Slot] = []
    running_slot: Slot | None = None
    for i, item in enumerate(items):
        planned_start = at_day(day, minutes_of(item.planned_start))
        planned_end = planned_start + dt.timedelta(minutes=bounded(item.duration_min))
        length = dt.timedelta(minutes=allotted(item))
        status = item.status
        if status is AgendaStatus.DONE:
            start = instant(item.actual_start) or planned_start
            end = max(instant(item.actual_end) or start + length, start)
            cursor = max(cursor, end) if cursor else end
        elif status is AgendaStatus.RUNNING:
            start = instant(item.actual_start) or planned_start
            end = max(now, start + length)
            cursor = end
        elif status is AgendaStatus.SKIPPED or i < last_run:
            # skipped, or left behind by a later item that ran: takes no time where it stands
            start = end = cursor or planned_start
        else:
            if not waited and running_index is None:
                waited = True  # nothing runs: the next item cannot start before now
                if live:
                    cursor = max(cursor or now, now)
                elif now.date() == day and now > planned_start:
                    cursor = now
            if cursor is None:
                start = planned_start
            elif item.fixed_start:
                start = max(planned_start, cursor)
            else:
                start = cursor
            end = start + length
            cursor = end
        slot = Slot(item, planned_start, planned_end, start, end)
        slots.append(slot)
        if status is AgendaStatus.RUNNING:
            running_slot = slot
    after = running_index if running_index is not None else max(
        (i for i, item in enumerate(items) if item.status is not AgendaStatus.PLANNED), default=-1)
    next_slot = next((slots[i] for i in range(after + 1, len(items))
                      if items[i].status is AgendaStatus.PLANNED), None)
    if next_slot is None and running_index is None:  # an item left behind still to run
        next_slot = next((s for s in slots if s.item.status is AgendaStatus.PLANNED), None)
    elapsed = remaining = 0
    phase = "idle"
    if running_slot is not None:
        elapsed = int((now - running_slot.projected_start).total_seconds())
        remaining = int((running_slot.projected_start + dt.timedelta(minutes=allotted(running_slot.item))
                         - now).total_seconds())
        if remaining <= 0:
            phase = "overtime"
        elif remaining <= max(0, warning_min) * 60:
            phase = "warning"
        else:
            phase = "normal"
    planned_end = _planned_end(items, day)
    counted = [s for s in slots if s.item.status is not AgendaStatus.SKIPPED]
    projected_end = max((s.projected_end for s in counted), default=None)
    offset = int((projected_end - planned_end).total_seconds()) if projected_end and planned_end else 0
    return Timing(now, tuple(slots), running_slot, next_slot, elapsed, remaining, phase,
                  planned_end, projected_end, offset, live)


@dataclass(frozen=True)
class Move:
    """One remaining item in a re-plan: its plan now and after."""

    item: AgendaItem
    new_start: str
    new_min: int

    @property
    def changed(self) -> bool:
        return self.new_start != self.item.planned_start or self.new_min != self.item.duration_min

def _round_minute(moment: dt.datetime, day: dt.date) -> int:
    """Minutes after the day's midnight, to the nearest minute (bounded to the day)."""
    seconds = (moment - at_day(day, 0)).total_seconds()
    return max(0, min(int((seconds + 30) // 60), MAX_MIN - 1))


def replan(items: Sequence[AgendaItem], now: dt.datetime, day: dt.date, mode: str = "shift") -> list[Move]:
    """The remaining items (planned, after the running one or the last that ran) with new
    starts after the current delay; in "shrink" mode, also shorter to catch up by the next fixed
    item (or the day's planned end), each keeping at least half its minutes. Fixed items stay."""
    if mode not in MODES:
        raise ValueError(f"unknown re-plan mode {mode!r}")
    day = run_day(items, day)
    timing = project(items, now, day)
    first = timing.next
    if first is None:
        return []
    index = next(i for i, item in enumerate(items) if item.code == first.code)
    remaining = [item for item in items[index:] if item.status is AgendaStatus.PLANNED]
    cursor = _round_minute(first.projected_start, day)
    if first.item.fixed_start:
        cursor = max(cursor, minutes_of(first.item.planned_start))
    moves: list[Move] = []
    segment: list[AgendaItem] = []

    def close(segment: list[AgendaItem], start: int, until: int | None) -> int:
        lengths = [bounded(item.duration_min) for item in segment]
        if mode == "shrink" and until is not None:
            _shrink(lengths, sum(lengths) - (until - start))
        for item, length in zip(segment, lengths):
            moves.append(Move(item, hhmm(start), length))
            start += length
        return start

    for item in remaining:
        if item.fixed_start and item is not remaining[0]:
            fixed_at = minutes_of(item.planned_start)
            close(segment, cursor, fixed_at)
            segment = []
            cursor = fixed_at
        segment.append(item)
    if segment:
        last = remaining[-1]
        day_end = minutes_of(last.planned_start) + bounded(last.duration_min)
        close(segment, cursor, day_end)
    return moves


def _shrink(lengths: list[int], excess: int) -> None:
    """Take `excess` minutes off `lengths` in place, one at a time from the item that has kept
    the largest share of its minutes (so items shrink in proportion), never below the floor."""
    if excess <= 0:
        return
    original = list(lengths)
    floors = [math.ceil(n * SHRINK_FLOOR) for n in original]
    while excess > 0:
        candidates = [i for i, n in enumerate(lengths) if n > floors[i]]
        if not candidates:
            return
        pick = max(candidates, key=lambda i: (lengths[i] / original[i], original[i]))
        lengths[pick] -= 1
        excess -= 1
