"""The signing ceremony: the signing order, each unit's signature or absence (stamped, undone
from the last), who can sign for a unit and with what authority, and where the ceremony stands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import validation
from ..domain import locked
from ..errors import ValidationError
from ..integrity.hashes import fingerprint
from ..models import Covenant, Delegate, Signature, Unit
from ..models.covenant import AUTHORITIES, AUTHORITY_DEPUTY, AUTHORITY_FOR_BODY
from ..models.roster import protocol_key
from wording.numbers import clock_time
from ..validation import NAME_PART_MAX, POSITION_MAX
from wording.text import fold
from .base import ACTIONS, CovenantBase


@dataclass(frozen=True)
class Progress:
    """Where the ceremony stands: what the projector and the ceremony view show."""

    signed: int
    absent: int
    total: int
    #: the unit whose turn it is (first in the order without a line), "" when none is left
    current: str
    current_name: str
    #: the seal's fingerprint ("3F9A 1C2B 77D0 E4A1"), "" while not sealed
    fingerprint: str
    sealed_at: str | None = None

    @property
    def recorded(self) -> int:
        return self.signed + self.absent


def suggested_authority(delegate: Delegate | None, unit: Unit | None) -> tuple[str, str]:
    """The authority a signer most likely signs with: K/T for the head they stand in for (their
    "on behalf of", or a deputy: "Phó ..." stands in for "Trưởng ban"), else T/M the unit."""
    body = unit.full_name if unit else ""
    if delegate is None:
        return AUTHORITY_FOR_BODY, body
    if delegate.on_behalf_of:
        return AUTHORITY_DEPUTY, delegate.on_behalf_of
    if fold(delegate.position).startswith("pho "):
        return AUTHORITY_DEPUTY, "Trưởng ban"
    return AUTHORITY_FOR_BODY, body


class Ceremony(CovenantBase):
    """The signing order, the signatures and absences, and where the ceremony stands."""

    @staticmethod
    def suggested_authority(delegate: Delegate | None, unit: Unit | None) -> tuple[str, str]:
        """(authority, for whom) a signer of `unit` most likely signs with: the sign dialog's
        first guess, still editable."""
        return suggested_authority(delegate, unit)

    @locked
    def signatures(self) -> tuple[Signature, ...]:
        """Every unit's line, in the order they were recorded."""
        return tuple(sorted(self._records.objects("signatures").values(),
                            key=lambda s: (s.step, s.signed_at, s.unit_code)))

    @locked
    def progress(self) -> Progress:
        """Signed count, total, the unit now signing and the seal's fingerprint (or "")."""
        covenant = self.get()
        if covenant is None:
            return Progress(0, 0, 0, "", "", "")
        lines = self._records.objects("signatures")
        order = covenant.signing_order
        signed = sum(1 for code in order if code in lines and not lines[code].absent)
        absent = sum(1 for code in order if code in lines and lines[code].absent)
        current = next((code for code in order if code not in lines), "") if not covenant.sealed else ""
        units = self._records.objects("units")
        name = units[current].short_name if current in units else current
        return Progress(signed, absent, len(order), current, name,
                        fingerprint(covenant.seal_hash) if covenant.sealed else "", covenant.sealed_at)

    @locked
    def candidates(self, unit_code: str) -> tuple[Delegate, ...]:
        """Who can sign for a unit: its delegates, those present first, then in protocol order
        (highest rank first)."""
        found = [d for d in self._records.objects("delegates").values() if d.unit_code == unit_code]
        return tuple(sorted(found, key=lambda d: (not d.present, protocol_key(d))))

    @locked
    def sign(self, unit_code: str, *, signer: Any, position: Any = "", authority: Any = AUTHORITY_FOR_BODY,
             on_behalf_of: Any = "", delegate_code: str | None = None) -> Signature:
        """Record a unit's signature, stamped now. K/T needs whom the deputy stands in for;
        T/M without a body signs for the unit itself."""
        covenant, unit = self._ready_to_record(unit_code)
        signer = validation.text("signer", signer, max_len=NAME_PART_MAX, required=True)
        position = validation.text("position", position, max_len=POSITION_MAX)
        if authority not in AUTHORITIES:
            raise ValidationError("authority", "one_of", allowed=", ".join(AUTHORITIES))
        on_behalf_of = validation.text("on_behalf_of", on_behalf_of, max_len=POSITION_MAX)
        if authority == AUTHORITY_DEPUTY and not on_behalf_of:
            raise ValidationError("on_behalf_of", "behalf_required")
        if authority == AUTHORITY_FOR_BODY and not on_behalf_of:
            on_behalf_of = unit.full_name
        if delegate_code is not None and delegate_code not in self._records.objects("delegates"):
            delegate_code = None
        return self._record(Signature(unit_code=unit_code, signer=signer, position=position,
                                      signed_at=self._stamp(), on_behalf_of=on_behalf_of,
                                      authority=authority, delegate_code=delegate_code,
                                      step=self._next_step()), ACTIONS["sign"])

    @locked
    def record_absent(self, unit_code: str) -> Signature:
        """Record that a unit is absent from the ceremony (it signs nothing)."""
        self._ready_to_record(unit_code)
        return self._record(Signature(unit_code=unit_code, signer="", position="",
                                      signed_at=self._stamp(), absent=True, step=self._next_step()),
                            ACTIONS["absent"])

    @locked
    def undo_last(self) -> Signature:
        """Take back the last line recorded (a signature or an absence), before the seal."""
        self._open_covenant()
        lines = self.signatures()
        if not lines:
            raise ValidationError("signatures", "no_signing_to_undo")
        last = lines[-1]
        with self._work() as work:
            work.remove("signatures", last.unit_code)
            work.audit(ACTIONS["undo"], last.unit_code, last.to_doc(), None)
        return last

    def _ready_to_record(self, unit_code: str) -> tuple[Covenant, Unit]:
        covenant = self._open_covenant()
        if unit_code not in covenant.signing_order:
            raise ValidationError("unit_code", "not_in_order", unit=unit_code)
        unit = self._records.objects("units").get(unit_code)
        if unit is None:
            raise ValidationError("unit_code", "unknown_unit", unit=unit_code)
        line = self._records.objects("signatures").get(unit_code)
        if line is not None:
            raise ValidationError("unit_code", "already_signed", unit=unit.short_name,
                                  at=clock_time(line.signed_at))
        return covenant, unit

    def _record(self, line: Signature, action: str) -> Signature:
        stored = self._records.single("covenant")
        with self._work() as work:
            if not stored.signing_order:  # the order signed in is the record's from now on
                covenant = self._covenant()
                work.put("covenant", covenant.to_doc())
                work.audit(ACTIONS["order"], "signing_order", [], list(covenant.signing_order))
            work.put("signatures", line.to_doc())
            work.audit(action, line.unit_code, None, line.to_doc())
        return line

    def _next_step(self) -> int:
        return max((s.step for s in self._records.objects("signatures").values()), default=0) + 1
