"""Agenda items of the conference, and the state of the agenda's live run.

`AgendaItem` is one line of the programme. Its plan is `planned_start` (HH:MM) and
`duration_min`; `fixed_start` pins the start (a flag salute at 08:00, a guest's speech at 09:20):
other planned starts follow from the durations of the items before them. While the day runs,
`actual_start`/`actual_end` are the wall-clock instants of the run steps and `extra_min` the
minutes given to (or taken from) the item while it ran. A re-plan moves the remaining items and
keeps their first plan in `original_start`/`original_min` (None: never moved), so that the day's
over/under is still told against the programme as printed.

`AgendaRun` (one record) holds what the projector shows beside the running item (the message
for the speaker, whether it blinks, when the warning colour begins) and the run steps that can
be undone, newest last, each with the items as they were before and after it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .base import _Record, register

#: the name of each field of an item in a ValidationError (catalog keys field.agenda_*)
FIELD_NAMES = {
    "planned_start": "agenda_start", "duration_min": "agenda_minutes", "title": "agenda_title",
    "kind": "agenda_kind", "presenter": "agenda_presenter", "fixed_start": "agenda_fixed",
}
#: the longest message for the speaker, in characters
MESSAGE_MAX = 200
#: the most minutes before an item's end the stage may warn at
MAX_WARNING = 60

class AgendaKind(str, Enum):
    CEREMONY = "ceremony"
    OPENING = "opening"
    REPORT = "report"
    CONTRIBUTION = "contribution"
    SPEECH = "speech"
    AWARDS = "awards"
    HANDOVER = "handover"
    SIGNING = "signing"
    SUPPORT = "support"
    CLOSING = "closing"
    BREAK = "break"
    OTHER = "other"


class AgendaStatus(str, Enum):
    PLANNED = "planned"
    RUNNING = "running"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class AgendaItem(_Record):
    code: str
    order: int
    planned_start: str
    duration_min: int
    title: str
    kind: AgendaKind = AgendaKind.OTHER
    presenter: str = ""
    status: AgendaStatus = AgendaStatus.PLANNED
    actual_start: str | None = None
    actual_end: str | None = None
    #: the start does not follow the items before it (e.g. 08:00 flag salute)
    fixed_start: bool = False
    #: minutes given (+) or taken (-) while the item ran
    extra_min: int = 0
    #: the first plan of an item a re-plan moved (None: never moved)
    original_start: str | None = None
    original_min: int | None = None


@dataclass(frozen=True)
class AgendaStep(_Record):
    """One run step that can be undone: the audit seq that recorded it, its action, and the
    items it changed as they were before and after."""

    seq: int
    action: str
    at: str
    before: tuple[AgendaItem, ...] = ()
    after: tuple[AgendaItem, ...] = ()


@dataclass(frozen=True)
class AgendaRun(_Record):
    #: the message for the speaker, shown on the projector only ("" = none)
    message: str = ""
    blink: bool = False
    message_at: str | None = None
    #: the remaining time turns to the warning colour this many minutes before the end
    warning_min: int = 2
    #: run steps that can be undone, oldest first (at most agenda.UNDO_KEEP)
    steps: tuple[AgendaStep, ...] = ()


register("AgendaItem", enums={"kind": AgendaKind, "status": AgendaStatus})
register("AgendaStep", nested={"before": AgendaItem, "after": AgendaItem})
register("AgendaRun", nested={"steps": AgendaStep})
