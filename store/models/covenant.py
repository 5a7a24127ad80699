"""The covenant, its signatures, and the support handovers."""

from __future__ import annotations

from dataclasses import dataclass

from .base import _Record, register


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



register("Covenant", nested={"groups": CovenantGroup})
