"""The signed covenant on paper: `hoinghi --db PATH export covenant --format md|pdf|xlsx`.

The covenant's text (title, movements, content groups), one line per member unit in the
signing order (unit, signer, position, authority, time, or absent), the place and date, the
seal (time, fingerprint, full SHA-256, and what the record holds when sealed with fewer than
every unit), the cluster head for next year and the support handovers. The PDF is laid out as a
Vietnamese Party document (store.io.pdf, Be Vietnam Pro embedded) with a QR code of the seal's
hash; Markdown and XLSX hold the same text, every cell written literally.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import Any, Sequence

from wording import numbers as vnformat
from ..errors import StoreError, register_errors
from ..integrity.hashes import fingerprint
from wording.numbers import clock_time
from .exporter import markdown_cell, to_markdown
from .papers.letterhead import Letterhead, closing, document, issuing_body, letterhead, place_of
from wording.catalog import table

FORMATS = ("md", "pdf", "xlsx")

register_errors(("seal_mismatch",))

WORDS = table("doc.covenant")


@dataclass(frozen=True)
class Record:
    """Everything the printed record says, as text cells (the same for every format)."""

    issuer: str
    place: str
    day: str
    title: str
    subtitle: str
    movements: tuple[str, ...]
    groups: list[list[str]]
    lines: list[list[str]]
    seal_lines: tuple[str, ...]
    seal_hash: str
    next_head: str
    handovers: list[list[str]]
    head_signer: str
    #: the record no longer matches its seal or its log (printed with --force): said on every page
    mismatch: bool = False


def _lang(lang: str) -> str:
    return lang if lang in WORDS else "vi"


def covenant_record(service: Any, lang: str = "vi") -> Record | None:
    """The record of the store's covenant in `lang`, or None when there is none."""
    words = WORDS[_lang(lang)]
    covenant = service.covenant.get()
    if covenant is None:
        return None
    conference = service.conference.get()
    units = {u.code: u for u in service.conference.units()}
    lines_by_unit = {s.unit_code: s for s in service.covenant.signatures()}

    def unit_name(code: str) -> str:
        unit = units.get(code)
        return unit.short_name if unit else code

    groups = [[str(g.order), g.content, g.measure, g.target]
              for g in sorted(covenant.groups, key=lambda g: (g.order, g.code))]
    lines = []
    for n, code in enumerate(covenant.signing_order, start=1):
        s = lines_by_unit.get(code)
        if s is None:
            lines.append([str(n), unit_name(code), words["not_signed"], "", "", ""])
        elif s.absent:
            lines.append([str(n), unit_name(code), words["absent"], "", "", clock_time(s.signed_at)[:5]])
        else:
            lines.append([str(n), unit_name(code), s.signer, s.position, s.authority_line,
                          clock_time(s.signed_at)[:5]])
    signed = sum(1 for c in covenant.signing_order if c in lines_by_unit and not lines_by_unit[c].absent)
    total = len(covenant.signing_order)
    if covenant.sealed:
        at = covenant.sealed_at or ""
        seal_lines = [words["sealed"].format(time=clock_time(at)[:5], day=vnformat.day(at[:10]),
                                             fingerprint=fingerprint(covenant.seal_hash))]
        absent = [unit_name(c) for c in covenant.signing_order if c in lines_by_unit and lines_by_unit[c].absent]
        missing = [unit_name(c) for c in covenant.signing_order if c not in lines_by_unit]
        if signed < total:
            seal_lines.append(words["fewer"].format(signed=signed, total=total,
                                                    absent=", ".join(absent) or words["none"],
                                                    missing=", ".join(missing) or words["none"]))
        else:
            seal_lines.append(words["all"].format(signed=signed, total=total))
        seal_lines.append(words["sha"].format(hash=covenant.seal_hash))
    else:
        seal_lines = [words["not_sealed"].format(signed=signed, total=total)]
    next_head = ""
    if covenant.next_head_unit or covenant.next_head_name:
        who = " – ".join(p for p in (unit_name(covenant.next_head_unit) if covenant.next_head_unit else "",
                                     covenant.next_head_name) if p)
        next_head = words["next_head"].format(year=covenant.year, unit=who)
    handovers = []
    for n, h in enumerate(service.covenant.handovers(), start=1):
        where = ", ".join(p for p in (unit_name(h.unit_code) if h.unit_code else "", h.place) if p)
        handovers.append([str(n), h.what, where, vnformat.money(h.amount_vnd),
                          clock_time(h.handed_at)[:5] if h.handed_over else ""])
    if handovers:
        totals = service.covenant.totals()
        handovers.append(["", words["total"], "", vnformat.money(totals.amount_vnd), ""])
    head_code = (conference.head_unit or conference.host_unit) if conference else ""
    head_line = lines_by_unit.get(head_code)
    return Record(
        issuer=issuing_body(conference)[1],
        place=place_of(service),
        day=conference.date if conference else "",
        title=covenant.title.upper(),
        subtitle=conference.title if conference else "",
        movements=covenant.movements, groups=groups, lines=lines, seal_lines=tuple(seal_lines),
        seal_hash=covenant.seal_hash if covenant.sealed else "", next_head=next_head,
        handovers=handovers,
        head_signer=head_line.signer if head_line is not None and not head_line.absent else "",
    )


def export_covenant(service: Any, fmt: str, lang: str = "vi", *, force: bool = False) -> bytes:
    """The record in `fmt`. A record that no longer matches its seal or its log
    (`service.covenant.verify`, every hash) is refused, or with `force` printed with "KHÔNG KHỚP
    NIÊM PHONG" on every page (at the top of the Markdown, on each sheet)."""
    lang = _lang(lang)
    record = covenant_record(service, lang)
    problems = service.covenant.verify(hashes=True) if record is not None else ()
    if problems and not force:
        raise StoreError(code="seal_mismatch", count=len(problems))
    if problems:
        record = replace(record, mismatch=True, seal_lines=(WORDS[lang]["mismatch_note"], *record.seal_lines))
    if fmt == "md":
        return _markdown(record, lang)
    if fmt == "xlsx":
        return _xlsx(record, lang)
    if fmt == "pdf":
        return _pdf(record, lang, letterhead(service, "covenant", lang))
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _place_date(record: Record, lang: str) -> str:
    if lang == "vi" and record.day:
        from .pdf import date_line

        return date_line(record.place, record.day)
    return WORDS[lang]["place_date"].format(place=record.place, day=vnformat.day(record.day))


def _markdown(record: Record | None, lang: str) -> bytes:
    words = WORDS[lang]
    if record is None:
        return (words["no_covenant"] + "\n").encode("utf-8")
    out = [f"**{words['mismatch']}**", ""] if record.mismatch else []
    out += [f"**{markdown_cell(record.issuer)}**", "", f"*{markdown_cell(_place_date(record, lang))}*", "",
            f"# {markdown_cell(record.title)}", ""]
    if record.subtitle:
        out += [f"*{markdown_cell(record.subtitle)}*", ""]
    if record.movements:
        out += [f"## {words['movements']}", ""] + [f"- {markdown_cell(m)}" for m in record.movements] + [""]
    out += [f"## {words['groups']}", "", to_markdown(words["group_headers"], record.groups).decode(), ""]
    out += [f"## {words['signing']}", "", to_markdown(words["sign_headers"], record.lines).decode(), ""]
    out += [f"## {words['seal']}", ""] + [f"- {markdown_cell(line)}" for line in record.seal_lines] + [""]
    if record.next_head:
        out += [markdown_cell(record.next_head), ""]
    if record.handovers:
        out += [f"## {words['handovers']}", "",
                _md_table(words["handover_headers"], record.handovers, right=(0, 3)), ""]
    return "\n".join(out).rstrip("\n").encode("utf-8") + b"\n"


def _md_table(headers: Sequence[str], rows: list[list[str]], *, right: tuple[int, ...]) -> str:
    """A Markdown table with the columns `right` right-aligned (numbers, amounts)."""
    lines = ["| " + " | ".join(markdown_cell(h) for h in headers) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _xlsx(record: Record | None, lang: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    words = WORDS[lang]
    workbook = Workbook()
    text = workbook.active
    text.title = words["sheet_text"]
    sign = workbook.create_sheet(words["sheet_sign"])
    if record is None:
        _put(text, 1, [words["no_covenant"]])
    else:
        r = 1
        if record.mismatch:
            r = _put(text, r, [words["mismatch"]], bold=True)
        r = _put(text, r, [record.issuer], bold=True)
        r = _put(text, r, [_place_date(record, lang)])
        r = _put(text, r, [record.title], bold=True)
        if record.subtitle:
            r = _put(text, r, [record.subtitle])
        r += 1
        if record.movements:
            r = _put(text, r, [words["movements"]], bold=True)
            for m in record.movements:
                r = _put(text, r, ["", m])
            r += 1
        r = _put(text, r, [words["groups"]], bold=True)
        r = _put(text, r, list(words["group_headers"]), bold=True)
        for row in record.groups:
            r = _put(text, r, row)
        r = _put(sign, 1, [words["mismatch"]], bold=True) if record.mismatch else 1
        r = _put(sign, r, [record.title], bold=True)
        r = _put(sign, r, list(words["sign_headers"]), bold=True)
        for row in record.lines:
            r = _put(sign, r, row)
        r += 1
        for line in record.seal_lines:
            r = _put(sign, r, [line])
        if record.next_head:
            r = _put(sign, r, [record.next_head])
        if record.handovers:
            r += 1
            r = _put(sign, r, [words["handovers"]], bold=True)
            r = _put(sign, r, list(words["handover_headers"]), bold=True)
            for row in record.handovers:
                r = _put(sign, r, row)
                sign.cell(row=r - 1, column=4).alignment = Alignment(horizontal="right")
        for sheet, widths in ((text, (6, 60, 45, 30)), (sign, (6, 18, 28, 40, 45, 10))):
            for column, width in zip("ABCDEF", widths):
                sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _put(sheet: Any, row: int, values: Sequence[Any], *, bold: bool = False) -> int:
    """Write one row of text cells (never formulas) and return the next row."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.data_type = "s"
        if bold:
            cell.font = Font(bold=True)
    return row + 1


def _pdf(record: Record | None, lang: str, head: Letterhead) -> bytes:
    words = WORDS[lang]
    if record is None:
        return document(head, words["no_covenant"]).output()
    doc = document(head, record.title, record.subtitle)
    if record.movements:
        doc.paragraph(words["movements"], bold=True)
        for m in record.movements:
            doc.paragraph(f"- {m}")
        doc.space(2)
    doc.paragraph(words["groups"], bold=True)
    doc.table(words["group_headers"], record.groups, widths=(6, 44, 30, 20), align=("R", "L", "L", "L"))
    doc.paragraph(words["signing"], bold=True)
    doc.table(words["sign_headers"], record.lines, widths=(5, 14, 20, 27, 26, 9),
              align=("R", "L", "L", "L", "L", "C"), size=9)
    doc.paragraph(words["seal"], bold=True)
    for line in record.seal_lines:
        doc.paragraph(line, size=10)
    if record.seal_hash:
        doc.qr(record.seal_hash, 28, caption=words["qr"].format(fingerprint=fingerprint(record.seal_hash)))
    if record.next_head:
        doc.paragraph(record.next_head)
    if record.handovers:
        doc.space(2)
        doc.paragraph(words["handovers"], bold=True)
        doc.table(words["handover_headers"], record.handovers, widths=(6, 40, 25, 17, 12),
                  align=("R", "L", "L", "R", "C"))
    closing(doc, head, signer=record.head_signer)
    if record.mismatch:
        doc.stamp_every_page(words["mismatch"])
    return doc.output()
