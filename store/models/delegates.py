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
        """A record of its own, built from `doc` (which is not kept)."""
        return cls.from_stored(dict(doc))

    @classmethod
    def from_stored(cls, doc: dict[str, Any]) -> "Delegate":
        """The record of a document the store holds and never changes in place (a write puts a
        new document): for the largest table, a document with exactly these fields and a known
        bloc becomes the record's own attributes, not copied (100,000 imported delegates:
        about 60 MB and 0.1 s less than a copy each; the bloc stays the stored text, read as
        its enum: `_bloc`). The texts that repeat across an imported list (unit, position,
        name parts) are held once, not per delegate (about 45 MB less)."""
        if doc.get("bloc") not in _BLOC_OF or doc.keys() != _DELEGATE_FIELDS:
            return _build(cls, doc)
        for name in _REPEATED:
            text = doc[name]
            doc[name] = _SHARED.setdefault(text, text)
        delegate = object.__new__(cls)
        object.__setattr__(delegate, "__dict__", doc)
        return delegate

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family, self.middle, self.given) if p)

    @property
    def present(self) -> bool:
        return self.checked_in_at is not None


def _bloc(self: Delegate) -> Bloc:
    bloc = self.__dict__["bloc"]
    return _BLOC_OF[bloc] if type(bloc) is str else bloc


def _set_bloc(self: Delegate, bloc: Bloc) -> None:
    self.__dict__["bloc"] = bloc


#: a record sharing its stored document holds the bloc as the document's text ("party"), so
#: the store's documents stay plain JSON; every reader gets the enum
Delegate.bloc = property(_bloc, _set_bloc, doc="Political-system bloc (the enum, whatever is held)")  # type: ignore[assignment]

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
