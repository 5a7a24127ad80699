"""The covenant's text: its year, title and movements and its content groups (changed only
while no unit has signed it), and next year's copy of it."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable

from .. import validation
from ..domain import locked
from ..errors import ValidationError
from ..models import Covenant, CovenantGroup
from ..validation import POSITION_MAX
from .base import ACTIONS, CovenantBase

GROUP_PREFIX = "N"
MOVEMENTS_MAX = 50
GROUPS_MAX = 100
_YEAR_IN_TITLE = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def next_year_text(covenant: Covenant, year: int | None = None) -> Covenant:
    """A new covenant as a copy of `covenant`'s text for `year` (default the next one): same
    movements and groups, the year in the title moved on, nothing signed or sealed."""
    year = year or covenant.year + 1
    title = _YEAR_IN_TITLE.sub(str(year), covenant.title) if str(covenant.year) in covenant.title else covenant.title
    return Covenant(year=year, title=title, movements=covenant.movements, groups=covenant.groups,
                    signing_order=covenant.signing_order)


class TextChanges(CovenantBase):
    """The covenant's text and content groups, refused once a unit has signed."""

    # ---- the text -------------------------------------------------------------------------

    @locked
    def create(self, *, year: int, title: str, copy_of: Covenant | None = None) -> Covenant:
        """Start the covenant of `year`: a copy of `copy_of`'s movements and groups (the
        previous year's), signed by the member units in the cluster's order."""
        if self.get() is not None:
            raise ValidationError("covenant", "covenant_exists")
        year = validation.integer("covenant_year", year, low=1900, high=2100)
        title = validation.text("covenant_title", title, max_len=POSITION_MAX, required=True)
        base = copy_of or Covenant(year=year, title=title)
        covenant = Covenant(year=year, title=title, movements=base.movements, groups=base.groups,
                            signing_order=self._unit_order())
        with self._work() as work:
            work.put("covenant", covenant.to_doc())
            work.audit(ACTIONS["create"], str(year), None, covenant.to_doc())
        return covenant

    @locked
    def edit_text(self, *, year: Any = None, title: Any = None,
                  movements: Iterable[str] | None = None) -> Covenant:
        """Change the year, the title or the movements (given ones only)."""
        old = self._open_covenant()
        changes: dict[str, Any] = {}
        if year is not None:
            changes["year"] = validation.integer("covenant_year", year, low=1900, high=2100)
        if title is not None:
            changes["title"] = validation.text("covenant_title", title, max_len=POSITION_MAX, required=True)
        if movements is not None:
            cleaned = [validation.text("covenant_movements", m, max_len=POSITION_MAX) for m in movements]
            cleaned = tuple(m for m in cleaned if m)
            if len(cleaned) > MOVEMENTS_MAX:
                raise ValidationError("covenant_movements", "too_long", n=len(cleaned), max=MOVEMENTS_MAX)
            changes["movements"] = cleaned
        return self._save_text(old, replace(old, **changes))

    @locked
    def put_group(self, code: str | None, *, content: Any, measure: Any = "", target: Any = "") -> CovenantGroup:
        """Add a content group (code None: at the end) or change one."""
        old = self._open_covenant()
        content = validation.text("group_content", content, max_len=POSITION_MAX, required=True)
        measure = validation.text("group_measure", measure, max_len=POSITION_MAX)
        target = validation.text("group_target", target, max_len=POSITION_MAX)
        groups = list(old.groups)
        if code is None:
            if len(groups) >= GROUPS_MAX:
                raise ValidationError("groups", "too_long", n=len(groups) + 1, max=GROUPS_MAX)
            taken = {g.code for g in groups}
            n = len(groups) + 1
            while f"{GROUP_PREFIX}{n}" in taken:
                n += 1
            group = CovenantGroup(f"{GROUP_PREFIX}{n}", len(groups) + 1, content, measure, target)
            groups.append(group)
        else:
            at = self._group_index(old, code)
            group = replace(groups[at], content=content, measure=measure, target=target)
            groups[at] = group
        self._save_text(old, replace(old, groups=tuple(groups)))
        return group

    @locked
    def remove_group(self, code: str) -> Covenant:
        old = self._open_covenant()
        at = self._group_index(old, code)
        groups = [g for i, g in enumerate(_ordered(old.groups)) if i != at]
        return self._save_text(old, replace(old, groups=_renumbered(groups)))

    @locked
    def move_group(self, code: str, delta: int) -> Covenant:
        old = self._open_covenant()
        groups = list(_ordered(old.groups))
        at = self._group_index(old, code)
        to = max(0, min(len(groups) - 1, at + delta))
        groups.insert(to, groups.pop(at))
        return self._save_text(old, replace(old, groups=_renumbered(groups)))

    def _save_text(self, old: Covenant, new: Covenant) -> Covenant:
        if new == old:
            return old
        signed = sum(1 for s in self._records.objects("signatures").values() if not s.absent)
        if signed:  # they signed this text: it changes only if their signatures are taken back
            raise ValidationError("covenant", "text_signed", count=signed)
        with self._work() as work:
            work.put("covenant", new.to_doc())
            work.audit(ACTIONS["text"], "covenant", _text_doc(old), _text_doc(new))
        return new

    def _group_index(self, covenant: Covenant, code: str) -> int:
        for i, g in enumerate(_ordered(covenant.groups)):
            if g.code == code:
                return i
        raise ValidationError("groups", "no_such_group", group=code)


def _text_doc(covenant: Covenant) -> dict[str, Any]:
    doc = covenant.to_doc()
    return {k: doc[k] for k in ("year", "title", "movements", "groups")}


def _ordered(groups: Iterable[CovenantGroup]) -> list[CovenantGroup]:
    return sorted(groups, key=lambda g: (g.order, g.code))


def _renumbered(groups: list[CovenantGroup]) -> tuple[CovenantGroup, ...]:
    return tuple(replace(g, order=i) for i, g in enumerate(groups, start=1))
