"""The support handovers (to a member unit or a place, with an amount), handed over with the
time or taken back, and their totals; not part of the sealed record."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from .. import validation
from ..domain import locked
from ..errors import ValidationError
from ..models import Handover
from wording.numbers import clock_time
from ..validation import POSITION_MAX
from .base import ACTIONS, CovenantBase

HANDOVER_PREFIX = "H"
AMOUNT_MAX = 10**15


@dataclass(frozen=True)
class Totals:
    count: int
    amount_vnd: int
    handed_count: int
    handed_vnd: int


class Handovers(CovenantBase):
    """The support handovers and their totals."""

    @locked
    def handovers(self) -> tuple[Handover, ...]:
        return tuple(sorted(self._records.objects("handovers").values(), key=_handover_key))

    @locked
    def totals(self) -> Totals:
        handovers = self._records.objects("handovers").values()
        done = [h for h in handovers if h.handed_over]
        return Totals(len(handovers), sum(h.amount_vnd for h in handovers), len(done),
                      sum(h.amount_vnd for h in done))

    # ---- handovers ------------------------------------------------------------------------

    @locked
    def add_handover(self, *, what: Any, unit_code: Any = "", place: Any = "", amount_vnd: Any = 0) -> Handover:
        fields = self._handover_fields(what, unit_code, place, amount_vnd)
        with self._work() as work:
            code = self._free_handover_code(work)
            handover = Handover(code=code, **fields)
            work.put("handovers", handover.to_doc())
            work.audit(ACTIONS["handover_add"], code, None, handover.to_doc())
        return handover

    @locked
    def edit_handover(self, code: str, *, what: Any, unit_code: Any = "", place: Any = "",
                      amount_vnd: Any = 0) -> Handover:
        old = self._handover(code)
        new = replace(old, **self._handover_fields(what, unit_code, place, amount_vnd))
        if new == old:
            return old
        with self._work() as work:
            work.put("handovers", new.to_doc())
            work.audit(ACTIONS["handover_edit"], code, old.to_doc(), new.to_doc())
        return new

    @locked
    def remove_handover(self, code: str) -> Handover:
        old = self._handover(code)
        with self._work() as work:
            work.remove("handovers", code)
            work.audit(ACTIONS["handover_remove"], code, old.to_doc(), None)
        return old

    @locked
    def mark_handed(self, code: str) -> Handover:
        old = self._handover(code)
        if old.handed_over:
            raise ValidationError("handed_over", "already_handed", what=old.what, at=clock_time(old.handed_at))
        new = replace(old, handed_over=True, handed_at=self._stamp())
        with self._work() as work:
            work.put("handovers", new.to_doc())
            work.audit(ACTIONS["handed"], code, None, {"at": new.handed_at})
        return new

    @locked
    def undo_handed(self, code: str) -> Handover:
        old = self._handover(code)
        if not old.handed_over:
            raise ValidationError("handed_over", "not_handed", what=old.what)
        new = replace(old, handed_over=False, handed_at=None)
        with self._work() as work:
            work.put("handovers", new.to_doc())
            work.audit(ACTIONS["handed_undo"], code, {"at": old.handed_at}, None)
        return new

    def _handover(self, code: str) -> Handover:
        found = self._records.objects("handovers").get(code)
        if found is None:
            raise ValidationError("handovers", "unknown_handover", code=code)
        return found

    def _handover_fields(self, what: Any, unit_code: Any, place: Any, amount: Any) -> dict[str, Any]:
        what = validation.text("handover_what", what, max_len=POSITION_MAX, required=True)
        unit_code = validation.text("handover_unit", unit_code, max_len=32)
        if unit_code and unit_code not in self._records.objects("units"):
            raise ValidationError("handover_unit", "unknown_unit", unit=unit_code)
        place = validation.text("handover_place", place, max_len=POSITION_MAX)
        if not unit_code and not place:
            raise ValidationError("handover_unit", "unit_or_place")
        if isinstance(amount, str):
            amount = re.sub(r"[.\s]|đ$|đồng$", "", amount.strip().lower().replace("đồng", "").replace("đ", ""))
            amount = amount or "0"
        amount = validation.integer("handover_amount", amount, low=0, high=AMOUNT_MAX)
        return {"what": what, "unit_code": unit_code, "place": place, "amount_vnd": amount}

    def _free_handover_code(self, work) -> str:
        while True:
            code = work.new_code("handovers", HANDOVER_PREFIX, width=1)
            if not self._records.has("handovers", code):
                return code


def _handover_key(h: Handover) -> tuple:
    m = re.match(r"^([A-Za-z]*)(\d+)$", h.code)
    return (m.group(1), int(m.group(2)), "") if m else (h.code, 0, h.code)
