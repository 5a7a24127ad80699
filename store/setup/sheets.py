"""Read every visible sheet of a conference workbook, streamed and within the import's limits.

The cell reading is the delegates import's own (store.io.xlsx: cached values, never formulas;
hidden rows and formulas without a value left out), and so is the header finding
(store.io.reading.build_table: title rows above the header are skipped and noted).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import StoreError
from ..io import limits
from ..io.reading import Table, build_table
from ..io.xlsx import sheet_records, bounded_workbook_reader


def read_bytes(path: str | os.PathLike) -> bytes:
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise StoreError(f"{path.name}: a conference workbook is an .xlsx file")
    try:
        size = path.stat().st_size
        if size > limits.MAX_FILE_BYTES:
            raise StoreError(f"{path.name}: refused: the file has {size:,} bytes, more than "
                             f"{limits.MAX_FILE_BYTES:,}")
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise StoreError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def _check_parts(data: bytes, name: str) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except Exception as exc:
        raise StoreError(f"{name}: not a readable .xlsx workbook ({limits.short_reason(exc)})") from None
    total = 0
    for part in parts:
        total += part.file_size
        small = part.filename.endswith(".rels") or part.filename in ("xl/workbook.xml", "[Content_Types].xml")
        limit = limits.MAX_SMALL_PART_BYTES if small else limits.MAX_PART_BYTES
        if part.file_size > limit:
            raise limits.Refused(f"its part {part.filename} unzips to {part.file_size:,} bytes, more than {limit:,}")
    if total > limits.MAX_UNZIPPED_BYTES:
        raise limits.Refused(f"it unzips to {total:,} bytes, more than {limits.MAX_UNZIPPED_BYTES:,}")


def read_sheets(data: bytes, name: str,
                header_tests: Callable[[str], Callable[[list[str]], bool] | None]) -> dict[str, Table]:
    """Every visible sheet whose title `header_tests(title)` knows, as a Table (header found
    by the test it returns). Sheets it does not know are left out."""
    try:
        _check_parts(data, name)
        try:
            reader = bounded_workbook_reader(io.BytesIO(data), read_only=True, data_only=True)
            reader.read()
            workbook = reader.wb
        except limits.Refused:
            raise
        except Exception as exc:
            raise StoreError(f"{name}: not a readable .xlsx workbook ({limits.short_reason(exc)})") from None
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
        raise StoreError(f"{name}: refused: {exc}") from None
