"""Read a tabular file (CSV or XLSX) into a header and text rows, within fixed limits.

Every cell comes back as NFC text; each row keeps the row number a person sees in the file.
Blank rows are skipped. The header is the first row (among the first HEADER_SEARCH_ROWS that
are not blank) whose cells name known columns, a name column among them: the title rows a
province writes above it (commission, list title, document reference) are skipped and reported.

XLSX: the active sheet is read (the first visible one if the active one is hidden); hidden
sheets, hidden rows and formula cells without a cached value are left out and reported.
CSV: UTF-8 (BOM optional; a few bad bytes are kept as U+FFFD and their rows reported), else
TCVN3 or VNI (converted), else Windows-1258; the encoding is named in `Table.encoding`.

Cost is bounded (see LIMITS): the file's size, the unzipped size of every part of a workbook,
rows, columns and cell length are checked while the file streams, so a small hostile file is
refused in about a second with little memory. A file that cannot be read as a table, or goes
beyond a limit, raises StoreError naming the file, what and why, in one line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import legacy
from ..errors import StoreError
from ..vntext import fold, nfc

CSV_DELIMITERS = (",", ";", "\t")
EXTENSIONS = (".csv", ".xlsx")

# ---- limits: one place (quoted in README) ----------------------------------------------------
MAX_FILE_BYTES = 32 * 1024 * 1024       # the file as it is on disk
MAX_PART_BYTES = 64 * 1024 * 1024       # each part of an .xlsx, unzipped (sheet, shared strings…)
MAX_UNZIPPED_BYTES = 128 * 1024 * 1024  # all parts of an .xlsx together, unzipped
MAX_ROWS = 50_000                       # rows that are not blank (data, title and footer rows)
MAX_COLUMNS = 100                       # a cell with a value beyond column 100 (CV) is refused
MAX_CELL_CHARS = 1_000                  # characters in one cell
MAX_ROW_NUMBER = 100_000                # a cell with a value below row 100,000 is refused
MAX_CELL_COLUMN = 1_000                 # XLSX: even an empty cell beyond column 1,000 (ALL)
MAX_CELLS = 3_000_000                   # XLSX: cell elements in the sheet, empty ones included
MAX_SHARED_STRINGS = 300_000            # XLSX: texts in the shared string table
MAX_STYLES = 64_000                     # XLSX: cell styles (Excel's own limit)
MAX_SMALL_PART_BYTES = 4 * 1024 * 1024  # XLSX: workbook.xml, [Content_Types].xml, *.rels
HEADER_SEARCH_ROWS = 20                 # the header is looked for among the first 20 rows
LIMITS = {
    "file_bytes": MAX_FILE_BYTES, "xlsx_part_bytes": MAX_PART_BYTES,
    "xlsx_unzipped_bytes": MAX_UNZIPPED_BYTES, "rows": MAX_ROWS, "columns": MAX_COLUMNS,
    "cell_chars": MAX_CELL_CHARS, "row_number": MAX_ROW_NUMBER,
    "xlsx_cell_column": MAX_CELL_COLUMN, "xlsx_cells": MAX_CELLS, "xlsx_shared_strings": MAX_SHARED_STRINGS,
    "xlsx_styles": MAX_STYLES, "xlsx_small_part_bytes": MAX_SMALL_PART_BYTES, "header_search_rows": HEADER_SEARCH_ROWS,
}

ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp1258": "Windows-1258",
                  "tcvn3": "TCVN3 (ABC)", "vni": "VNI-Windows", "xlsx": "Excel (.xlsx)"}

# ---- known columns (the importer maps headers to delegate fields with these) ------------------
# Header -> field, compared after header_key() (folded, without spaces, "_", "-", ".", ":").
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": ("hovaten", "hoten", "fullname", "name", "hotendaibieu", "hovatendaibieu"),
    "family": ("ho", "family", "familyname", "surname"),
    "middle": ("tendem", "middle", "middlename"),
    "given": ("ten", "given", "givenname", "firstname"),
    "position": ("chucvu", "position", "chucdanh"),
    "unit": ("donvi", "unit", "coquandonvi", "donvicongtac"),
    "organization": ("coquan", "organization"),
    "guest": ("khachmoi", "guest"),
    "code": ("ma", "code", "madaibieu"),
    "phone": ("dienthoai", "sodienthoai", "phone", "sdt", "dt"),
    "note": ("ghichu", "note"),
    "bloc": ("khoi", "bloc"),
    "rank": ("thubac", "rank"),
    "level": ("cap", "level"),
    "birth": ("ngaysinh", "birth", "birthdate", "dateofbirth", "namsinh"),
    "appointed": ("ngaybonhiem", "appointed"),
    "on_behalf_of": ("thaymat", "onbehalfof"),
}
FIELD_OF_HEADER = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}
ROW_NUMBER_HEADERS = ("stt", "tt", "no", "number", "sothutu")  # ignored without a warning
NAME_FIELDS = ("full_name", "given")


def header_key(header: str) -> str:
    return re.sub(r"[\s_\-.:]+", "", fold(header))


Note = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    source: str = ""
    header_row: int = 1
    encoding: str = ""
    notes: tuple[Note, ...] = ()              # what was left out or converted, for the report
    damaged_rows: frozenset[int] = frozenset()  # rows with bytes that are not valid UTF-8


class _Refused(Exception):
    """A limit was reached: StoreError with the file name once caught."""


def read_table(path: str | os.PathLike) -> Table:
    """Read `path` by its extension: .csv or .xlsx (see the module's docstring)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise StoreError(f"{path.name}: unknown file type {suffix or '(none)'!r}; expected .csv or .xlsx")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise StoreError(f"{path.name}: refused: the file has {size:,} bytes, more than the "
                             f"{MAX_FILE_BYTES:,} an import reads")
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise StoreError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise StoreError(f"{path.name}: the file is empty")
    notes: list[Note] = []
    damaged: set[int] = set()
    try:
        if suffix == ".csv":
            text, encoding, bad_lines = decode_csv_bytes(data, path.name)
            records = csv_records(text, path.name, bad_lines, damaged)
        else:
            encoding = "xlsx"
            records = xlsx_records(data, path.name, notes)
        return build_table(records, path.name, encoding, notes, damaged)
    except _Refused as exc:
        raise StoreError(f"{path.name}: refused: {exc}") from None


# ---- CSV --------------------------------------------------------------------------------------

def decode_csv_bytes(data: bytes, name: str) -> tuple[str, str, set[int]]:
    """(text, encoding, numbers of the lines holding bytes that are not UTF-8).

    UTF-8 (BOM optional) whenever the file is mostly UTF-8: its multi-byte letters outnumber
    its bad bytes, which become U+FFFD (their rows are reported, never imported silently).
    Otherwise TCVN3 or VNI when the bytes read as Windows-1252 look like it (converted here),
    otherwise Windows-1258 (whose tone marks are combining characters: NFC in build_table)."""
    if b"\x00" in data:
        raise StoreError(f"{name}: not a CSV text file (it contains binary data)")
    bom = data.startswith(b"\xef\xbb\xbf")
    body = data[3:] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8", set()
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    if bom or good > bad:
        lines = {number for number, line in enumerate(text.splitlines(), start=1) if "\ufffd" in line}
        return text, "utf-8-sig" if bom else "utf-8", lines
    latin = body.decode("cp1252", errors="replace")
    if "\ufffd" not in latin:  # TCVN3 / VNI: legacy bytes best read as Windows-1252 (legacy.py)
        sample = latin[:200_000]
        if legacy.looks_like_tcvn3(sample):
            return legacy.tcvn3_to_unicode(latin), "tcvn3", set()
        if legacy.looks_like_vni(sample):
            return legacy.vni_to_unicode(latin), "vni", set()
    try:
        return body.decode("cp1258"), "cp1258", set()
    except UnicodeDecodeError:
        raise StoreError(f"{name}: not text in UTF-8, Windows-1258, TCVN3 or VNI") from None


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; tab that occurs most in the first non-blank line (outside quotes)."""
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    counts = {d: 0 for d in CSV_DELIMITERS}
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


_NEUTRALIZED = re.compile(r"^'[=+\-@\t\r]")
_FORMULA_START = "=+-@\t\r"


def unneutralize(cell: str) -> str:
    """A CSV export protects a cell that starts with = + - @ tab or CR by a leading apostrophe
    (against formula injection): remove that one apostrophe again, and only then."""
    return cell[1:] if _NEUTRALIZED.match(cell) else cell


def csv_records(text: str, name: str, bad_lines: set[int] = frozenset(),  # type: ignore[assignment]
                damaged: set[int] | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) per record, streamed; the cell length is bounded by the csv module."""
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS)
    try:
        start = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise _Refused(f"line {reader.line_num}: a cell is longer than "
                                   f"{MAX_CELL_CHARS:,} characters") from None
                raise StoreError(f"{name}: not a valid CSV file (line {reader.line_num}: {exc})") from None
            end = reader.line_num
            if bad_lines and damaged is not None and any(n in bad_lines for n in range(start, end + 1)):
                damaged.add(start)
            yield start, [cell[1:] if cell[:1] == "'" and cell[1:2] in _FORMULA_START and cell[1:2]
                          else cell for cell in row]
            start = end + 1
    finally:
        csv.field_size_limit(previous)


# ---- XLSX -------------------------------------------------------------------------------------

def xlsx_records(data: bytes, name: str, notes: list[Note]) -> Iterator[tuple[int, list[Any]]]:
    """The active visible sheet, streamed row by row: cached values, never formulas."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception as exc:
        raise StoreError(f"{name}: not a readable .xlsx workbook ({_short(exc)})") from None
    total = 0
    for part in parts:
        total += part.file_size
        small = part.filename.endswith(".rels") or part.filename in ("xl/workbook.xml",
                                                                     "[Content_Types].xml")
        limit = MAX_SMALL_PART_BYTES if small else MAX_PART_BYTES
        if part.file_size > limit:
            raise _Refused(f"its part {part.filename} unzips to {part.file_size:,} bytes, more "
                           f"than {limit:,}")
    if total > MAX_UNZIPPED_BYTES:
        raise _Refused(f"it unzips to {total:,} bytes, more than {MAX_UNZIPPED_BYTES:,}")
    try:
        reader = _WorkbookReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read()
        workbook = reader.wb
    except _Refused:
        raise
    except Exception as exc:  # openpyxl raises zip, XML, key and value errors on bad files
        raise StoreError(f"{name}: not a readable .xlsx workbook ({_short(exc)})") from None
    try:
        sheets = list(workbook.worksheets)
        visible = [s for s in sheets if getattr(s, "sheet_state", "visible") == "visible"]
        hidden = [s.title for s in sheets if s not in visible]
        if not visible:
            raise StoreError(f"{name}: the workbook has no visible sheet")
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
        yield from _sheet_records(sheet, name, notes)
    except (StoreError, _Refused):
        raise
    except Exception as exc:
        raise StoreError(f"{name}: the sheet cannot be read ({_short(exc)})") from None
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


def _WorkbookReader(*args: Any, **kwargs: Any) -> Any:
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
                if len(used) > MAX_STYLES:
                    raise _Refused(f"the workbook has more than {MAX_STYLES:,} cell styles")
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
        if len(strings) > MAX_SHARED_STRINGS:
            raise _Refused(f"the workbook has more than {MAX_SHARED_STRINGS:,} shared strings")
    return strings


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _sheet_records(sheet: Any, name: str, notes: list[Note]) -> Iterator[tuple[int, list[Any]]]:
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
                if cells_seen > MAX_CELLS:
                    raise _Refused(f"the sheet has more than {MAX_CELLS:,} cells")
                ref = element.get("r")
                column = coordinate_to_tuple(ref)[1] if ref else column + 1
                if column > MAX_CELL_COLUMN:
                    raise _Refused(f"row {number} has cells beyond column "
                                   f"{get_column_letter(MAX_CELL_COLUMN)}")
                value = _cell_value(element, shared, date_styles, workbook.epoch, from_excel)
                element.clear()
                if value is _NO_VALUE:
                    formulas.append(f"{get_column_letter(column)}{number}")
                    continue
                if value is None or value == "":
                    continue
                if column > MAX_COLUMNS:
                    raise _Refused(f"cell {get_column_letter(column)}{number} is beyond column "
                                   f"{get_column_letter(MAX_COLUMNS)} (at most {MAX_COLUMNS} columns)")
                if number > MAX_ROW_NUMBER:
                    raise _Refused(f"a cell is in row {number:,}, below row {MAX_ROW_NUMBER:,}")
                if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                    raise _Refused(f"cell {get_column_letter(column)}{number} is longer than "
                                   f"{MAX_CELL_CHARS:,} characters")
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
        notes.append(("hidden_rows", {"n": len(hidden_rows), "rows": ranges(hidden_rows)}))
    if formulas:
        notes.append(("formulas", {"n": len(formulas), "cells": _first(formulas)}))


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


def _first(items: list[str], n: int = 10) -> str:
    return ", ".join(items[:n]) + (", …" if len(items) > n else "")


def ranges(numbers: Iterable[int]) -> str:
    """"2-4, 7, 9-10": row numbers as short ranges (at most 12 of them, then "…")."""
    out: list[str] = []
    start = prev = None
    for n in sorted(set(numbers)):
        if prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            out.append(f"{start}-{prev}" if prev != start else str(start))
        start = prev = n
    if start is not None:
        out.append(f"{start}-{prev}" if prev != start else str(start))
    return ", ".join(out[:12]) + (", …" if len(out) > 12 else "")


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


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

def known_fields(cells: list[str]) -> set[str]:
    """The delegate fields these header cells name (TCVN3/VNI headers read as converted)."""
    joined = " ".join(cells)
    if legacy.looks_like_tcvn3(joined):
        cells = [legacy.tcvn3_to_unicode(c) for c in cells]
    elif legacy.looks_like_vni(joined):
        cells = [legacy.vni_to_unicode(c) for c in cells]
    return {FIELD_OF_HEADER[k] for k in map(header_key, cells) if k in FIELD_OF_HEADER}


def is_header(cells: list[str]) -> bool:
    fields = known_fields(cells)
    return bool(fields & set(NAME_FIELDS)) and len(fields) >= 2


def build_table(records: Iterable[tuple[int, list[str]]], name: str, encoding: str,
                notes: list[Note] | None = None, damaged: set[int] | None = None,
                header_test: Callable[[list[str]], bool] = is_header) -> Table:
    """The header row (see the module's docstring); the rows below it keyed by header."""
    notes = notes if notes is not None else []
    count = 0

    def non_blank() -> Iterator[tuple[int, list[str]]]:
        nonlocal count
        for number, cells in records:
            if len(cells) > MAX_COLUMNS:
                if any(c.strip() for c in cells[MAX_COLUMNS:]):
                    raise _Refused(f"row {number} has a value beyond column {MAX_COLUMNS} "
                                   f"(at most {MAX_COLUMNS} columns)")
                cells = cells[:MAX_COLUMNS]
            if any(c.strip() for c in cells):
                count += 1
                if count > MAX_ROWS:
                    raise _Refused(f"more than {MAX_ROWS:,} rows (the limit of one import)")
                yield number, [nfc(c) for c in cells]

    rows_iter = non_blank()
    head: list[tuple[int, list[str]]] = []
    found = None
    for record in rows_iter:
        head.append(record)
        if header_test(record[1]):
            found = len(head) - 1
            break
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if not head:
        raise StoreError(f"{name}: no header row (the file has no data)")
    if found is None:  # no known header: the first row is the header (the importer says why)
        found = 0
        pending = head[1:]
    else:
        pending = []
        if found:
            notes.append(("title_rows", {"n": found, "rows": ranges(n for n, _ in head[:found])}))
    header_row, raw_headers = head[found]
    headers = unique_headers(raw_headers)
    if not any(headers):
        raise StoreError(f"{name}: no header row")
    named = [(i, h) for i, h in enumerate(headers) if h]
    rows = []
    for number, cells in [*pending, *rows_iter]:
        width = len(cells)
        rows.append((number, {h: (cells[i] if i < width else "") for i, h in named}))
    if encoding != "xlsx":
        notes.insert(0, ("encoding", {"name": ENCODING_NAMES.get(encoding, encoding)}))
    if damaged:
        notes.append(("bad_bytes", {"n": len(damaged), "rows": ranges(damaged)}))
    return Table(headers=[h for h in headers if h], rows=rows, source=name, header_row=header_row,
                 encoding=encoding, notes=tuple(notes), damaged_rows=frozenset(damaged or ()))


def unique_headers(raw: list[str]) -> list[str]:
    """Trimmed header names; a repeated name gets " (2)", " (3)"...; blanks stay blank."""
    seen: dict[str, int] = {}
    out = []
    for text in raw:
        text = " ".join(text.split())
        if text:
            seen[text] = seen.get(text, 0) + 1
            if seen[text] > 1:
                text = f"{text} ({seen[text]})"
        out.append(text)
    return out
