"""Reading a workbook's sheets as rows: which row is a sheet's header, each data row keyed by
column (example rows left out, noted), the problems found on the way, and the conference
sheet's items read with a check."""

from __future__ import annotations

from typing import Any, Callable

from ..errors import ValidationError
from ..io.importer import unit_key
from ..io.reading import Table, is_header
from ..models import Unit
from . import layout
from .layout import Sheet
from .workbook_cells import BAD
from .workbook_report import SheetProblem


def header_test(sheet: Sheet) -> Callable[[list[str]], bool]:
    """How to know a sheet's header row: two of its columns (the conference sheet: its item column)."""
    if sheet is layout.DELEGATES:
        return is_header
    index = layout.column_index(sheet)

    def test(cells: list[str]) -> bool:
        known = {index[k] for k in map(layout.key_of, cells) if k in index} - {"no", "hint"}
        return len(known) >= 2 or (sheet is layout.CONFERENCE and {"item", "value"} <= known | {"value"}
                                   and "item" in known)

    return test


class SheetReader:
    """The sheets read and what was found in them: problems, notes, the units (once planned)."""

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
            return BAD

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
                                 and not header_test(sheet)(list(table.headers))):
            if table.rows or table.headers:
                self.refuse(title, None, "", "setup.no_header",
                            columns=", ".join(c.vi for c in sheet.columns))
            return title, [], labels
        for code, params in table.notes:
            if code == "title_rows":
                if params.get("rows") != "1":  # row 1 is the workbook's own instruction line
                    self.notes.append((title, "title_rows", {"rows": params.get("rows", "")}))
            else:
                self.notes.append((title, f"import.note.{code}", dict(params)))
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

    def item(self, items, key: str, check: Callable[[str], Any], default: Any = "") -> Any:
        """A conference item's value checked (the title, date and year are required)."""
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
