"""Invitations on paper: `hoinghi --db PATH export invitations --format pdf -o FILE`.

One A4 page per delegate, laid out as a Party invitation (letterhead.py: the issuing body, the
number "Số …-GM/CTĐ", the place and date, "GIẤY MỜI"): to whom (name, position, unit), what,
when (the programme's first start and the conference's day) and where, the delegate's printed
check-in code as a QR code with the same code written beside it (what the desk's scanner reads,
service.delegates.scan_code), and the cluster head's signature. With `unit` (a unit code, or
roster.GUESTS) only that unit's delegates; in `order` (protocol by default).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...models import roster
from ...models.agenda import AgendaStatus
from wording.catalog import say
from ..exporter import chosen_delegates
from ..pdf import FONT, draw_qr
from .letterhead import closing, document, letterhead
from .words import lang_of, words

QR_MM = 34


def start_time(service: Any) -> str:
    """The programme's first planned start ("08:00"), or "" when there is no programme."""
    starts = [i.planned_start for i in service.agenda.items() if i.status is not AgendaStatus.SKIPPED]
    return min(starts, default="")


def day_text(day: str, lang: str) -> str:
    """"thứ Bảy, ngày 30/11/2024" ("Saturday, 30/11/2024")."""
    if not day:
        return ""
    when = dt.date.fromisoformat(day)
    weekday = words(lang)["weekdays"][when.weekday()]
    shown = f"{when.day:02d}/{when.month:02d}/{when.year}"
    return say("doc.papers.dated", lang_of(lang), weekday=weekday, day=shown)


def inviting_body(conference: Any) -> str:
    """The body that invites, as a sentence names it: "Cụm thi đua số 1"."""
    if conference is None:
        return ""
    return (conference.cluster or "").split(",")[0].strip() or conference.organizer


def export_invitations(service: Any, fmt: str = "pdf", lang: str = "vi", *, order: str = "protocol",
                       unit: str | None = None) -> bytes:
    if fmt != "pdf":
        raise ValueError(f"unknown format {fmt!r}; invitations are printed as pdf")
    lang = lang_of(lang)
    said = words(lang)
    head = letterhead(service, "invitations", lang)
    conference = service.conference.get()
    units = service.conference.units()
    by_code = {u.code: u for u in units}
    delegates = roster.sort_delegates(chosen_delegates(service, unit), order, units)
    doc = document(head, said["invitation_title"], heading=False)
    pdf = doc.pdf
    pdf.set_auto_page_break(False)
    when = start_time(service)
    day = day_text(conference.date if conference else "", lang)
    time_line = (said["invitation_time"].format(time=when, day=day) if when
                 else said["invitation_time_day"].format(day=day))
    title = conference.title if conference else ""
    body = said["invitation_body"].format(issuer=inviting_body(conference), title=title[:1].lower() + title[1:])
    place = (conference.venue if conference else "") or head.place
    for n, d in enumerate(delegates):
        if n:
            pdf.add_page()
        doc.heading()
        doc.space(4)
        doc.paragraph(said["invitation_to"].format(name=d.full_name), bold=True, align="C", size=14)
        who = ", ".join(p for p in (d.position, roster.unit_label(d, by_code)) if p)
        if who:
            doc.paragraph(who, align="C", size=12)
        doc.space(6)
        doc.paragraph(body, size=13)
        doc.space(2)
        doc.paragraph(time_line, size=13)
        doc.paragraph(said["invitation_place"].format(place=place), size=13)
        doc.space(6)
        _code(doc, service.delegates.scan_code(d.code), said)
        doc.paragraph(said["invitation_thanks"], size=12)
        closing(doc, head, recipients=False)
    if not delegates:
        doc.heading()
        doc.paragraph(said["nobody"])
    return doc.output()


def _code(doc: Any, code: str, said: dict) -> None:
    """The QR code at the right, the same code written large at its left, and the note."""
    pdf = doc.pdf
    top = pdf.get_y()
    draw_qr(pdf, code, pdf.l_margin + doc.width - QR_MM, top, QR_MM)
    text_width = doc.width - QR_MM - 6
    pdf.set_xy(pdf.l_margin, top + 4)
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(text_width, 8, said["invitation_code"].format(code=code), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "I", 11)
    pdf.multi_cell(text_width, 5.5, said["invitation_note"], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=12)
    pdf.set_y(max(pdf.get_y(), top + QR_MM) + 4)
