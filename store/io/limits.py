"""What an imported table file may hold (one place; the README quotes it), and how what was
refused or left out is said: a limit reached raises `Refused`, a note is (code, params)."""

from __future__ import annotations

from typing import Any, Iterable

from wording.catalog import english

# ---- limits: one place (quoted in README) ----------------------------------------------------
MAX_FILE_BYTES = 32 * 1024 * 1024       # the file as it is on disk
MAX_PART_BYTES = 128 * 1024 * 1024      # each part of an .xlsx, unzipped (sheet, shared strings…)
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024  # all parts of an .xlsx together, unzipped
MAX_ROWS = 200_000                      # rows below the header that are not blank (data, footer)
MAX_COLUMNS = 100                       # a cell with a value beyond column 100 (CV) is refused
MAX_CELL_CHARS = 1_000                  # characters in one cell
MAX_ROW_NUMBER = 250_000                # a cell with a value below row 250,000 is refused
MAX_CELL_COLUMN = 1_000                 # XLSX: even an empty cell beyond column 1,000 (ALL)
MAX_CELLS = 6_000_000                   # XLSX: cell elements in the sheet, empty ones included
MAX_SHARED_STRINGS = 1_000_000          # XLSX: texts in the shared string table
MAX_STYLES = 64_000                     # XLSX: cell styles (Excel's own limit)
MAX_SMALL_PART_BYTES = 4 * 1024 * 1024  # XLSX: workbook.xml, [Content_Types].xml, *.rels
HEADER_SEARCH_ROWS = 20                 # the header is looked for among the first 20 rows
HEADER_SEARCH_LINES = 1_000             # ... within the first 1,000 lines (blank ones included)
MAX_ROW_CELLS = 1_000                   # CSV: cells in one line, empty ones included
MAX_TOKEN_BYTES = 256 * 1024            # XLSX: one XML token (a tag with its attributes, a comment)


#: what was left out or converted while reading, for the report: (reason code, its parameters)
Note = tuple[str, dict[str, Any]]


#: Each limit an import can reach; its words are "refused.<code>" in the catalogs (wording/locales).
REFUSALS: tuple[str, ...] = (
    "file_bytes", "cell_chars_line", "columns", "rows", "part_bytes", "unzipped_bytes", "styles",
    "shared_strings", "cells", "cell_column", "cell_beyond_column", "row_number", "cell_chars",
    "part_inflated", "xml_token", "string_runs", "cell_runs", "row_cells", "header_lines",
)
#: positions named as they are ("line 1234"); other counts grouped in the log ("1,000 cells")
_POSITIONS = ("line", "row", "column")


class Refused(Exception):
    """A limit was reached (`code`, one of REFUSALS, and its parameters): StoreError with the
    file name once caught."""

    catalog_prefix = "refused"

    def __init__(self, code: str, **params: Any) -> None:
        grouped = {name: f"{value:,}" if isinstance(value, int) and not isinstance(value, bool)
                   and (name not in _POSITIONS or code == "row_number") else value
                   for name, value in params.items()}
        super().__init__(english(f"refused.{code}", **grouped))
        self.code = code
        self.params = params


def first_items(items: list[str], n: int = 10) -> str:
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


def short_reason(exc: BaseException) -> str:
    """The first line of what a library said about a broken file (no class name: the person
    reading it needs the words, not the exception's type)."""
    text = str(exc).splitlines()[0].strip() if str(exc) else ""
    return text[:200] or "damaged file"
