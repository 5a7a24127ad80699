"""Next year's cluster head: the unit elected and its person (not part of the sealed record)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .. import validation
from ..domain import locked
from ..errors import ValidationError
from ..models import Covenant
from ..validation import NAME_PART_MAX
from .base import ACTIONS, CovenantBase


class NextHead(CovenantBase):
    """Next year's cluster head."""

    # ---- next year's cluster head ---------------------------------------------------------

    @locked
    def set_next_head(self, unit_code: Any, name: Any) -> Covenant:
        """Record the unit elected cluster head for next year and its person ("" clears)."""
        old = self._covenant()
        unit_code = validation.text("next_head_unit", unit_code, max_len=32)
        if unit_code and unit_code not in self._records.objects("units"):
            raise ValidationError("next_head_unit", "unknown_unit", unit=unit_code)
        name = validation.text("next_head_name", name, max_len=NAME_PART_MAX)
        new = replace(old, next_head_unit=unit_code, next_head_name=name)
        if new == old:
            return old
        with self._work() as work:
            work.put("covenant", new.to_doc())
            work.audit(ACTIONS["next_head"], unit_code or "-",
                       {"unit": old.next_head_unit, "name": old.next_head_name},
                       {"unit": unit_code, "name": name})
        return new
