"""The day's sheets: the agenda, the scoring criteria (content groups, bonus and deduction
rules) and settings, the covenant's text and groups, and the support handovers."""

from __future__ import annotations

from typing import Any

from .. import validation
from ..models import AgendaItem, ContentGroup, Covenant, CovenantGroup, Handover, ScoringConfig
from ..models.scoring import AdjustmentRule
from . import layout
from .workbook_cells import BAD, choice, criterion_points, json_fields, start_time, tie_break, unique_codes
from .workbook_rows import SheetReader


class ProgrammeSheets(SheetReader):
    def plan_agenda(self) -> list[dict[str, Any]]:
        found = self.rows(layout.AGENDA)
        if found is None:
            return []
        title, rows, labels = found
        label = lambda key: labels.get(key) or layout.AGENDA.column(key).vi  # noqa: E731
        kinds = layout.words_index(layout.KIND_WORDS)
        docs = []
        codes = self._codes(title, rows, label("code"))
        for position, (number, cells) in enumerate(rows, start=1):
            start = self.checked(title, number, label("planned_start"), lambda: start_time(cells.get("planned_start", "")))
            minutes = self.checked(title, number, label("duration_min"), lambda: validation.integer(
                "duration_min", cells.get("duration_min") or "0", low=0, high=600))
            text = self.checked(title, number, label("title"), lambda: validation.text(
                "title", cells.get("title"), max_len=validation.POSITION_MAX, required=True))
            presenter = self.checked(title, number, label("presenter"), lambda: validation.text(
                "presenter", cells.get("presenter"), max_len=validation.POSITION_MAX))
            kind = self.checked(title, number, label("kind"), lambda: choice(
                "kind", cells.get("kind", ""), kinds, layout.KIND_WORDS, "other"))
            values = (start, minutes, text, presenter, kind)
            if any(v is BAD for v in values):
                continue
            docs.append(AgendaItem(code=codes.get(number, ""), order=position,
                                   planned_start=start, duration_min=minutes, title=text,
                                   kind=kind, presenter=presenter).to_doc())
        return unique_codes(docs, "A", width=2)

    def _codes(self, title: str, rows, label: str) -> dict[int, str]:
        out: dict[int, str] = {}
        seen: dict[str, int] = {}
        for number, cells in rows:
            code = cells.get("code", "")
            if not code:
                continue
            code = self.checked(title, number, label, lambda: validation.code("code", code))
            if code is BAD:
                continue
            if code in seen:
                self.refuse(title, number, label, "setup.duplicate_code", value=code, row=seen[code])
                continue
            seen[code] = number
            out[number] = code
        return out

    def plan_criteria(self):
        found = self.rows(layout.CRITERIA)
        if found is None:
            return [], [], []
        title, rows, labels = found
        label = lambda key: labels.get(key) or layout.CRITERIA.column(key).vi  # noqa: E731
        kinds = layout.words_index(layout.CRITERION_KINDS)
        codes = self._codes(title, rows, label("code"))
        groups, bonuses, deductions = [], [], []
        for number, cells in rows:
            kind = self.checked(title, number, label("kind"), lambda: choice(
                "kind", cells.get("kind", ""), kinds, layout.CRITERION_KINDS, None))
            text = self.checked(title, number, label("title"), lambda: validation.text(
                "title", cells.get("title"), max_len=validation.POSITION_MAX, required=True))
            points = self.checked(title, number, label("points"), lambda: criterion_points(cells.get("points", "")))
            if BAD in (kind, text, points):
                continue
            code = codes.get(number, "")
            if kind == "group":
                if points <= 0:
                    self.refuse(title, number, label("points"), "setup.above_zero")
                    continue
                groups.append(ContentGroup(code=code, order=len(groups) + 1, title=text,
                                           max_points=points).to_doc())
            elif kind == "bonus":
                bonuses.append(AdjustmentRule(code=code, label=text, points=abs(points)).to_doc())
            else:
                deductions.append(AdjustmentRule(code=code, label=text, points=-abs(points)).to_doc())
        return (unique_codes(groups, "N"), unique_codes(bonuses, "B"), unique_codes(deductions, "D"))

    def plan_scoring(self, items, bonuses, deductions, has_groups: bool) -> dict[str, Any] | None:
        keys = ("total_max", "flag_quota", "merit_quota", "tie_break", "scoring_other")
        if not (bonuses or deductions or has_groups or any(items.get(k, (0, 0, 0, []))[3] for k in keys)):
            return None
        default = ScoringConfig()
        total = self.item(items, "total_max", lambda v: validation.number(
            "total_max", v, low=1, high=10_000), default.total_max)
        flag = self.item(items, "flag_quota", lambda v: validation.integer("flag_quota", v, low=0, high=999),
                         default.flag_quota)
        merit = self.item(items, "merit_quota", lambda v: validation.integer("merit_quota", v, low=0, high=999),
                          default.merit_quota)
        tie = self.item(items, "tie_break", tie_break, default.tie_break)
        other = self.item(items, "scoring_other", lambda v: json_fields(v, ScoringConfig, set(
            ("total_max", "flag_quota", "merit_quota", "tie_break", "bonus_rules", "deduction_rules"))), {})
        if BAD in (total, flag, merit, tie, other):
            return None
        doc = ScoringConfig(total_max=total, bonus_rules=tuple(AdjustmentRule.from_doc(b) for b in bonuses),
                            deduction_rules=tuple(AdjustmentRule.from_doc(d) for d in deductions),
                            tie_break=tuple(tie), flag_quota=flag, merit_quota=merit).to_doc()
        return {**doc, **other}

    def plan_covenant(self, items, signing: tuple[str, ...], conference) -> dict[str, Any] | None:
        found = self.rows(layout.COVENANT)
        groups: list[dict[str, Any]] = []
        if found is not None:
            title, rows, labels = found
            label = lambda key: labels.get(key) or layout.COVENANT.column(key).vi  # noqa: E731
            codes = self._codes(title, rows, label("code"))
            for number, cells in rows:
                values = {}
                for key, required in (("content", True), ("measure", False), ("target", False)):
                    values[key] = self.checked(title, number, label(key), lambda key=key, required=required:
                                               validation.text(key, cells.get(key), max_len=validation.NOTE_MAX,
                                                               required=required))
                if BAD in values.values():
                    continue
                groups.append(CovenantGroup(code=codes.get(number, ""), order=len(groups) + 1, **values).to_doc())
        groups = unique_codes(groups, "N")
        movements = list(items.get("movement", (0, 0, 0, []))[3])
        has_text = any(items.get(k, (0, 0, 0, []))[3] for k in ("covenant_title", "covenant_year", "covenant_other"))
        if not (groups or movements or has_text):
            return None
        base_year = (conference or {}).get("year")
        year = self.item(items, "covenant_year", lambda v: validation.integer("year", v, low=1900, high=2100),
                         (base_year + 1) if isinstance(base_year, int) else None)
        title_text = self.item(items, "covenant_title", lambda v: validation.text(
            "title", v, max_len=validation.NOTE_MAX, required=True), None)
        if title_text is None:
            sheet, row, label = items.get("covenant_title", (layout.CONFERENCE.vi, None, layout.ITEM_BY_KEY["covenant_title"].vi, []))[:3]
            self.refuse(sheet, row, label, "required")
            return None
        if year is None:
            sheet = layout.CONFERENCE.vi
            self.refuse(sheet, None, layout.ITEM_BY_KEY["covenant_year"].vi, "required")
            return None
        moved = []
        for text in movements:
            sheet, row, label = items["movement"][:3]
            moved.append(self.checked(sheet, row, label, lambda text=text: validation.text(
                "movement", text, max_len=validation.NOTE_MAX)))
        other = self.item(items, "covenant_other", lambda v: json_fields(v, Covenant, {
            "year", "title", "movements", "groups", "signing_order"}), {})
        if BAD in (year, title_text, other) or BAD in moved:
            return None
        doc = Covenant(year=year, title=title_text, movements=tuple(moved),
                       groups=tuple(CovenantGroup.from_doc(g) for g in groups),
                       signing_order=signing).to_doc()
        return {**doc, **other}

    def plan_handovers(self) -> list[dict[str, Any]]:
        found = self.rows(layout.HANDOVERS)
        if found is None:
            return []
        title, rows, labels = found
        label = lambda key: labels.get(key) or layout.HANDOVERS.column(key).vi  # noqa: E731
        codes = self._codes(title, rows, label("code"))
        docs = []
        for number, cells in rows:
            unit_text = cells.get("unit", "")
            unit = ""
            if unit_text:
                unit = self.unit_code(unit_text) or ""
                if not unit:
                    self.refuse(title, number, label("unit"), "setup.not_member", unit=unit_text)
                    continue
            place = self.checked(title, number, label("place"), lambda: validation.text(
                "place", cells.get("place"), max_len=validation.POSITION_MAX))
            what = self.checked(title, number, label("what"), lambda: validation.text(
                "what", cells.get("what"), max_len=validation.POSITION_MAX, required=True))
            amount = self.checked(title, number, label("amount_vnd"), lambda: validation.integer(
                "amount_vnd", (cells.get("amount_vnd") or "0").replace(".", "").replace(" ", ""),
                low=0, high=10**15))
            if BAD in (place, what, amount):
                continue
            if not unit and not place:
                self.refuse(title, number, label("unit"), "setup.unit_or_place")
                continue
            docs.append(Handover(code=codes.get(number, ""), unit_code=unit, what=what, amount_vnd=amount,
                                 **({"place": place} if place else {})).to_doc())
        return unique_codes(docs, "H")
