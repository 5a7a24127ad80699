"""Immutable values the store hands out. Never TinyDB documents. Beside them, the pure
arithmetic on those values that the screens run on the event loop (no session, no file, no
lock), imported by module: roster.py (a list's orders, search index, attendance tally),
timing.py (the day's clock arithmetic, every tick), checkin_code.py (the printed check-in code),
ranking.py (the ranking explained).

Every record is keyed by a stable code chosen by the service (or the user), never by a
TinyDB doc_id. Dates are ISO strings ("2024-11-30"), times of day "HH:MM", instants ISO
datetimes with seconds ("2024-11-30T08:12:05"), all local time of the event.
"""

from .agenda import AgendaItem, AgendaKind, AgendaStatus
from .audit import AuditEntry, Summary
from .base import _build, _Record
from .conference import Conference, Unit
from .covenant import Covenant, CovenantGroup, Handover, Signature
from .delegates import BLOC_ORDER, Bloc, CheckInResult, Delegate
from .scoring import (
    Adjustment, AdjustmentRule, AwardTier, Ballot, ContentGroup, GroupScore, Indicators, ScoringConfig,
    UnitScore,
)

__all__ = [
    "AgendaItem", "AgendaKind", "AgendaStatus", "AuditEntry", "Summary", "_build", "_Record",
    "Conference", "Unit", "Covenant", "CovenantGroup", "Handover", "Signature", "BLOC_ORDER",
    "Bloc", "CheckInResult", "Delegate", "Adjustment", "AdjustmentRule", "ContentGroup",
    "GroupScore", "Indicators", "ScoringConfig", "UnitScore", "AwardTier", "Ballot",
]
