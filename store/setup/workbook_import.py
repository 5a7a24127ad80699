"""A conference from a filled-in workbook (layout: store.setup.layout).

`plan_workbook(path)` reads every sheet and checks every cell with the app's own rules; it
returns a `WorkbookPlan`: the documents a new store would hold, one `SheetProblem` per refused
cell or row (sheet, row, field, reason code), and notes (rows left out, title rows skipped).
A plan with any problem creates nothing: `create_store(path, plan)` refuses it. The delegates
sheet is planned by the delegates import itself (store.io.importer), so a row accepted here is
one the desk's import would accept.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field, fields
from typing import Any, Callable

from .. import checks, errors, validation
from ..conference import conference_field, unit_field
from ..errors import StoreError, ValidationError
from ..io.import_plan import Action, english as import_english
from ..io.importer import match_unit_index, plan_import, unit_key
from ..io.reading import Table, is_header
from ..models import AgendaItem, ContentGroup, Covenant, CovenantGroup, Handover, ScoringConfig, Unit
from ..models.scoring import AdjustmentRule
from . import layout
from .layout import Sheet
from .sheets import read_bytes, read_sheets

REASONS = {
    "setup.no_header": "no header row (expected columns: {columns})",
    "setup.unknown_item": "{item!r} is not an item of this sheet",
    "setup.twice": "given twice (first in row {row})",
    "setup.duplicate_code": "code {value} is already used in row {row}",
    "setup.json": "is not a JSON object of settings ({error})",
    "setup.json_field": "{name!r} is not a setting of this record",
    "setup.no_units": "choose a member unit after listing them on the units sheet",
    "setup.store_check": "{problem}",
    "setup.above_zero": "must be more than 0",
    "setup.unit_or_place": "choose the receiving unit or write the place",
}
_register = getattr(errors, "register_reasons", None) or errors.REASONS.update
_register(REASONS)

#: the code prefixes of records given without a code
PREFIXES = {"delegates": "D", "agenda": "A", "content_groups": "N", "bonus": "B", "deduction": "D",
            "covenant": "N"}
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


@dataclass(frozen=True)
class SheetProblem:
    """A refused cell or row: `sheet` as titled in the file, `row` (None: the whole sheet),
    `field` (the column's or item's label as the file has it), and the reason's catalog key
    and parameters (`reason.<code>`, or the delegates import's `import.reason.<code>`)."""

    sheet: str
    row: int | None
    field: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    key: str = ""

    @property
    def reason_key(self) -> str:
        return self.key or f"reason.{self.code}"

    def english(self) -> str:
        return line(self, english)


@dataclass(frozen=True)
class WorkbookPlan:
    source: str
    documents: dict[str, list[dict[str, Any]]]
    problems: tuple[SheetProblem, ...]
    #: (sheet, note code, params): rows left out and what was read
    notes: tuple[tuple[str, str, dict[str, Any]], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {name: len(docs) for name, docs in self.documents.items()}


def english(key: str, **params: Any) -> str:
    """The English words of a report key (for logs, tests and the English fallback)."""
    if key.startswith("reason."):
        text = errors.REASONS.get(key[7:])
        return text.format(**params) if text else key
    if key.startswith("import."):
        return import_english(key, **params)
    return ENGLISH.get(key, key).format(**params)


ENGLISH = {
    "setup.report.problem": "{sheet}, row {row}, {field}: {reason}",
    "setup.report.sheet_problem": "{sheet}: {field}: {reason}",
    "setup.report.note.example": "{sheet}: example row {rows} left out",
    "setup.report.note.title_rows": "{sheet}: title row(s) above the header skipped: {rows}",
    "setup.report.note.unknown_sheet": "{sheet}: not a sheet of a conference workbook, not read",
    "setup.report.note.missing_sheet": "{sheet}: no such sheet, nothing of it imported",
    "setup.report.note.criteria_total": "the content groups add up to {sum}, not the total {total}",
    "setup.report.note.other": "{sheet}: {text}",
    "setup.report.counts": ("{units} unit(s), {delegates} delegate(s), {agenda} agenda item(s), "
                            "{groups} content group(s), {covenant} covenant group(s), {handovers} handover(s)"),
    "setup.report.ok": "no problem found",
    "setup.report.problems": "{n} problem(s): nothing was created",
}


def line(problem: SheetProblem, word: Callable[..., str]) -> str:
    reason = word(problem.reason_key, **problem.params)
    label = problem.field if problem.field else "—"
    if problem.row is None:
        return word("setup.report.sheet_problem", sheet=problem.sheet, field=label, reason=reason)
    return word("setup.report.problem", sheet=problem.sheet, row=problem.row, field=label, reason=reason)


def describe(plan: WorkbookPlan, word: Callable[..., str] = english) -> list[str]:
    """The report in the user's language: the problems (each sheet, row, field, reason), the
    notes, and what would be created."""
    lines = [line(p, word) for p in plan.problems]
    for sheet, code, params in plan.notes:
        lines.append(word(f"setup.report.note.{code}", sheet=sheet, **params))
    counts = plan.counts()
    covenant = plan.documents.get("covenant") or [{}]
    lines.append(word("setup.report.counts", units=counts.get("units", 0),
                      delegates=counts.get("delegates", 0), agenda=counts.get("agenda", 0),
                      groups=counts.get("content_groups", 0),
                      covenant=len(covenant[0].get("groups", ())), handovers=counts.get("handovers", 0)))
    if plan.problems:
        lines.append(word("setup.report.problems", n=len(plan.problems)))
    else:
        lines.append(word("setup.report.ok"))
    return lines


# ---- reading ------------------------------------------------------------------------------------

def _header_test(sheet: Sheet) -> Callable[[list[str]], bool]:
    if sheet is layout.DELEGATES:
        return is_header
    index = layout.column_index(sheet)

    def test(cells: list[str]) -> bool:
        known = {index[k] for k in map(layout.key_of, cells) if k in index} - {"no", "hint"}
        return len(known) >= 2 or (sheet is layout.CONFERENCE and {"item", "value"} <= known | {"value"}
                                   and "item" in known)

    return test


def plan_workbook(path: str | os.PathLike) -> WorkbookPlan:
    """What a store made from the workbook at `path` would hold, and every problem."""
    name = os.path.basename(os.fspath(path))
    data = read_bytes(path)
    titles: dict[str, Sheet] = {}
    unknown: list[str] = []

    def tests(title: str):
        sheet = layout.SHEET_OF_TITLE.get(layout.key_of(title))
        if sheet is None or sheet in titles.values():
            unknown.append(title)
            return None
        titles[title] = sheet
        return _header_test(sheet)

    tables_read = read_sheets(data, name, tests)
    return _Planner(name, {titles[t]: (t, table) for t, table in tables_read.items()}, unknown).plan()


class _Planner:
    def __init__(self, source: str, sheets: dict[Sheet, tuple[str, Table]], unknown: list[str]) -> None:
        self.source = source
        self.sheets = sheets
        self.problems: list[SheetProblem] = []
        self.notes: list[tuple[str, str, dict[str, Any]]] = [(t, "unknown_sheet", {}) for t in unknown]
        self.units: list[Unit] = []
        self.unit_index: dict[str, str] = {}

    # ---- helpers -------------------------------------------------------------------------

    def refuse(self, sheet: str, row: int | None, label: str, code: str, key: str = "", /, **params: Any) -> None:
        self.problems.append(SheetProblem(sheet, row, label, code, params, key))

    def checked(self, sheet: str, row: int | None, label: str, check: Callable[[], Any]) -> Any:
        try:
            return check()
        except ValidationError as exc:
            self.refuse(sheet, row, label, exc.code, **exc.params)
            return _BAD

    def rows(self, sheet: Sheet) -> tuple[str, list[tuple[int, dict[str, str]]], dict[str, str]] | None:
        """(title, data rows keyed by column key, column key -> header as written), or None."""
        found = self.sheets.get(sheet)
        if found is None:
            self.notes.append((sheet.vi, "missing_sheet", {}))
            return None
        title, table = found
        index = layout.column_index(sheet)
        headers = {h: index.get(layout.key_of(h)) for h in table.headers}
        labels = {key: h for h, key in headers.items() if key}
        if not table.headers or (sheet is not layout.DELEGATES
                                 and not _header_test(sheet)(list(table.headers))):
            if table.rows or table.headers:
                self.refuse(title, None, "", "setup.no_header",
                            columns=", ".join(c.vi for c in sheet.columns))
            return title, [], labels
        for code, params in table.notes:
            if code == "title_rows":
                if params.get("rows") != "1":  # row 1 is the workbook's own instruction line
                    self.notes.append((title, "title_rows", {"rows": params.get("rows", "")}))
            else:
                self.notes.append((title, "other", {"text": import_english(f"import.note.{code}", **params)}))
        out: list[tuple[int, dict[str, str]]] = []
        examples: list[int] = []
        for number, cells in table.rows:
            if layout.is_example(cells):
                examples.append(number)
                continue
            keyed = {key: cells.get(h, "").strip() for h, key in headers.items() if key}
            if any(v for k, v in keyed.items() if k != "no"):
                out.append((number, keyed))
        if examples:
            self.notes.append((title, "example", {"rows": ", ".join(map(str, examples))}))
        return title, out, labels

    def unit_code(self, text: str) -> str | None:
        return self.unit_index.get(unit_key(text)) or self.unit_index.get(layout.key_of(text))

    # ---- the sheets ------------------------------------------------------------------------

    def plan(self) -> WorkbookPlan:
        docs: dict[str, list[dict[str, Any]]] = {}
        units, signing = self.plan_units()
        docs["units"] = [u.to_doc() for u in units]
        items = self.plan_items()
        conference = self.plan_conference(items)
        if conference is not None:
            docs["conference"] = [conference]
        docs["delegates"] = self.plan_delegates()
        docs["agenda"] = self.plan_agenda()
        groups, bonuses, deductions = self.plan_criteria()
        docs["content_groups"] = groups
        config = self.plan_scoring(items, bonuses, deductions, bool(groups))
        if config is not None:
            docs["scoring_config"] = [config]
        covenant = self.plan_covenant(items, signing, conference)
        if covenant is not None:
            docs["covenant"] = [covenant]
        docs["handovers"] = self.plan_handovers()
        if groups and config is not None:
            total = sum(g["max_points"] for g in groups)
            if abs(total - config["total_max"]) > 1e-9:
                self.notes.append(("", "criteria_total", {"sum": f"{total:g}", "total": f"{config['total_max']:g}"}))
        docs = {k: v for k, v in docs.items() if v}
        if not self.problems:
            self.vet(docs)
        return WorkbookPlan(self.source, docs, tuple(self.problems), tuple(self.notes))

    def plan_units(self) -> tuple[list[Unit], tuple[str, ...]]:
        found = self.rows(layout.UNITS)
        if found is None:
            return [], ()
        title, rows, labels = found
        label = lambda key: labels.get(key) or layout.UNITS.column(key).vi  # noqa: E731
        units: list[Unit] = []
        seen_codes: dict[str, int] = {}
        seen_names: dict[str, int] = {}
        signing: list[tuple[float, int, str]] = []
        pending: list[tuple[int, dict[str, str], str, str]] = []
        for number, cells in rows:
            full = self.checked(title, number, label("full_name"), lambda: unit_field("full_name", cells.get("full_name")))
            short = self.checked(title, number, label("short_name"), lambda: unit_field("short_name", cells.get("short_name")))
            if short is not _BAD:
                key = layout.key_of(short)
                if key in seen_names:
                    self.refuse(title, number, label("short_name"), "setup.twice", row=seen_names[key])
                seen_names.setdefault(key, number)
            code = cells.get("code", "")
            if code:
                code = self.checked(title, number, label("code"), lambda: unit_field("code", code))
                if code is not _BAD:
                    if code in seen_codes:
                        self.refuse(title, number, label("code"), "setup.duplicate_code", value=code, row=seen_codes[code])
                    seen_codes.setdefault(code, number)
            if full is _BAD or short is _BAD or code is _BAD:
                continue
            pending.append((number, cells, full, short))
        from ..conference import code_from_name

        taken = set(seen_codes)
        for position, (number, cells, full, short) in enumerate(pending, start=1):
            code = cells.get("code") or code_from_name(short, taken)
            taken.add(code)
            units.append(Unit(code=code, order=position, full_name=full, short_name=short))
            if cells.get("signing"):
                place = self.checked(title, number, label("signing"), lambda: validation.integer(
                    "signing", cells["signing"], low=1, high=999))
                if place is not _BAD:
                    signing.append((place, position, code))
        self.units = units
        self.unit_index = match_unit_index(units)
        for u in units:
            self.unit_index.setdefault(layout.key_of(u.code), u.code)
        order = tuple(code for _, _, code in sorted(signing))
        if order and len(order) != len(units):  # the others sign after, in the cluster's order
            order = order + tuple(u.code for u in units if u.code not in order)
        return units, order

    def plan_items(self) -> dict[str, tuple[str, int, str, list[str]]]:
        """item key -> (sheet title, row, label as written, values)."""
        found = self.rows(layout.CONFERENCE)
        out: dict[str, tuple[str, int, str, list[str]]] = {}
        if found is None:
            return out
        title, rows, _labels = found
        for number, cells in rows:
            label = cells.get("item", "")
            value = cells.get("value", "")
            key = layout.ITEM_OF_LABEL.get(layout.key_of(label))
            if key is None:
                if label or value:
                    self.refuse(title, number, label, "setup.unknown_item", item=label)
                continue
            if key in out:
                if layout.ITEM_BY_KEY[key].repeated:
                    if value:
                        out[key][3].append(value)
                    continue
                self.refuse(title, number, label, "setup.twice", row=out[key][1])
                continue
            out[key] = (title, number, label, [value] if value else [])
        return out

    def item(self, items, key: str, check: Callable[[str], Any], default: Any = "") -> Any:
        if key not in items or not items[key][3]:
            if key in ("title", "date", "year"):  # required: the conference needs them
                where = items.get(key)
                sheet = where[0] if where else layout.CONFERENCE.vi
                row = where[1] if where else None
                label = where[2] if where else layout.ITEM_BY_KEY[key].vi
                return self.checked(sheet, row, label, lambda: check(""))
            return default
        sheet, row, label, values = items[key]
        return self.checked(sheet, row, label, lambda: check(values[0]))

    def plan_conference(self, items) -> dict[str, Any] | None:
        if layout.CONFERENCE not in self.sheets:
            return None
        values: dict[str, Any] = {}
        for key in ("title", "cluster", "year", "date", "venue", "organizer"):
            values[key] = self.item(items, key, lambda v, key=key: _conference_value(key, v))
        for key in ("host_unit", "head_unit"):
            values[key] = self.item(items, key, lambda v, key=key: self._unit_item(key, v))
        if any(v is _BAD for v in values.values()):
            return None
        return {**values, "organizer": values["organizer"]}

    def _unit_item(self, key: str, text: str) -> str:
        if not text:
            return ""
        if not self.units:
            raise ValidationError(f"conference.{key}", "setup.no_units")
        code = self.unit_code(text)
        if code is None:
            raise ValidationError(f"conference.{key}", "setup.not_member", unit=text)
        return code

    def plan_delegates(self) -> list[dict[str, Any]]:
        found = self.sheets.get(layout.DELEGATES)
        if found is None:
            self.notes.append((layout.DELEGATES.vi, "missing_sheet", {}))
            return []
        title, table = found
        rows = [(n, c) for n, c in table.rows if not layout.is_example(c)]
        examples = [n for n, c in table.rows if layout.is_example(c)]
        if examples:
            self.notes.append((title, "example", {"rows": ", ".join(map(str, examples))}))
        if not rows:
            return []
        table = Table(headers=table.headers, rows=rows, source=title, header_row=table.header_row,
                      encoding=table.encoding, notes=table.notes, damaged_rows=table.damaged_rows)
        try:
            plan = plan_import(table, self.units, [])
        except StoreError:
            self.refuse(title, None, "", "setup.no_header",
                        columns=", ".join(c.vi for c in layout.DELEGATES.columns))
            return []
        for code, params in plan.notes:
            if code == "title_rows" and params.get("rows") == "1":
                continue
            key = "title_rows" if code == "title_rows" else "other"
            extra = {"rows": params.get("rows", "")} if key == "title_rows" else {
                "text": import_english(f"import.note.{code}", **params)}
            self.notes.append((title, key, extra))
        columns = plan.columns
        docs: list[dict[str, Any]] = []
        given = {r.code for r in plan.rows if r.action is Action.ADD and r.code}
        counter = 0
        for row in plan.rows:
            if row.action is Action.REJECTED:
                label = columns.get(row.field) or (columns.get("full_name") or columns.get("given", "")
                                                   if row.field in ("name", "") else row.field)
                self.refuse(title, row.row, label, row.reason_code, row.reason_key, **row.params)
                continue
            code = row.code
            if not code:
                counter += 1
                while f"D{counter:04d}" in given:
                    counter += 1
                code = f"D{counter:04d}"
            docs.append({"code": code, **row.values, "checked_in_at": None, "checkin_desk": None})
        return docs

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
            start = self.checked(title, number, label("planned_start"), lambda: _time(cells.get("planned_start", "")))
            minutes = self.checked(title, number, label("duration_min"), lambda: validation.integer(
                "duration_min", cells.get("duration_min") or "0", low=0, high=600))
            text = self.checked(title, number, label("title"), lambda: validation.text(
                "title", cells.get("title"), max_len=validation.POSITION_MAX, required=True))
            presenter = self.checked(title, number, label("presenter"), lambda: validation.text(
                "presenter", cells.get("presenter"), max_len=validation.POSITION_MAX))
            kind = self.checked(title, number, label("kind"), lambda: _choice(
                "kind", cells.get("kind", ""), kinds, layout.KIND_WORDS, "other"))
            values = (start, minutes, text, presenter, kind)
            if any(v is _BAD for v in values):
                continue
            docs.append(AgendaItem(code=codes.get(number, ""), order=position,
                                   planned_start=start, duration_min=minutes, title=text,
                                   kind=kind, presenter=presenter).to_doc())
        return _unique_codes(docs, "A", width=2)

    def _codes(self, title: str, rows, label: str) -> dict[int, str]:
        out: dict[int, str] = {}
        seen: dict[str, int] = {}
        for number, cells in rows:
            code = cells.get("code", "")
            if not code:
                continue
            code = self.checked(title, number, label, lambda: validation.code("code", code))
            if code is _BAD:
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
            kind = self.checked(title, number, label("kind"), lambda: _choice(
                "kind", cells.get("kind", ""), kinds, layout.CRITERION_KINDS, None))
            text = self.checked(title, number, label("title"), lambda: validation.text(
                "title", cells.get("title"), max_len=validation.POSITION_MAX, required=True))
            points = self.checked(title, number, label("points"), lambda: _points(cells.get("points", "")))
            if _BAD in (kind, text, points):
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
        return (_unique_codes(groups, "N"), _unique_codes(bonuses, "B"), _unique_codes(deductions, "D"))

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
        tie = self.item(items, "tie_break", _tie_break, default.tie_break)
        other = self.item(items, "scoring_other", lambda v: _json_fields(v, ScoringConfig, set(
            ("total_max", "flag_quota", "merit_quota", "tie_break", "bonus_rules", "deduction_rules"))), {})
        if _BAD in (total, flag, merit, tie, other):
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
                if _BAD in values.values():
                    continue
                groups.append(CovenantGroup(code=codes.get(number, ""), order=len(groups) + 1, **values).to_doc())
        groups = _unique_codes(groups, "N")
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
        other = self.item(items, "covenant_other", lambda v: _json_fields(v, Covenant, {
            "year", "title", "movements", "groups", "signing_order"}), {})
        if _BAD in (year, title_text, other) or _BAD in moved:
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
            if _BAD in (place, what, amount):
                continue
            if not unit and not place:
                self.refuse(title, number, label("unit"), "setup.unit_or_place")
                continue
            docs.append(Handover(code=codes.get(number, ""), unit_code=unit, what=what, amount_vnd=amount,
                                 **({"place": place} if place else {})).to_doc())
        return _unique_codes(docs, "H")

    # ---- the documents as a store would hold them ----------------------------------------------

    def vet(self, docs: dict[str, list[dict[str, Any]]]) -> None:
        """The same checks as opening the store: shape, then references (a last guard)."""
        raw = {name: {str(i): doc for i, doc in enumerate(items, start=1)} for name, items in docs.items()}
        from ..core import schema

        schema.set_version(raw, schema.SCHEMA_VERSION)
        for problem in checks.check_problems(raw):
            self.refuse(problem.table or "", None, problem.field or "", "setup.store_check", problem=str(problem))


_BAD = object()


def _conference_value(key: str, text: str) -> Any:
    if key == "year" and not text.strip():
        raise ValidationError("conference.year", "required")
    return conference_field(key, text)


def _time(text: str) -> str:
    m = TIME_RE.match(text.strip())
    if not m:
        raise ValidationError("planned_start", "time")
    return validation.time_of_day("planned_start", f"{int(m.group(1)):02d}:{m.group(2)}")


def _points(text: str) -> float:
    return validation.number("points", (text or "").strip(), low=-10_000, high=10_000)


def _choice(field_name: str, text: str, index: dict[str, Any], words: dict, default: Any) -> Any:
    if not text.strip():
        if default is None:
            raise ValidationError(field_name, "required")
        return default
    value = index.get(layout.key_of(text))
    if value is None:
        raise ValidationError(field_name, "one_of", allowed=", ".join(w[0] for w in words.values()))
    return getattr(value, "value", value)


def _tie_break(text: str) -> tuple[str, ...]:
    index = {layout.key_of(w): name for name, words in layout.TIE_BREAK_WORDS.items() for w in (*words, name)}
    out = []
    for part in re.split(r"[,;\n]+", text):
        if not part.strip():
            continue
        name = index.get(layout.key_of(part))
        if name is None:
            raise ValidationError("tie_break", "one_of",
                                  allowed=", ".join(w[0] for w in layout.TIE_BREAK_WORDS.values()))
        out.append(name)
    return tuple(out)


def _json_fields(text: str, model: type, covered: set[str]) -> dict[str, Any]:
    """Settings of a record the workbook has no column for, as a JSON object (a model's newer
    fields survive an export and import)."""
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise ValidationError("json", "setup.json", error=str(exc).split(":")[0]) from None
    if not isinstance(value, dict):
        raise ValidationError("json", "setup.json", error="not an object")
    names = {f.name for f in fields(model)} - covered
    for key in value:
        if key not in names:
            raise ValidationError("json", "setup.json_field", name=key)
    return value  # the types are checked with the whole record (vet: the store's own check)


def _unique_codes(docs: list[dict[str, Any]], prefix: str, width: int = 0) -> list[dict[str, Any]]:
    """Give each record without a code one (prefix + its place), never one already given."""
    taken = {d["code"] for d in docs if d.get("code")}
    n = 0
    for doc in docs:
        if not doc.get("code"):
            n += 1
            while f"{prefix}{n:0{width}d}" in taken:
                n += 1
            doc["code"] = f"{prefix}{n:0{width}d}"
            taken.add(doc["code"])
    return docs


# ---- creating the store ----------------------------------------------------------------------------

def create_store(path: str | os.PathLike, plan: WorkbookPlan, **options: Any):
    """A new store at `path` holding the plan's documents (refused when the plan has a problem);
    returns the open Service."""
    from ..service import Service

    if plan.problems:
        raise StoreError(f"{plan.source}: {len(plan.problems)} problem(s); nothing was created")
    return Service.create(path, documents=plan.documents,
                          origin={"from": plan.source, "workbook": plan.counts()}, **options)

