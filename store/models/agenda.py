"""Agenda items of the conference."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .base import _Record, register


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



register("AgendaItem", enums={"kind": AgendaKind, "status": AgendaStatus})
