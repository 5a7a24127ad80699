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
from ..vntext import nfc
from . import limits

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
    from openpyxl.xml.constants import SHARED_STRINGS

    class WorkbookReader(ExcelReader):
        """openpyxl's reader, with the shared strings read fast and within limits (openpyxl's
        own took 55 s for 4 million tiny strings)."""

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
                with self.archive.open(part.PartName[1:]) as source:
                    self.shared_strings = read_shared_strings(source)

    return WorkbookReader


def bounded_workbook_reader(*args: Any, **kwargs: Any) -> Any:
    global _READER
    if _READER is None:
        _READER = _reader_class()  # openpyxl imported here: slow, only needed for spreadsheets
    return _READER(*args, **kwargs)


_READER: Any = None


def read_date_styles(archive: Any) -> tuple[set[int], set[int]]:
    """The cell styles (indexes of cellXfs) whose number format shows a date or a duration,
    read as a stream; more styles than Excel allows (64,000) is refused."""
    import xml.etree.ElementTree as ET

    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    if "xl/styles.xml" not in archive.namelist():
        return set(), set()
    custom: dict[int, str] = {}
    used: list[int] = []
    in_xfs = False
    with archive.open("xl/styles.xml") as source:
        for event, element in ET.iterparse(source, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                in_xfs = in_xfs or tag == "cellXfs"
                continue
            if tag == "numFmt":
                try:
                    custom[int(element.get("numFmtId", "-1"))] = element.get("formatCode", "")
                except ValueError:
                    pass
            elif tag == "xf" and in_xfs:
                try:
                    used.append(int(element.get("numFmtId", "0")))
                except ValueError:
                    used.append(0)
                if len(used) > limits.MAX_STYLES:
                    raise limits.Refused("styles", limit=limits.MAX_STYLES)
            elif tag == "cellXfs":
                in_xfs = False
            if tag not in ("numFmts", "cellXfs", "styleSheet"):
                element.clear()
    dates, durations = set(), set()
    for index, number_format in enumerate(used):
        text = custom.get(number_format) or BUILTIN_FORMATS.get(number_format)
        if text and is_date_format(text):
            dates.add(index)
        if text and is_timedelta_format(text):
            durations.add(index)
    return dates, durations


def read_shared_strings(source: Any) -> list[str]:
    """The workbook's shared strings (plain text of each <si>, phonetic runs left out)."""
    import xml.etree.ElementTree as ET

    strings: list[str] = []
    for _event, element in ET.iterparse(source, events=("end",)):
        if _local(element.tag) != "si":
            continue
        parts = []
        for child in element:
            tag = _local(child.tag)
            if tag == "t":
                parts.append(child.text or "")
            elif tag == "r":
                parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
        element.clear()
        strings.append("".join(parts).replace("_x005F_", "_"))
        if len(strings) > limits.MAX_SHARED_STRINGS:
            raise limits.Refused("shared_strings", limit=limits.MAX_SHARED_STRINGS)
    return strings


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def sheet_records(sheet: Any, name: str, notes: list[limits.Note]) -> Iterator[tuple[int, list[Any]]]:
    """Stream the sheet's XML cell by cell (never a whole row's elements at once: a row of
    millions of empty cells stays small): values as openpyxl reads them, limits checked."""
    import xml.etree.ElementTree as ET

    from openpyxl.utils import get_column_letter
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.utils.datetime import from_excel

    workbook = sheet.parent
    shared = sheet._shared_strings
    date_styles = workbook._date_formats
    hidden_rows: list[int] = []
    formulas: list[str] = []
    cells_seen = 0
    number = 0
    hidden = False
    values: dict[int, Any] = {}
    column = 0
    data = None  # the sheetData element, emptied after each row
    with sheet._get_source() as source:
        for event, element in ET.iterparse(source, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start":
                if tag == "row":
                    r = element.get("r")
                    number = int(float(r)) if r else number + 1
                    hidden = element.get("hidden", "") in ("1", "true")
                    values = {}
                    column = 0
                elif tag == "sheetData":
                    data = element
                continue
            if tag == "c":
                cells_seen += 1
                if cells_seen > limits.MAX_CELLS:
                    raise limits.Refused("cells", limit=limits.MAX_CELLS)
                ref = element.get("r")
                column = coordinate_to_tuple(ref)[1] if ref else column + 1
                if column > limits.MAX_CELL_COLUMN:
                    raise limits.Refused("cell_column", row=number,
                                         column=get_column_letter(limits.MAX_CELL_COLUMN))
                value = _cell_value(element, shared, date_styles, workbook.epoch, from_excel)
                element.clear()
                if value is _NO_VALUE:
                    formulas.append(f"{get_column_letter(column)}{number}")
                    continue
                if value is None or value == "":
                    continue
                if column > limits.MAX_COLUMNS:
                    raise limits.Refused("cell_beyond_column", cell=f"{get_column_letter(column)}{number}",
                                         column=get_column_letter(limits.MAX_COLUMNS), limit=limits.MAX_COLUMNS)
                if number > limits.MAX_ROW_NUMBER:
                    raise limits.Refused("row_number", row=number, limit=limits.MAX_ROW_NUMBER)
                if isinstance(value, str) and len(value) > limits.MAX_CELL_CHARS:
                    raise limits.Refused("cell_chars", cell=f"{get_column_letter(column)}{number}",
                                         limit=limits.MAX_CELL_CHARS)
                values[column] = value
            elif tag == "row":
                element.clear()
                if data is not None:
                    data.clear()
                if not values:
                    continue
                if hidden:
                    hidden_rows.append(number)
                    continue
                row = [None] * max(values)
                for col, value in values.items():
                    row[col - 1] = value
                yield number, [cell_text(v) for v in row]
            elif tag not in ("v", "f", "t", "is", "r", "rPr"):
                element.clear()
    if hidden_rows:
        notes.append(("hidden_rows", {"n": len(hidden_rows), "rows": limits.ranges(hidden_rows)}))
    if formulas:
        notes.append(("formulas", {"n": len(formulas), "cells": limits.first_items(formulas)}))


_NO_VALUE = object()


def _cell_value(element: Any, shared: Any, date_styles: Any, epoch: Any, from_excel: Any) -> Any:
    """A cell's cached value as openpyxl reads it (data_only); _NO_VALUE for a formula whose
    value was never saved (a file written by a program that does not compute formulas)."""
    kind = element.get("t", "n")
    text = None
    formula = False
    inline: list[str] = []
    for child in element.iter():
        tag = _local(child.tag)
        if tag == "v":
            text = child.text
        elif tag == "f":
            formula = True
        elif tag == "t" and kind == "inlineStr":
            inline.append(child.text or "")
    if kind == "inlineStr":
        return "".join(inline)
    if text is None:
        return _NO_VALUE if formula else None
    if kind == "s":
        try:
            return shared[int(text)]
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
    style = element.get("s")
    if style and int(style) in date_styles:
        try:
            return from_excel(number, epoch)
        except (OverflowError, ValueError):
            return text
    return number


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


# ---- header and rows --------------------------------------------------------------------------
