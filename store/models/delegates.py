"""Delegates and what a check-in returns."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

from .base import _build, _Record, register


class Bloc(str, Enum):
    """Political-system bloc used in protocol order (docs/DOMAIN.md: Party, NA/PC, Government, Front)."""

    PARTY = "party"
    ASSEMBLY = "assembly"
    GOVERNMENT = "government"
    FRONT = "front"
    OTHER = "other"


BLOC_ORDER = {bloc: i for i, bloc in enumerate(Bloc)}


#: a delegate's level when none is given: a member unit's commission (docs/DOMAIN.md, protocol order)
DEFAULT_LEVEL = 3
#: the fields of a delegate a person edits (the form, an import, `service.delegates.update`)
DELEGATE_FIELDS = (
    "family", "middle", "given", "position", "unit_code", "organization", "guest", "level",
    "bloc", "rank", "appointed", "birth", "on_behalf_of", "phone", "note",
)


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
    level: int = DEFAULT_LEVEL
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
        (10,000 delegates: about 45 -> 10 ms). The texts that repeat across an imported list
        (unit, position, name parts) are shared by the document and the record, not held once
        per delegate (100,000 imported: about 45 MB less)."""
        bloc = _BLOC_OF.get(doc.get("bloc"))  # type: ignore[arg-type]
        if bloc is None or doc.keys() != _DELEGATE_FIELDS:
            return _build(cls, doc)
        for name in _REPEATED:
            text = doc[name]
            doc[name] = _SHARED.setdefault(text, text)
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
_REPEATED = ("family", "middle", "given", "position", "unit_code", "organization")
#: one copy of each repeated text (bounded by the distinct texts of the lists opened)
_SHARED: dict[str | None, str | None] = {}


@dataclass(frozen=True)
class CheckInResult:
    """What a check-in did: `already` means nothing new was recorded."""

    delegate: Delegate
    already: bool
    at: str


register("Delegate", enums={"bloc": Bloc})
