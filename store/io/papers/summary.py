"""The chair's one page: `hoinghi --db PATH export summary --format pdf -o FILE`.

A Party document (letterhead.py, number "Số …-BC/CTĐ") that says on one A4 page how the day
went: per unit, the delegates present of those invited, the cluster score, the rank, the award
proposed and the signing of the covenant; the programme's run against its plan; the leading unit
and the proposals; the covenant's signing and seal, with the seal's QR code beside its section.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...models import roster
from wording.numbers import clock_time, number
from ..agenda_export import record_moment, run_rows
from ..covenant_export import WORDS as COVENANT_WORDS
from ..covenant_export import covenant_record
from ..pdf import FONT, draw_qr
from ..ranking_export import summary_lines
from .letterhead import closing, document, letterhead
from .words import lang_of, words

QR_MM = 22


def export_summary(service: Any, fmt: str = "pdf", lang: str = "vi") -> bytes:
    if fmt != "pdf":
        raise ValueError(f"unknown format {fmt!r}; the summary is printed as pdf")
    lang = lang_of(lang)
    said = words(lang)
    head = letterhead(service, "summary", lang)
    conference = service.conference.get()
    doc = document(head, said["summary_title"], conference.title if conference else "")
    table = service.scoring.table()
    _units(doc, service, table, said)
    _programme(doc, service, lang, said)
    doc.paragraph(said["summary_ranking"], bold=True, size=11)
    for line in summary_lines(table, lang)["proposals"]:
        doc.paragraph(f"- {line}", size=10)
    doc.space(1)
    _covenant(doc, service, lang, said)
    closing(doc, head)
    return doc.output()


def unit_rows(service: Any, table: Any, said: dict) -> tuple[list[list[str]], int, int]:
    """Per unit (guests first): attendance, score, rank, award, covenant; and the totals present,
    invited."""
    units = service.conference.units()
    tally = roster.AttendanceTally(service.delegates.all(), units).rows(said["guests"])
    ranked = {r.unit.code: r for r in table.rows}
    covenant = service.covenant.get()
    order = set(covenant.signing_order) if covenant else set()
    signed = {s.unit_code: s for s in service.covenant.signatures()} if covenant else {}
    rows, present, invited = [], 0, 0
    n = 0
    for row in tally:
        present += row.present
        invited += row.expected
        if not row.unit_code:
            if row.expected:
                rows.append(["", row.label, f"{row.present}/{row.expected}", "", "", "", ""])
            continue
        n += 1
        r = ranked.get(row.unit_code)
        s = signed.get(row.unit_code)
        if s is not None:
            sign = said["absent"] if s.absent else f"{said['signed']} {clock_time(s.signed_at)[:5]}"
        else:
            sign = said["not_signed"] if row.unit_code in order else ""
        rows.append([str(n), row.label, f"{row.present}/{row.expected}",
                     number(r.cluster_total) if r and r.cluster_total is not None else "",
                     (str(r.rank) if r.rank is not None else said["unranked"]) if r else "",
                     r.award if r else "", sign])
    return rows, present, invited


def _units(doc: Any, service: Any, table: Any, said: dict) -> None:
    rows, present, invited = unit_rows(service, table, said)
    doc.paragraph(said["summary_units"], bold=True, size=11)
    doc.table(said["summary_headers"], rows, widths=(6, 28, 10, 12, 8, 22, 15),
              align=("R", "L", "C", "R", "C", "L", "L"), size=8.5)
    doc.paragraph(said["summary_attendance"].format(present=present, expected=invited), size=10)
    doc.space(1)


def _programme(doc: Any, service: Any, lang: str, said: dict) -> None:
    from ...models import timing
    from ...models.agenda import AgendaStatus

    doc.paragraph(said["summary_programme"], bold=True, size=11)
    items = service.agenda.items()
    day = service.agenda.day()
    if items:
        start = min(timing.original_plan(i)[0] for i in items)
        end = max(sum(timing.original_plan(i)) for i in items)
        doc.paragraph(said["programme_plan"].format(items=len(items), start=timing.hhmm(start),
                                                    end=timing.hhmm(end)), size=10)
    if not any(i.actual_start for i in items):
        doc.paragraph(said["programme_not_started"], size=10)
    else:
        now = record_moment(items, service.agenda.timing().now, day)
        rows, told = run_rows(items, now, day, lang)
        whole = rows[-1]
        done = sum(1 for i in items if i.status is AgendaStatus.DONE)
        skipped = sum(1 for i in items if i.status is AgendaStatus.SKIPPED)
        doc.paragraph(said["programme_run"].format(done=done, items=len(items), skipped=skipped,
                                                   start=whole[5][:5]), size=10)
        if done + skipped == len(items) and whole[6]:
            doc.paragraph(said["programme_ended"].format(end=whole[6][:5]), size=10)
        doc.paragraph(told, size=10)
    doc.space(1)


def _covenant(doc: Any, service: Any, lang: str, said: dict) -> None:
    """The signing and the seal, the seal's QR code at the right of these lines."""
    record = covenant_record(service, lang)
    if record is None:
        return
    if service.covenant.verify(hashes=True):  # a forged record is never shown as sealed
        record = replace(record, seal_hash="", seal_lines=(COVENANT_WORDS[lang]["mismatch_note"],))
    pdf = doc.pdf
    doc.paragraph(said["summary_covenant"], bold=True, size=11)
    top = pdf.get_y()
    width = doc.width - (QR_MM + 6 if record.seal_hash else 0)
    pdf.set_font(FONT, "", 10)
    for line in record.seal_lines[:-1] if record.seal_hash else record.seal_lines:  # not the full SHA-256
        pdf.multi_cell(width, 5, line, new_x="LMARGIN", new_y="NEXT")
    if record.seal_hash:
        draw_qr(pdf, record.seal_hash, pdf.l_margin + doc.width - QR_MM, top, QR_MM)
        pdf.set_y(max(pdf.get_y(), top + QR_MM + 1))
    pdf.set_font(FONT, size=12)
