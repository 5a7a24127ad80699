"""Read the active visible sheet of an .xlsx workbook as rows of cell values, streamed and bounded.

openpyxl's own readers took tens of seconds and gigabytes for small hostile files (millions of
empty cells, shared strings or styles): the sheet, its shared strings and its date styles are read
here as XML streams, each within a limit of `store.io.limits`. Hidden sheets, hidden rows and
formula cells without a cached value are left out and noted.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, Iterator

from ..errors import StoreError
from wording.text import nfc
from . import limits
from .xlsx_parts import read_date_styles, read_shared_strings
from .xml_stream import feed_part, new_parser

def open_workbook(data: bytes, name: str) -> Any:
    """The workbook in `data`, opened read-only for values, once its parts are known to unzip
    within the limits (limits.Refused otherwise; StoreError when it is not a workbook)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception as exc:
        raise StoreError(code="xlsx_unreadable", file=name, detail=limits.short_reason(exc)) from None
    total = 0
    for part in parts:
        total += part.file_size
        small = part.filename.endswith(".rels") or part.filename in ("xl/workbook.xml",
                                                                     "[Content_Types].xml")
        limit = limits.MAX_SMALL_PART_BYTES if small else limits.MAX_PART_BYTES
        if part.file_size > limit:
            raise limits.Refused("part_bytes", part=part.filename, size=part.file_size, limit=limit)
    if total > limits.MAX_UNZIPPED_BYTES:
        raise limits.Refused("unzipped_bytes", size=total, limit=limits.MAX_UNZIPPED_BYTES)
    try:
        reader = bounded_workbook_reader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read()
        return reader.wb
    except limits.Refused:
        raise
    except Exception as exc:  # openpyxl raises zip, XML, key and value errors on bad files
        raise StoreError(code="xlsx_unreadable", file=name, detail=limits.short_reason(exc)) from None


def xlsx_records(data: bytes, name: str, notes: list[limits.Note]) -> Iterator[tuple[int, list[Any]]]:
    """The active visible sheet, streamed row by row: cached values, never formulas."""
    workbook = open_workbook(data, name)
    try:
        sheets = list(workbook.worksheets)
        visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
        hidden = [s.title for s in sheets if s not in visible]
        if not visible:
            raise StoreError(code="xlsx_no_visible_sheet", file=name)
        try:
            active = workbook.active
        except Exception:
            active = None
        sheet = active if active in visible else visible[0]
        if hidden:
            notes.append(("hidden_sheets", {"n": len(hidden), "names": ", ".join(hidden)}))
        others = [s.title for s in visible if s is not sheet]
        if others:
            notes.append(("other_sheets", {"sheet": sheet.title, "n": len(others),
                                           "names": ", ".join(others)}))
        yield from sheet_records(sheet, name, notes)
    except (StoreError, limits.Refused):
        raise
    except Exception as exc:
        raise StoreError(code="xlsx_sheet_unreadable", file=name, detail=limits.short_reason(exc)) from None
    finally:
        workbook.close()


def _reader_class() -> type:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    from openpyxl.xml.constants import SHARED_STRINGS

    class Sheet(ReadOnlyWorksheet):
        """A sheet known by its title, state and part; read by sheet_records only."""

        def _get_size(self) -> None:
            """openpyxl parses the sheet's dimension here, unbounded: not needed."""

    class WorkbookReader(ExcelReader):
        """openpyxl's reader, with the shared strings, date styles and sheets read within limits
        (store.io.xlsx_parts; openpyxl's own took 55 s for 4 million tiny strings and minutes for
        one huge attribute)."""

        def read(self) -> None:
            """What a read-only, values-only reading needs: no theme, properties or names;
            the styles only for which of them show dates (see read_date_styles)."""
            self.read_manifest()
            self.read_strings()
            self.read_workbook()
            self.wb._date_formats, self.wb._timedelta_formats = read_date_styles(self.archive)
            self.read_worksheets()

        def read_strings(self) -> None:
            part = self.package.find(SHARED_STRINGS)
            if part is not None:
                self.shared_strings = read_shared_strings(self.archive, part.PartName[1:])

        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                    self.wb._sheets.append(_NOT_A_SHEET)  # keeps the active sheet's index
                    continue
                ws = Sheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    return WorkbookReader


_NOT_A_SHEET = object()


def bounded_workbook_reader(*args: Any, **kwargs: Any) -> Any:
    global _READER
    if _READER is None:
        _READER = _reader_class()  # openpyxl imported here: slow, only needed for spreadsheets
    return _READER(*args, **kwargs)


_READER: Any = None


def sheet_records(sheet: Any, name: str, notes: list[limits.Note]) -> Iterator[tuple[int, list[Any]]]:
    """Stream the sheet's XML (store.io.xml_stream): each row with a value, as the text of its
    cells, limits checked as the cells come (sheet_cells.SheetCells)."""
    import pyexpat

    from .sheet_cells import SheetCells

    workbook = sheet.parent
    cells = SheetCells(sheet._shared_strings, workbook._date_formats, workbook.epoch)
    parser = new_parser()
    parser.StartElementHandler = cells.start
    parser.EndElementHandler = cells.end
    parser.CharacterDataHandler = cells.text
    try:
        for _ in feed_part(workbook._archive, sheet._worksheet_path, parser):
            if cells.ready:
                yield from cells.ready
                cells.ready.clear()
    except pyexpat.ExpatError as exc:
        raise StoreError(code="xlsx_sheet_unreadable", file=name, detail=limits.short_reason(exc)) from None
    if cells.hidden_rows:
        notes.append(("hidden_rows", {"n": len(cells.hidden_rows), "rows": limits.ranges(cells.hidden_rows)}))
    if cells.formulas:
        notes.append(("formulas", {"n": len(cells.formulas), "cells": limits.first_items(cells.formulas)}))


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a person reads in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    return nfc(str(value))

