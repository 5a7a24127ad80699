"""Read every visible sheet of a conference workbook, streamed and within the import's limits.

The cell reading is the delegates import's own (store.io.xlsx: cached values, never formulas;
hidden rows and formulas without a value left out), and so is the header finding
(store.io.reading.build_table: title rows above the header are skipped and noted).
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterator

from ..errors import StoreError
from ..io import limits
from ..io.reading import Table, build_table, read_file
from ..io.xlsx import open_workbook, sheet_records


def read_bytes(path: str | os.PathLike) -> bytes:
    """The workbook file's bytes, within the import's limits (a conference workbook is .xlsx)."""
    return read_file(path, (".xlsx",))


def read_sheets(data: bytes, name: str,
                header_tests: Callable[[str], Callable[[list[str]], bool] | None]) -> dict[str, Table]:
    """Every visible sheet whose title `header_tests(title)` knows, as a Table (header found
    by the test it returns). Sheets it does not know are left out."""
    try:
        workbook = open_workbook(data, name)
        out: dict[str, Table] = {}
        try:
            for sheet in workbook.worksheets:
                if getattr(sheet, "sheet_state", "visible") != "visible":
                    continue
                test = header_tests(sheet.title)
                if test is None:
                    continue
                notes: list[limits.Note] = []
                records: Iterator[tuple[int, list[Any]]] = sheet_records(sheet, name, notes)
                try:
                    out[sheet.title] = build_table(records, f"{name} [{sheet.title}]", "xlsx", notes,
                                                   header_test=test)
                except StoreError:  # an empty sheet: no header row
                    out[sheet.title] = Table(headers=[], rows=[], source=sheet.title)
        finally:
            workbook.close()
        return out
    except limits.Refused as exc:
        raise StoreError(code="import_refused", file=name, why=str(exc), cause=exc) from None
