"""Delegate lists as CSV, XLSX or Markdown bytes.

Cells are data, written literally, never as something a program would run or render:
- CSV: a cell that begins with "=", "+", "-", "@", a tab or a carriage return gets a leading
  apostrophe (OWASP "CSV injection"), so a spreadsheet shows it as text instead of running it
  as a formula; the importer takes that apostrophe off again.
- XLSX: every text cell is written as a string, never a formula.
- Markdown: HTML ("<", ">", "&") becomes entities and link/markup syntax ("[", "]", "(", ")",
  "|", "*", "_", backticks, a leading "#") is backslash-escaped, so "[x](http://evil)" or
  "<script>" shows literally.
CSV is UTF-8 with a BOM so that Excel shows Vietnamese correctly when the file is double-clicked.
"""

from __future__ import annotations

import csv
import io
import os
import re
from typing import Any, Callable, Sequence

from ..models import Delegate, Unit, roster
from ..models.roster import ONLY, introduction_rows
from ..core.storage import atomic_write_bytes, refuse_store_files
from wording.catalog import table
from wording.numbers import clock_time

FORMATS = ("csv", "xlsx", "md")

DELEGATE_HEADERS = table("doc.delegates.delegate_headers")
INTRODUCTION_HEADERS = table("doc.delegates.introduction_headers")
SHEET_TITLES = {name: table(f"doc.delegates.sheet.{name}") for name in ("delegates", "introduction")}
MAX_COLUMN_WIDTH = 60


def delegate_rows(delegates: Sequence[Delegate], order: str, units: Sequence[Unit],
                  scan_code: Callable[[str], str]) -> list[list[Any]]:
    """One row per delegate in `order` (DELEGATE_HEADERS); `scan_code(code)` gives the printed
    check-in code (service.delegates.scan_code)."""
    by_code = {u.code: u for u in units}
    return [
        [i, d.full_name, d.position, roster.unit_label(d, by_code), clock_time(d.checked_in_at),
         d.code, scan_code(d.code)]
        for i, d in enumerate(roster.sort_delegates(delegates, order, units), start=1)
    ]


def chosen_delegates(service: Any, unit: str | None = None, only: str | None = None) -> list[Delegate]:
    """The delegates a list is made of: with `unit` (a unit code, or roster.GUESTS) only that
    unit's; with `only` ("present" or "absent") only those arrived or not yet arrived."""
    if only not in (None, *ONLY):
        raise ValueError(f"unknown choice {only!r}; expected one of {', '.join(ONLY)}")
    delegates = service.delegates.all()
    if unit is not None:
        members = {u.code for u in service.conference.units()}
        delegates = [d for d in delegates if roster.in_unit(d, unit, members)]
    if only is not None:
        delegates = [d for d in delegates if d.present == (only == "present")]
    return list(delegates)


def export_delegates(service: Any, fmt: str, order: str = "protocol", lang: str = "vi",
                     unit: str | None = None, only: str | None = None) -> bytes:
    """Every delegate in `order` ("protocol", "unit" or "name"); with `unit` (the desk's unit
    filter: a unit code, or roster.GUESTS for guests and other organizations), only those; with
    `only` ("present", "absent"), only those arrived or not yet arrived, and in Markdown and PDF
    the count per unit under the list."""
    if order not in roster.ORDERS:
        raise ValueError(f"unknown order {order!r}; expected one of {', '.join(roster.ORDERS)}")
    if fmt == "pdf":
        from .papers.delegate_list import delegates_pdf

        return delegates_pdf(service, order, lang, unit=unit, only=only)
    delegates, units = chosen_delegates(service, unit, only), service.conference.units()
    rows = delegate_rows(delegates, order, units, service.delegates.scan_code)
    data = render(fmt, _pick(DELEGATE_HEADERS, lang), rows, SHEET_TITLES["delegates"][_lang(lang)])
    if fmt == "md" and only is not None:
        from .papers.delegate_list import counts_markdown

        data += b"\n" + counts_markdown(service, only, lang, unit)
    return data


def export_introduction(service: Any, fmt: str, lang: str = "vi") -> bytes:
    """The delegates present, in protocol order: what the MC reads out."""
    if fmt == "pdf":
        from .papers.delegate_list import introduction_pdf

        return introduction_pdf(service, lang)
    rows = introduction_rows(service.delegates.all(), service.conference.units())
    return render(fmt, _pick(INTRODUCTION_HEADERS, lang), rows,
                  SHEET_TITLES["introduction"][_lang(lang)])


def write_export(path: str | os.PathLike, data: bytes, *, store_path: str | os.PathLike | None = None,
                 backup_dir: str | os.PathLike | None = None) -> None:
    """Replace `path` with `data` durably (never a half-written file) and privately (0600: a
    delegate list is personal data).

    With `store_path` (the open store), a `path` that is that store, its lock file or lock note,
    or its backups folder or anything in it (`backup_dir`, default `<store>.backups`) is refused
    with ExportRefusedError and nothing is written (see `refuse_store_files`)."""
    if store_path is not None:
        refuse_store_files(path, store_path, backup_dir)
    atomic_write_bytes(path, data)


def _lang(lang: str) -> str:
    return lang if lang in DELEGATE_HEADERS else "vi"


def _pick(headers: dict[str, tuple[str, ...]], lang: str) -> tuple[str, ...]:
    return headers[_lang(lang)]


def render(fmt: str, headers: Sequence[str], rows: list[list[Any]], title: str = "") -> bytes:
    if fmt == "csv":
        return to_csv(headers, rows)
    if fmt == "md":
        return to_markdown(headers, rows)
    if fmt == "xlsx":
        return to_xlsx(headers, rows, title)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


#: first characters that make a spreadsheet read a CSV cell as a formula (OWASP)
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """`value` as a CSV cell that no spreadsheet runs: text beginning with a formula character
    gets a leading apostrophe. Numbers are written as they are."""
    if isinstance(value, str) and value.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(headers: Sequence[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in headers])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


_MARKDOWN_SYNTAX = re.compile(r"([\\`*_\[\]()|])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def markdown_cell(value: Any) -> str:
    """`value` as a Markdown table cell shown literally: one line, HTML as entities, link and
    emphasis syntax escaped, a leading "#" escaped."""
    text = " ".join(str(value).split())  # a Markdown table row is one line
    text = _MARKDOWN_SYNTAX.sub(r"\\\1", text)
    text = "".join(_HTML.get(ch, ch) for ch in text)
    if text.startswith("#"):
        text = "\\" + text
    return text


def to_markdown(headers: Sequence[str], rows: list[list[Any]]) -> bytes:
    lines = ["| " + " | ".join(markdown_cell(h) for h in headers) + " |",
             "|" + "|".join("---:" if i == 0 else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def to_xlsx(headers: Sequence[str], rows: list[list[Any]], title: str = "") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.title = title[:31]
    widths = [len(str(h)) for h in headers]
    for r, values in enumerate([list(headers), *rows], start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # text, even when it starts with "=": never a formula
            else:
                cell.value = value
            if r == 1:
                cell.font = Font(bold=True)
            widths[c - 1] = max(widths[c - 1], len(str(value)))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(width + 2, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
