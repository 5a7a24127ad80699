"""The signing order: which member units sign and in what order. A blank order is the cluster's
unit order (`CovenantBase.get`); a unit added to the cluster joins its end (store.conference);
units are moved, put back or taken out here, before the seal. A unit with a line of the record
(signed or recorded absent) stays: its line is taken back first."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ..domain import locked
from ..errors import ValidationError
from ..models import Covenant
from wording.numbers import clock_time
from .base import ACTIONS, CovenantBase


def completed_order(order: Iterable[str], units: Iterable[str]) -> tuple[str, ...]:
    """`order` followed by the `units` it misses, in their order (a blank order: all of them)."""
    order = tuple(order)
    return order + tuple(code for code in units if code not in order)


class SigningOrder(CovenantBase):
    """The signing order of the covenant."""

    @locked
    def outside_order(self) -> tuple[str, ...]:
        """Member units that are not in the signing order, in the cluster's order."""
        covenant = self.get()
        if covenant is None:
            return ()
        return tuple(code for code in self._unit_order() if code not in covenant.signing_order)

    @locked
    def move_in_order(self, unit_code: str, delta: int) -> Covenant:
        """Move a unit earlier (delta < 0) or later in the signing order."""
        old = self._open_covenant()
        order = list(old.signing_order)
        if unit_code not in order:
            raise ValidationError("unit_code", "not_in_order", unit=unit_code)
        at = order.index(unit_code)
        to = max(0, min(len(order) - 1, at + delta))
        order.insert(to, order.pop(at))
        return self.set_order(order)

    @locked
    def set_order(self, codes: Iterable[str]) -> Covenant:
        """The signing order: the same units, once each, in another order."""
        old = self._open_covenant()
        codes = tuple(codes)
        if sorted(codes) != sorted(old.signing_order) or len(set(codes)) != len(codes):
            raise ValidationError("signing_order", "signing_order_units")
        return self._save_order(old, codes, ACTIONS["order"], "signing_order")

    @locked
    def add_to_order(self, unit_code: str) -> Covenant:
        """Put a member unit back at the end of the signing order."""
        old = self._open_covenant()
        unit = self._records.objects("units").get(unit_code)
        if unit is None:
            raise ValidationError("unit_code", "unknown_unit", unit=unit_code)
        if unit_code in old.signing_order:
            raise ValidationError("unit_code", "already_in_order", unit=unit.short_name)
        return self._save_order(old, (*old.signing_order, unit_code), ACTIONS["order_add"], unit_code)

    @locked
    def remove_from_order(self, unit_code: str) -> Covenant:
        """Take a unit out of the signing order: refused once it has its line (signed or absent)
        and for the last unit (a blank order would be every unit again)."""
        old = self._open_covenant()
        if unit_code not in old.signing_order:
            raise ValidationError("unit_code", "not_in_order", unit=unit_code)
        units = self._records.objects("units")
        name = units[unit_code].short_name if unit_code in units else unit_code
        line = self._records.objects("signatures").get(unit_code)
        if line is not None:
            raise ValidationError("unit_code", "order_recorded", unit=name, at=clock_time(line.signed_at)[:5])
        if len(old.signing_order) == 1:
            raise ValidationError("unit_code", "order_last_unit", unit=name)
        order = tuple(code for code in old.signing_order if code != unit_code)
        return self._save_order(old, order, ACTIONS["order_remove"], unit_code)

    def _save_order(self, old: Covenant, order: tuple[str, ...], action: str, target: str) -> Covenant:
        if order == old.signing_order and self._records.single("covenant").signing_order:
            return old
        new = replace(old, signing_order=order)
        with self._work() as work:
            work.put("covenant", new.to_doc())
            work.audit(action, target, list(old.signing_order), list(order))
        return new
