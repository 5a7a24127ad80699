"""A sheet's cells as expat hands them over (store.io.xlsx.sheet_records feeds the part): each
row with a value becomes (row number, the text of its cells), the values as openpyxl reads them
(data_only: cached values, never formulas); hidden rows and formulas without a saved value are
left out and listed.

Every limit is checked as the cell comes, before its value is built: the cells of the sheet,
the column of even an empty cell, the row of a cell with a value, the characters of a cell
(counted as its text arrives: a 60 MB text or three million formatted runs are refused at the
1,001st character or run), a shared string too long to be read.
"""

from __future__ import annotations

from typing import Any

from . import limits
from .xlsx_parts import TooLong
from .xml_stream import local

_TEXT_TAGS = {"v": "value", "t": "inline"}


class SheetCells:
    def __init__(self, shared: list[str], date_styles: set[int], epoch: Any) -> None:
        from openpyxl.utils import get_column_letter
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.utils.datetime import from_excel

        self.letter, self.coordinate, self.from_excel = get_column_letter, coordinate_to_tuple, from_excel
        self.shared, self.date_styles, self.epoch = shared, date_styles, epoch
        self.ready: list[tuple[int, list[str]]] = []
        self.hidden_rows: list[int] = []
        self.formulas: list[str] = []
        self.cells_seen = 0
        self.number = 0
        self.hidden = False
        self.in_row = False
        self.values: dict[int, Any] = {}
        self.column = 0
        # the cell being read
        self.kind = "n"
        self.style = ""
        self.formula = False
        self.capture = ""        # "value" inside <v>, "inline" inside an inline string's <t>
        self.pieces: list[str] = []
        self.chars = 0
        self.runs = 0
        self.phonetic = 0

    # ---- expat's handlers ---------------------------------------------------------------------

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "c":
            self._start_cell(attrs)
        elif tag == "row":
            r = attrs.get("r")
            self.number = int(float(r)) if r else self.number + 1
            self.hidden = attrs.get("hidden", "") in ("1", "true")
            self.in_row = True
            self.values = {}
            self.column = 0
        elif tag in _TEXT_TAGS and (tag == "v" or (self.kind == "inlineStr" and not self.phonetic)):
            self.capture = _TEXT_TAGS[tag]
        elif tag == "f":
            self.formula = True
        elif tag == "r" and self.kind == "inlineStr":
            self.runs += 1
            if self.runs > limits.MAX_CELL_CHARS:
                raise limits.Refused("cell_runs", cell=self._ref(), limit=limits.MAX_CELL_CHARS)
        elif tag == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        tag = local(name)
        if tag == "c":
            self._end_cell()
        elif tag in _TEXT_TAGS:
            self.capture = ""
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "row":
            self._end_row()

    def text(self, data: str) -> None:
        if self.capture:
            self.chars += len(data)
            if self.chars > limits.MAX_CELL_CHARS:
                raise limits.Refused("cell_chars", cell=self._ref(), limit=limits.MAX_CELL_CHARS)
            self.pieces.append(data)

    # ---- a cell -------------------------------------------------------------------------------

    def _start_cell(self, attrs: dict[str, str]) -> None:
        self.cells_seen += 1
        if self.cells_seen > limits.MAX_CELLS:
            raise limits.Refused("cells", limit=limits.MAX_CELLS)
        ref = attrs.get("r")
        self.column = self.coordinate(ref)[1] if ref else self.column + 1
        if self.column > limits.MAX_CELL_COLUMN:
            raise limits.Refused("cell_column", row=self.number, column=self.letter(limits.MAX_CELL_COLUMN))
        self.kind = attrs.get("t", "n")
        self.style = attrs.get("s", "")
        self.formula = False
        self.pieces = []
        self.chars = self.runs = 0

    def _ref(self) -> str:
        return f"{self.letter(self.column)}{self.number}"

    def _end_cell(self) -> None:
        self.capture = ""
        value = self._value()
        if value is _NO_VALUE:
            self.formulas.append(self._ref())
            return
        if isinstance(value, TooLong):
            raise limits.Refused("cell_chars", cell=self._ref(), limit=limits.MAX_CELL_CHARS)
        if value is None or value == "" or not self.in_row:
            return
        if self.column > limits.MAX_COLUMNS:
            raise limits.Refused("cell_beyond_column", cell=self._ref(), column=self.letter(limits.MAX_COLUMNS),
                                 limit=limits.MAX_COLUMNS)
        if self.number > limits.MAX_ROW_NUMBER:
            raise limits.Refused("row_number", row=self.number, limit=limits.MAX_ROW_NUMBER)
        if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS:
            raise limits.Refused("cell_chars", cell=self._ref(), limit=limits.MAX_CELL_CHARS)
        self.values[self.column] = value

    def _end_row(self) -> None:
        from .xlsx import cell_text

        self.in_row = False
        values = self.values
        self.values = {}
        if not values:
            return
        if self.hidden:
            self.hidden_rows.append(self.number)
            return
        row: list[Any] = [None] * max(values)
        for col, value in values.items():
            row[col - 1] = value
        self.ready.append((self.number, [cell_text(v) for v in row]))

    def _value(self) -> Any:
        """The cell's cached value as openpyxl reads it (data_only); _NO_VALUE for a formula
        whose value was never saved (a file written by a program that does not compute them)."""
        kind = self.kind
        if kind == "inlineStr":
            return "".join(self.pieces)
        text = "".join(self.pieces)
        if not text:  # no <v>, or an empty one
            return _NO_VALUE if self.formula else None
        if kind == "s":
            try:
                return self.shared[int(text)]
            except (ValueError, IndexError):
                return None
        if kind == "b":
            return text.strip() not in ("0", "")
        if kind in ("str", "e"):
            return text
        if kind == "d":
            return text[:10]
        try:
            number = float(text) if any(c in text for c in ".eE") else int(text)
        except ValueError:
            return text
        if self.style and self.style.isdigit() and int(self.style) in self.date_styles:
            try:
                return self.from_excel(number, self.epoch)
            except (OverflowError, ValueError):
                return text
        return number


_NO_VALUE = object()
