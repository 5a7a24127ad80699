"""Read a tabular file (CSV or XLSX) into a header and text rows.

Every cell comes back as NFC text; each row keeps the row number a person sees in the file
(the header row is row 1 when the file starts with it). Blank rows are skipped but counted.
A file that cannot be read as a table raises StoreError naming the file and the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import legacy
from ..errors import StoreError
from ..vntext import nfc

CSV_DELIMITERS = (",", ";", "\t")
EXTENSIONS = (".csv", ".xlsx")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    source: str = ""
    header_row: int = 1
    encoding: str = ""


def read_table(path: str | os.PathLike) -> Table:
    """Read `path` by its extension: .csv (UTF-8 with/without BOM, else Windows-1258) or .xlsx."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise StoreError(f"{path.name}: unknown file type {suffix or '(none)'!r}; expected .csv or .xlsx")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{path}: file not found") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise StoreError(f"{path.name}: the file is empty")
    if suffix == ".csv":
        text, encoding = decode_csv_bytes(data, path.name)
        records = parse_csv_text(text, path.name)
    else:
        encoding = "xlsx"
        records = read_xlsx_records(data, path.name)
    return build_table(records, path.name, encoding)


def decode_csv_bytes(data: bytes, name: str) -> tuple[str, str]:
    """UTF-8 (BOM optional) first; then Windows-1252 if the text looks like TCVN3 or VNI (the
    importer converts those rows); otherwise Windows-1258, the Vietnamese Windows code page."""
    if b"\x00" in data:
        raise StoreError(f"{name}: not a CSV text file (it contains binary data)")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise StoreError(f"{name}: starts as UTF-8 but contains invalid bytes") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:  # TCVN3 / VNI files hold legacy bytes best read as Windows-1252 (see legacy.py)
        latin = data.decode("cp1252")
        if legacy.looks_like_tcvn3(latin) or legacy.looks_like_vni(latin):
            return latin, "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        raise StoreError(f"{name}: not text in UTF-8 or Windows-1258 (cp1258)") from None


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; tab that occurs most in the first non-blank line (outside quotes)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: 0 for d in CSV_DELIMITERS}
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_csv_text(text: str, name: str) -> list[tuple[int, list[str]]]:
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return [(number, row) for number, row in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise StoreError(f"{name}: not a valid CSV file (line {reader.line_num}: {exc})") from None


def read_xlsx_records(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    """First sheet of a workbook, read-only, cached values (not formulas)."""
    import openpyxl  # imported here: slow, and only needed for spreadsheets

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML, key and value errors on bad files
        raise StoreError(f"{name}: not a readable .xlsx workbook ({_short(exc)})") from None
    try:
        if not workbook.worksheets:
            raise StoreError(f"{name}: the workbook has no sheet")
        sheet = workbook.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()  # trust the cells, not the size written by other programs
        return [(number, [cell_text(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)]
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(f"{name}: the first sheet cannot be read ({_short(exc)})") from None
    finally:
        workbook.close()


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


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


def build_table(records: Iterable[tuple[int, list[str]]], name: str, encoding: str) -> Table:
    """The first non-blank record is the header; the others become rows keyed by header."""
    rows_iter: Iterator[tuple[int, list[str]]] = (
        (number, [nfc(cell) for cell in cells]) for number, cells in records
        if any(cell.strip() for cell in cells)
    )
    first = next(rows_iter, None)
    if first is None:
        raise StoreError(f"{name}: no header row (the file has no data)")
    header_row, raw_headers = first
    headers = unique_headers(raw_headers)
    if not any(headers):
        raise StoreError(f"{name}: no header row")
    rows = []
    for number, cells in rows_iter:
        row = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(headers) if h}
        rows.append((number, row))
    return Table(headers=[h for h in headers if h], rows=rows, source=name,
                 header_row=header_row, encoding=encoding)


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
