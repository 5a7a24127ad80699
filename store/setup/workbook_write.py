"""Write the conference workbook: the empty template (`template(lang)`) or a store's conference
(`export_conference(service, fmt, lang)`), in the layout of store.setup.layout.

Each sheet: the instruction line (row 1), the header (row 2), then the rows (the template: one
example row marked "Ví dụ"). Drop-down lists where a value must be chosen (unit, kind of agenda
item, bloc, kind of criterion, guest); dates, times, codes and phones are text cells ("@") so that
Excel does not turn "08:00" or "01/06/2020" into numbers. Every text is written as a string, never
a formula.
"""

from __future__ import annotations

import dataclasses
import io
import json
from typing import Any, Sequence

from ..models import Conference, Covenant, ScoringConfig
from ..validation import date_shown
from wording.catalog import say
from . import layout
from .layout import Sheet

#: rows given a drop-down list and a text format below the header (a conference's lists are short)
LIST_ROWS = 500
TEXT_KINDS = ("date", "time")
TEXT_COLUMNS = ("code", "phone", "planned_start", "appointed", "birth")
SCORING_COVERED = {"total_max", "flag_quota", "merit_quota", "tie_break", "bonus_rules", "deduction_rules"}
COVENANT_COVERED = {"year", "title", "movements", "groups", "signing_order"}


def template(lang: str = "vi") -> bytes:
    """The empty workbook: instructions, headers, one example row per sheet, drop-down lists."""
    return _Writer(lang).write(None)


def export_conference(service: Any, fmt: str = "xlsx", lang: str = "vi") -> bytes:
    """The store's conference as the workbook (`new --from` of it gives the same conference)."""
    if fmt != "xlsx":
        raise ValueError(f"unknown format {fmt!r}; the conference workbook is xlsx")
    return _Writer(lang).write(service)


def _number(value: float | int) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


def _extra(record: Any, covered: set[str]) -> str:
    """The fields of `record` the workbook has no row for, when they differ from their default,
    as JSON (so that a newer model's fields survive an export and import)."""
    if record is None:
        return ""
    doc = record.to_doc()
    out = {}
    for f in dataclasses.fields(record):
        if f.name in covered:
            continue
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else dataclasses.MISSING)
        value = getattr(record, f.name)
        if value != default:
            out[f.name] = doc[f.name]
    return json.dumps(out, ensure_ascii=False, sort_keys=True) if out else ""


class _Writer:
    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in ("vi", "en") else "vi"

    def word(self, words: tuple[str, str]) -> str:
        return layout.word_of(words, self.lang)

    def write(self, service: Any) -> bytes:
        from openpyxl import Workbook

        self.workbook = Workbook()
        self.workbook.remove(self.workbook.active)
        self.units_range = ""
        data = _Data(service) if service is not None else None
        for sheet in layout.SHEETS:
            ws = self.workbook.create_sheet(sheet.title(self.lang))
            self.start(ws, sheet)
        units_sheet = self.workbook[layout.UNITS.title(self.lang)]
        self.units_range = f"'{units_sheet.title}'!$D$3:$D${LIST_ROWS + 3}"
        for sheet in layout.SHEETS:
            ws = self.workbook[sheet.title(self.lang)]
            if sheet is layout.CONFERENCE:
                self.items(ws, data)
            else:
                rows = data.rows(sheet, self) if data else [sheet.example(self.lang)]
                self.fill(ws, sheet, rows, example=data is None)
                self.lists(ws, sheet)
        self.workbook.active = 0
        out = io.BytesIO()
        self.workbook.save(out)
        return out.getvalue()

    # ---- layout --------------------------------------------------------------------------------

    def start(self, ws, sheet: Sheet) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        ws.cell(row=1, column=1, value=sheet.instruction(self.lang)).data_type = "s"
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(sheet.columns), 2))
        ws.cell(row=1, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=1, column=1).font = Font(italic=True)
        ws.row_dimensions[1].height = 48
        for c, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=2, column=c, value=column.header(self.lang))
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            ws.column_dimensions[get_column_letter(c)].width = column.width
            if column.kind in TEXT_KINDS or column.key in TEXT_COLUMNS:
                for r in range(3, LIST_ROWS + 3):
                    ws.cell(row=r, column=c).number_format = "@"
        ws.freeze_panes = "A3"

    def put(self, ws, row: int, column: int, value: Any, *, text: bool = False) -> None:
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        cell = ws.cell(row=row, column=column)
        if value is None or value == "":
            return
        if isinstance(value, str) or text:
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
            cell.data_type = "s"  # text, even "=…" or "08:00": never a formula, never a time
            cell.number_format = "@"
        else:
            cell.value = value

    def fill(self, ws, sheet: Sheet, rows: list[list[Any]], *, example: bool) -> None:
        from openpyxl.styles import Font

        for r, values in enumerate(rows, start=3):
            for c, value in enumerate(values, start=1):
                self.put(ws, r, c, value)
                if example:
                    ws.cell(row=r, column=c).font = Font(italic=True, color="808080")

    def validation(self, ws, formula: str, column: int, first: int = 3, last: int = LIST_ROWS + 2) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
        dv.error = say("doc.workbook.choose_from_list", self.lang)
        dv.showErrorMessage = True
        letter = get_column_letter(column)
        ws.add_data_validation(dv)
        dv.add(f"{letter}{first}:{letter}{last}")

    def choices(self, words: dict) -> str:
        return '"' + ",".join(self.word(w) for w in words.values()) + '"'

    def lists(self, ws, sheet: Sheet) -> None:
        keys = [c.key for c in sheet.columns]
        place = lambda key: keys.index(key) + 1  # noqa: E731
        if sheet is layout.DELEGATES:
            self.validation(ws, self.units_range, place("unit"))
            self.validation(ws, self.choices(layout.BLOC_WORDS), place("bloc"))
            self.validation(ws, '"' + self.word(layout.YES_WORDS) + '"', place("guest"))
        elif sheet is layout.AGENDA:
            self.validation(ws, self.choices(layout.KIND_WORDS), place("kind"))
        elif sheet is layout.CRITERIA:
            self.validation(ws, self.choices(layout.CRITERION_KINDS), place("kind"))
        elif sheet is layout.HANDOVERS:
            self.validation(ws, self.units_range, place("unit"))

    def items(self, ws, data: "_Data | None") -> None:
        from openpyxl.styles import Font

        row = 3
        for item in layout.ITEMS:
            values = data.items(item.key, self) if data else [""]
            if data and not values and item.key in ("scoring_other", "covenant_other"):
                continue
            for value in values or [""]:
                self.put(ws, row, 1, item.label(self.lang))
                ws.cell(row=row, column=1).font = Font(bold=True)
                self.put(ws, row, 2, value, text=item.kind == "date")
                if item.kind == "date":
                    ws.cell(row=row, column=2).number_format = "@"
                self.put(ws, row, 3, item.example(self.lang))
                ws.cell(row=row, column=3).font = Font(italic=True, color="808080")
                if item.unit_list:
                    self.validation(ws, self.units_range, 2, row, row)
                row += 1


class _Data:
    """A store's conference as the workbook's rows."""

    def __init__(self, service: Any) -> None:
        self.conference: Conference | None = service.conference.get()
        self.units = service.conference.units()
        self.by_code = {u.code: u for u in self.units}
        self.delegates = sorted(service.delegates.all(), key=lambda d: d.code)
        self.agenda = service.agenda.items()
        self.groups = service.scoring.content_groups()
        self.config: ScoringConfig | None = (service.scoring.config()
                                             if service.summary().counts.get("scoring_config") else None)
        self.covenant: Covenant | None = service.covenant.get()
        self.handovers = sorted(service.covenant.handovers(), key=lambda h: h.code)

    def unit_name(self, code: str | None) -> str:
        unit = self.by_code.get(code or "")
        return unit.short_name if unit else (code or "")

    def items(self, key: str, writer: _Writer) -> list[Any]:
        c, cfg, cov = self.conference, self.config, self.covenant
        if key in ("title", "cluster", "venue", "organizer"):
            return [getattr(c, key)] if c else []
        if key == "year":
            return [c.year] if c else []
        if key == "date":
            return [date_shown(c.date)] if c else []
        if key in ("host_unit", "head_unit"):
            return [self.unit_name(getattr(c, key))] if c and getattr(c, key) else []
        if key in ("issuer", "doc_place", "doc_symbol"):
            return [getattr(c, key)] if c and getattr(c, key) else []
        if key == "recipient":
            return list(c.recipients) if c else []
        if key in ("total_max", "flag_quota", "merit_quota"):
            return [_number(getattr(cfg, key))] if cfg else []
        if key == "tie_break":
            return [", ".join(writer.word(layout.TIE_BREAK_WORDS[n]) if n in layout.TIE_BREAK_WORDS else n
                              for n in cfg.tie_break)] if cfg else []
        if key == "scoring_other":
            return [v for v in [_extra(cfg, SCORING_COVERED)] if v]
        if key == "covenant_year":
            return [cov.year] if cov else []
        if key == "covenant_title":
            return [cov.title] if cov else []
        if key == "movement":
            return list(cov.movements) if cov else []
        if key == "covenant_other":
            return [v for v in [_extra(cov, COVENANT_COVERED)] if v]
        return []

    def rows(self, sheet: Sheet, writer: _Writer) -> list[list[Any]]:
        if sheet is layout.UNITS:
            signing = {code: i for i, code in enumerate(self.covenant.signing_order, start=1)} if self.covenant else {}
            return [[u.order, u.code, u.full_name, u.short_name, signing.get(u.code, "")] for u in self.units]
        if sheet is layout.DELEGATES:
            yes = writer.word(layout.YES_WORDS)
            return [[i, d.code, d.family, d.middle, d.given, d.position,
                     self.unit_name(d.unit_code) if d.unit_code else "", d.organization,
                     yes if d.guest else "", d.level, writer.word(layout.BLOC_WORDS.get(d.bloc, (d.bloc.value,) * 2)), d.rank,
                     date_shown(d.appointed), date_shown(d.birth), d.on_behalf_of, d.phone, d.note]
                    for i, d in enumerate(self.delegates, start=1)]
        if sheet is layout.AGENDA:
            return [[a.order, a.code, a.planned_start, a.duration_min, a.title,
                     writer.word(layout.KIND_WORDS.get(a.kind, (a.kind.value,) * 2)), a.presenter]
                    for a in self.agenda]
        if sheet is layout.CRITERIA:
            rows: list[list[Any]] = []
            for g in self.groups:
                rows.append([len(rows) + 1, writer.word(layout.CRITERION_KINDS["group"]), g.code, g.title,
                             _number(g.max_points)])
            if self.config:
                for kind, rules in (("bonus", self.config.bonus_rules), ("deduction", self.config.deduction_rules)):
                    for rule in rules:
                        rows.append([len(rows) + 1, writer.word(layout.CRITERION_KINDS[kind]), rule.code,
                                     rule.label, _number(rule.points)])
            return rows
        if sheet is layout.COVENANT:
            groups: Sequence = self.covenant.groups if self.covenant else ()
            return [[g.order, g.code, g.content, g.measure, g.target] for g in groups]
        if sheet is layout.HANDOVERS:
            return [[i, h.code, self.unit_name(h.unit_code) if h.unit_code else "", h.place,
                     h.what, h.amount_vnd] for i, h in enumerate(self.handovers, start=1)]
        return []
