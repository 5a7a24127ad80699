"""Immutable values the store hands out. Never TinyDB documents.

Every record is keyed by a stable code chosen by the service (or the user), never by a
TinyDB doc_id. Dates are ISO strings ("2024-11-30"), times of day "HH:MM", instants ISO
datetimes with seconds ("2024-11-30T08:12:05"), all local time of the event.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field, fields
from enum import Enum
from typing import Any


class Bloc(str, Enum):
    """Political-system bloc used in protocol order (DOMAIN.md: Party, NA/PC, Government, Front)."""

    PARTY = "party"
    ASSEMBLY = "assembly"
    GOVERNMENT = "government"
    FRONT = "front"
    OTHER = "other"


BLOC_ORDER = {bloc: i for i, bloc in enumerate(Bloc)}


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


class _Record:
    """Conversion between frozen dataclasses and plain JSON documents."""

    def to_doc(self) -> dict[str, Any]:
        return _plain(asdict(self))  # type: ignore[call-overload]

    @classmethod
    def from_doc(cls, doc: dict[str, Any]):
        return _build(cls, doc)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


_NESTED: dict[tuple[str, str], type] = {}


def _build(cls: type, doc: dict[str, Any]):
    kwargs = {}
    for name, nested, enum_type in _spec(cls):
        if name not in doc:
            continue
        value = doc[name]
        if nested is not None and value is not None:
            value = tuple(_build(nested, v) for v in value)
        elif isinstance(value, list):
            value = tuple(value)
        if enum_type is not None:
            value = enum_type(value)
        kwargs[name] = value
    return cls(**kwargs)


@functools.lru_cache(maxsize=None)
def _spec(cls: type) -> tuple[tuple[str, type | None, type[Enum] | None], ...]:
    """Per field: its name, the record type of its items (if nested), its enum (if any)."""
    return tuple((f.name, _NESTED.get((cls.__name__, f.name)), _ENUMS.get((cls.__name__, f.name)))
                 for f in fields(cls))


_ENUMS: dict[tuple[str, str], type[Enum]] = {}


@dataclass(frozen=True)
class Conference(_Record):
    title: str
    cluster: str
    year: int
    date: str
    venue: str
    host_unit: str
    organizer: str = ""


@dataclass(frozen=True)
class Unit(_Record):
    """A member unit of the cluster; `order` is the cluster's unit order (1 = first)."""

    code: str
    order: int
    full_name: str
    short_name: str


@dataclass(frozen=True)
class Delegate(_Record):
    code: str
    family: str
    middle: str
    given: str
    position: str = ""
    unit_code: str | None = None
    organization: str = ""
    guest: bool = False
    level: int = 2
    bloc: Bloc = Bloc.PARTY
    rank: int = 50
    appointed: str | None = None
    birth: str | None = None
    on_behalf_of: str = ""
    phone: str = ""
    note: str = ""
    checked_in_at: str | None = None
    checkin_desk: str | None = None

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> "Delegate":
        """Fast path for the largest table: a stored document with exactly these fields and a
        known bloc is taken as it is, without the frozen dataclass's field-by-field __init__
        (10,000 delegates: about 45 -> 10 ms)."""
        bloc = _BLOC_OF.get(doc.get("bloc"))  # type: ignore[arg-type]
        if bloc is None or doc.keys() != _DELEGATE_FIELDS:
            return _build(cls, doc)
        delegate = object.__new__(cls)
        delegate.__dict__.update(doc)
        delegate.__dict__["bloc"] = bloc
        return delegate

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family, self.middle, self.given) if p)

    @property
    def present(self) -> bool:
        return self.checked_in_at is not None


_DELEGATE_FIELDS = frozenset(f.name for f in fields(Delegate))
_BLOC_OF = {bloc.value: bloc for bloc in Bloc}


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


@dataclass(frozen=True)
class ContentGroup(_Record):
    """A content group of the covenant as scored: `max_points` is its ceiling."""

    code: str
    order: int
    title: str
    max_points: float


@dataclass(frozen=True)
class AdjustmentRule(_Record):
    """A configured bonus (points > 0) or deduction (points < 0) that may be applied."""

    code: str
    label: str
    points: float


@dataclass(frozen=True)
class ScoringConfig(_Record):
    total_max: float = 100.0
    bonus_rules: tuple[AdjustmentRule, ...] = ()
    deduction_rules: tuple[AdjustmentRule, ...] = ()
    tie_break: tuple[str, ...] = ("cluster_total", "bonus_total", "models", "self_total")
    flag_quota: int = 1
    merit_quota: int = 3


@dataclass(frozen=True)
class GroupScore(_Record):
    group_code: str
    self_points: float | None = None
    cluster_points: float | None = None


@dataclass(frozen=True)
class Adjustment(_Record):
    """A bonus (points > 0) or deduction (points < 0) given to a unit, always with a reason."""

    points: float
    reason: str
    rule_code: str = ""


@dataclass(frozen=True)
class UnitScore(_Record):
    unit_code: str
    groups: tuple[GroupScore, ...] = ()
    bonuses: tuple[Adjustment, ...] = ()
    deductions: tuple[Adjustment, ...] = ()

    def _sum(self, attr: str) -> float | None:
        values = [getattr(g, attr) for g in self.groups]
        if not values or any(v is None for v in values):
            return None
        return float(sum(values))

    @property
    def bonus_total(self) -> float:
        return float(sum(a.points for a in self.bonuses))

    @property
    def deduction_total(self) -> float:
        return float(sum(a.points for a in self.deductions))

    @property
    def self_total(self) -> float | None:
        base = self._sum("self_points")
        return None if base is None else base + self.bonus_total + self.deduction_total

    @property
    def cluster_total(self) -> float | None:
        base = self._sum("cluster_points")
        return None if base is None else base + self.bonus_total + self.deduction_total


@dataclass(frozen=True)
class Indicators(_Record):
    unit_code: str
    models: int = 0
    schemes: int = 0
    resolutions: int = 0
    regulations: int = 0


@dataclass(frozen=True)
class CovenantGroup(_Record):
    code: str
    order: int
    content: str
    measure: str = ""
    target: str = ""


@dataclass(frozen=True)
class Covenant(_Record):
    year: int
    title: str
    movements: tuple[str, ...] = ()
    groups: tuple[CovenantGroup, ...] = ()
    signing_order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signature(_Record):
    unit_code: str
    signer: str
    position: str
    signed_at: str
    on_behalf_of: str = ""


@dataclass(frozen=True)
class Handover(_Record):
    code: str
    unit_code: str
    what: str
    amount_vnd: int = 0
    handed_over: bool = False
    handed_at: str | None = None


@dataclass(frozen=True)
class AuditEntry(_Record):
    seq: int
    at: str
    operator: str
    action: str
    target: str
    before: Any = None
    after: Any = None


@dataclass(frozen=True)
class CheckInResult:
    """What a check-in did: `already` means nothing new was recorded."""

    delegate: Delegate
    already: bool
    at: str


@dataclass(frozen=True)
class Summary:
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict)


_NESTED.update(
    {
        ("ScoringConfig", "bonus_rules"): AdjustmentRule,
        ("ScoringConfig", "deduction_rules"): AdjustmentRule,
        ("UnitScore", "groups"): GroupScore,
        ("UnitScore", "bonuses"): Adjustment,
        ("UnitScore", "deductions"): Adjustment,
        ("Covenant", "groups"): CovenantGroup,
    }
)
_ENUMS.update(
    {
        ("Delegate", "bloc"): Bloc,
        ("AgendaItem", "kind"): AgendaKind,
        ("AgendaItem", "status"): AgendaStatus,
    }
)
