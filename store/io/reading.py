"""Read a tabular file (CSV or XLSX) into a header and text rows, within fixed limits.

Every cell comes back as NFC text; each row keeps the row number a person sees in the file.
Blank rows are skipped. The header is the first row (among the first limits.HEADER_SEARCH_ROWS that
are not blank) whose cells name known columns, a name column among them: the title rows a
province writes above it (commission, list title, document reference) are skipped and reported.

XLSX: the active sheet is read (the first visible one if the active one is hidden); hidden
sheets, hidden rows and formula cells without a cached value are left out and reported.
CSV: UTF-8 (BOM optional; a few bad bytes are kept as U+FFFD and their rows reported), else
TCVN3 or VNI (converted), else Windows-1258; the encoding is named in `Table.encoding`.

Cost is bounded (see store/io/limits.py): the file's size, the unzipped size of every part of a workbook,
rows, columns and cell length are checked while the file streams, so a small hostile file is
refused in about a second with little memory. A file that cannot be read as a table, or goes
beyond a limit, raises StoreError naming the file, what and why, in one line.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import legacy, limits
from .bulk import paused_gc
from .xlsx import xlsx_records
from ..errors import StoreError
from wording.text import fold, nfc

CSV_DELIMITERS = (",", ";", "\t")
EXTENSIONS = (".csv", ".xlsx")

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


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    source: str = ""
    header_row: int = 1
    encoding: str = ""
    notes: tuple[limits.Note, ...] = ()              # what was left out or converted, for the report
    damaged_rows: frozenset[int] = frozenset()  # rows with bytes that are not valid UTF-8


def read_file(path: str | os.PathLike, suffixes: tuple[str, ...] = EXTENSIONS) -> bytes:
    """The bytes of a file to import, refused (StoreError with a code) when its type is not one
    of `suffixes`, it is too large, missing, a folder, unreadable or empty."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in suffixes:
        raise StoreError(code="import_file_type", file=path.name, suffix=suffix or "—",
                         expected=" / ".join(suffixes))
    try:
        size = path.stat().st_size
        if size > limits.MAX_FILE_BYTES:
            raise limits.Refused("file_bytes", size=size, limit=limits.MAX_FILE_BYTES)
        data = path.read_bytes()
    except limits.Refused as exc:
        raise StoreError(code="import_refused", file=path.name, why=str(exc), cause=exc) from None
    except FileNotFoundError:
        raise StoreError(code="import_not_found", file=str(path)) from None
    except IsADirectoryError:
        raise StoreError(code="import_is_folder", file=str(path)) from None
    except OSError as exc:
        raise StoreError(code="import_cannot_read", file=str(path), reason=exc.strerror or str(exc),
                         error=exc) from None
    if not data or data.isspace():  # (no stripped copy of a large file)
        raise StoreError(code="import_empty", file=path.name)
    return data


def read_table(path: str | os.PathLike, header_test: Callable[[list[str]], bool] | None = None) -> Table:
    """Read `path` by its extension: .csv or .xlsx (see the module's docstring). `header_test`
    tells the header row from the title rows above it (a delegate list's by default)."""
    with paused_gc():
        return _read_table(Path(path), header_test)


def _read_table(path: Path, header_test: Callable[[list[str]], bool] | None) -> Table:
    suffix = path.suffix.lower()
    data = read_file(path)
    notes: list[limits.Note] = []
    damaged: set[int] = set()
    try:
        normalized = False
        if suffix == ".csv":
            text, encoding, bad_lines = decode_csv_bytes(data, path.name)
            records = csv_records(text, path.name, bad_lines, damaged)
            normalized = unicodedata.is_normalized("NFC", text)
        else:
            encoding = "xlsx"
            records = xlsx_records(data, path.name, notes)
        return build_table(records, path.name, encoding, notes, damaged, header_test=header_test or is_header,
                           normalized=normalized)
    except limits.Refused as exc:
        raise StoreError(code="import_refused", file=path.name, why=str(exc), cause=exc) from None


# ---- CSV --------------------------------------------------------------------------------------

def decode_csv_bytes(data: bytes, name: str) -> tuple[str, str, set[int]]:
    """(text, encoding, numbers of the lines holding bytes that are not UTF-8).

    UTF-8 (BOM optional) whenever the file is mostly UTF-8: its multi-byte letters outnumber
    its bad bytes, which become U+FFFD (their rows are reported, never imported silently).
    Otherwise TCVN3 or VNI when the bytes read as Windows-1252 look like it (converted here),
    otherwise Windows-1258 (whose tone marks are combining characters: NFC in build_table)."""
    if b"\x00" in data:
        raise StoreError(code="csv_binary", file=name)
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
        raise StoreError(code="csv_encoding", file=name) from None


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


_FORMULA_START = "=+-@\t\r"


def csv_records(text: str, name: str, bad_lines: set[int] = frozenset(),  # type: ignore[assignment]
                damaged: set[int] | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) per record, streamed; the cell length is bounded by the csv module."""
    delimiter = sniff_delimiter(text)
    reader = csv.reader(_lines(text, delimiter), delimiter=delimiter, strict=True)
    previous = csv.field_size_limit()
    csv.field_size_limit(limits.MAX_CELL_CHARS)
    quoted_formulas = "'" in text  # else no cell can start with one
    try:
        start = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "field larger than field limit" in str(exc):
                    raise limits.Refused("cell_chars_line", line=reader.line_num,
                                         limit=limits.MAX_CELL_CHARS) from None
                raise StoreError(code="bad_csv", file=name, line=reader.line_num, detail=str(exc)) from None
            end = reader.line_num
            if bad_lines and damaged is not None and any(n in bad_lines for n in range(start, end + 1)):
                damaged.add(start)
            yield start, [cell[1:] if cell[:1] == "'" and cell[1:2] in _FORMULA_START and cell[1:2]
                          else cell for cell in row] if quoted_formulas else row
            start = end + 1
    finally:
        csv.field_size_limit(previous)

_LINE = re.compile(r"[^\r\n]*(?:\r\n|[\r\n])|[^\r\n]+")  # a line and its ending, as newline=""


#: line breaks of str.splitlines that are not line breaks of a CSV file (csv splits at \r and \n)
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _lines(text: str, delimiter: str) -> Iterable[str]:
    """The lines of `text` for the csv reader, each with its ending: split at once in C when no
    line is long enough to hold limits.MAX_ROW_CELLS delimiters and no other kind of break is
    in the text (the usual list); else one at a time, each checked (`_bounded_lines`)."""
    if not any(ch in text for ch in _OTHER_BREAKS):
        lines = text.splitlines(keepends=True)
        if max(map(len, lines), default=0) < limits.MAX_ROW_CELLS:
            return lines
        del lines
    return _bounded_lines(text, delimiter)


def _bounded_lines(text: str, delimiter: str) -> Iterator[str]:
    """The lines of `text` for the csv reader (read in place: no copy of the text), each refused
    before it is split when it holds more than limits.MAX_ROW_CELLS cells (delimiters inside
    quotes counted too: a real line of at most 100 columns is far below)."""
    for number, match in enumerate(_LINE.finditer(text), start=1):
        line = match.group()
        if line.count(delimiter) >= limits.MAX_ROW_CELLS:
            raise limits.Refused("row_cells", line=number, limit=limits.MAX_ROW_CELLS)
        yield line


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
                notes: list[limits.Note] | None = None, damaged: set[int] | None = None,
                header_test: Callable[[list[str]], bool] = is_header, normalized: bool = False) -> Table:
    """The header row (see the module's docstring); the rows below it keyed by header.

    `normalized`: the cells are cut from one NFC text and need no NFC of their own. (Cut at
    delimiters, quotes and line ends: ASCII characters that no composition joins to a
    neighbour and no NFC text holds in decomposed form, so each piece of an NFC text is NFC;
    the doubled quote of a quoted cell keeps one quote, with the same neighbours.)"""
    notes = notes if notes is not None else []
    count = 0
    searching = True  # the header is looked for within the first HEADER_SEARCH_LINES lines

    def non_blank() -> Iterator[tuple[int, list[str]]]:
        nonlocal count
        for number, cells in records:
            if searching and number > limits.HEADER_SEARCH_LINES:
                raise limits.Refused("header_lines", limit=limits.HEADER_SEARCH_LINES)
            while cells and not cells[-1].strip():  # trailing empty cells: nothing to keep
                cells.pop()
            if not cells:
                continue
            if len(cells) > limits.MAX_COLUMNS:
                raise limits.Refused("columns", row=number, limit=limits.MAX_COLUMNS)
            if any(c.strip() for c in cells):
                count += not searching  # the rows below the header (those above: at most 20)
                if count > limits.MAX_ROWS:
                    raise limits.Refused("rows", limit=limits.MAX_ROWS)
                yield number, cells if normalized else [nfc(c) if c else c for c in cells]

    rows_iter = non_blank()
    head: list[tuple[int, list[str]]] = []
    found = None
    for record in rows_iter:
        head.append(record)
        if header_test(record[1]):
            found = len(head) - 1
            break
        if len(head) >= limits.HEADER_SEARCH_ROWS:
            break
    searching = False
    if not head:
        raise StoreError(code="no_data", file=name)
    if found is None:  # no known header: the first row is the header (the importer says why)
        found = 0
        pending = head[1:]
    else:
        pending = []
        if found:
            notes.append(("title_rows", {"n": found, "rows": limits.ranges(n for n, _ in head[:found])}))
    header_row, raw_headers = head[found]
    headers = unique_headers(raw_headers)
    if not any(headers):
        raise StoreError(code="no_header", file=name)
    named = [(i, h) for i, h in enumerate(headers) if h]
    rows = []
    if len(named) == len(headers):  # no blank header: each row's cells zipped in C
        n, names = len(headers), headers
        for number, cells in [*pending, *rows_iter]:
            rows.append((number, dict(zip(names, cells if len(cells) >= n else cells + [""] * (n - len(cells))))))
    else:
        for number, cells in [*pending, *rows_iter]:
            width = len(cells)
            rows.append((number, {h: (cells[i] if i < width else "") for i, h in named}))
    if encoding != "xlsx":
        notes.insert(0, ("encoding", {"name": ENCODING_NAMES.get(encoding, encoding)}))
    if damaged:
        notes.append(("bad_bytes", {"n": len(damaged), "rows": limits.ranges(damaged)}))
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
