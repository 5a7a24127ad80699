"""The covenant, its signatures, and the support handovers."""

from __future__ import annotations

from dataclasses import dataclass

from .base import _Record, register

#: signing authorities as written under a Party signature: for the body, or a deputy for the head
AUTHORITY_FOR_BODY = "T/M"
AUTHORITY_DEPUTY = "K/T"
AUTHORITIES = (AUTHORITY_FOR_BODY, AUTHORITY_DEPUTY)


def short_fingerprint(hash_hex: str) -> str:
    """A seal's first group with an ellipsis, for one-line messages: "3F9A…"."""
    return f"{hash_hex[:4].upper()}…" if hash_hex else ""


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
    #: when the text and signatures were sealed (ISO instant), None while open
    sealed_at: str | None = None
    #: SHA-256 (hex) of the canonical JSON of the text, the signatures and `sealed_at`
    seal_hash: str = ""
    #: who sealed (the operator)
    sealed_by: str = ""
    #: the cluster head for next year: the elected unit's code and the person, "" until recorded
    next_head_unit: str = ""
    next_head_name: str = ""

    @property
    def sealed(self) -> bool:
        return self.sealed_at is not None


@dataclass(frozen=True)
class Signature(_Record):
    """One unit's line of the signed record: who signed, as what, when; or the unit absent."""

    unit_code: str
    signer: str
    position: str
    signed_at: str
    #: for "T/M": the body signed for; for "K/T": the head (title, name) the deputy stands in for
    on_behalf_of: str = ""
    #: "T/M" (for the body) or "K/T" (a deputy for the head); "" in records made before
    authority: str = ""
    #: the delegate who signed, when chosen from the list (None when the name was typed)
    delegate_code: str | None = None
    #: the unit was recorded as absent: no signer
    absent: bool = False
    #: the place of this line in the ceremony (1 = first recorded): undo takes the highest
    step: int = 0

    @property
    def authority_line(self) -> str:
        """"T/M Ban Tổ chức Tỉnh ủy Phú Thọ", "K/T Trưởng ban Lê Văn B", or what there is."""
        return " ".join(p for p in (self.authority, self.on_behalf_of) if p)


@dataclass(frozen=True)
class Handover(_Record):
    code: str
    unit_code: str
    what: str
    amount_vnd: int = 0
    handed_over: bool = False
    handed_at: str | None = None
    #: the receiving place when it is not (only) a member unit, e.g. a commune
    place: str = ""



register("Covenant", nested={"groups": CovenantGroup})
