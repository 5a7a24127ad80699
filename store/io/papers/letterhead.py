"""One rule for the heading and the closing of every paper laid out as a Party document
(Hướng dẫn 36-HD/VPTW): the agenda, the ranking, the covenant, the delegate lists, the
invitations and the chair's summary all take them from here, set in setup (the conference
record):

- the issuing body at the top left: the conference's `issuer` as written ("BAN TỔ CHỨC THÀNH ỦY
  HÀ NỘI / CỤM THI ĐUA SỐ 1": the superior body, then the issuing body), or else the organizer
  over the cluster ("Cụm thi đua số 1, ngành …" gives "CỤM THI ĐUA SỐ 1");
- the number line under it: "Số 12-BC/CTĐ" from the paper's number in `doc_numbers`, or
  "Số        -BC/CTĐ" left blank to fill by hand; the sign after the slash is `doc_symbol`
  (CTĐ when none is set);
- the place and date line: `doc_place` (else the host unit's name, else the venue) and the
  conference's date;
- at the end: "Nơi nhận" (the conference's `recipients`, then "Lưu") at the bottom left beside
  the cluster head's signature block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wording import numbers as vnformat
from ...models.conference import KIND_SIGNS
from .words import lang_of, words

if TYPE_CHECKING:  # fpdf2 is loaded only when a PDF is made
    from ..pdf import PartyDocument

DEFAULT_SYMBOL = "CTĐ"


@dataclass(frozen=True)
class Letterhead:
    """What the heading and the closing of one paper print."""

    superior: str
    issuer: str
    number: str
    place: str
    day: str
    dated: str
    recipients: tuple[str, ...]
    signer: str
    head_role: str
    recipients_heading: str


def issuing_body(conference: Any) -> tuple[str, str]:
    """(superior body, issuing body) in capitals, as the top left of every paper prints them."""
    if conference is None:
        return "", ""
    if conference.issuer:
        parts = [p.strip().upper() for p in conference.issuer.split("/") if p.strip()]
        return "\n".join(parts[:-1]), parts[-1] if parts else ""
    cluster = (conference.cluster or "").split(",")[0].strip().upper()
    organizer = (conference.organizer or "").strip().upper()
    if not cluster:
        return "", organizer
    return organizer, cluster


def number_line(conference: Any, kind: str, lang: str = "vi") -> str:
    """"Số 12-BC/CTĐ", or the line left blank to fill by hand; "" for a paper without a number."""
    sign = KIND_SIGNS.get(kind)
    if sign is None:
        return ""
    said = words(lang)
    symbol = (conference.doc_symbol if conference else "") or DEFAULT_SYMBOL
    number = (conference.doc_numbers if conference else {}).get(kind, "")
    if number:
        return said["number"].format(number=number, kind=sign, symbol=symbol)
    return said["number_blank"].format(kind=sign, symbol=symbol)


def place_of(service: Any) -> str:
    """The place on the date line: the one set for documents; else the host unit's (a province
    or city, as Party documents write it: "Thanh Hóa", not the hall); else the venue."""
    conference = service.conference.get()
    if conference is None:
        return ""
    if conference.doc_place:
        return conference.doc_place
    host = next((u for u in service.conference.units() if u.code == conference.host_unit), None)
    return (host.short_name if host else "") or conference.venue or ""


def dated(place: str, day: str, lang: str = "vi") -> str:
    """"Hà Nội, ngày 30 tháng 11 năm 2024" (in English "Hà Nội, 30/11/2024")."""
    if not day:
        return place
    if lang_of(lang) == "vi":
        from ..pdf import date_line

        return date_line(place, day)
    return f"{place}, {vnformat.day(day)}" if place else vnformat.day(day)


def head_signer(service: Any) -> str:
    """The cluster head's name under the signature: the head unit's (else the host's) head of
    commission among the delegates ("Trưởng Ban", not a deputy), else blank (written by hand)."""
    conference = service.conference.get()
    if conference is None:
        return ""
    unit = conference.head_unit or conference.host_unit
    for d in service.delegates.all():
        position = (d.position or "").casefold()
        if d.unit_code == unit and "trưởng ban" in position and "phó trưởng ban" not in position:
            return d.full_name
    return ""


def letterhead(service: Any, kind: str, lang: str = "vi") -> Letterhead:
    conference = service.conference.get()
    said = words(lang)
    superior, issuer = issuing_body(conference)
    place, day = place_of(service), (conference.date if conference else "")
    recipients = tuple(conference.recipients) if conference else ()
    if not any(r.casefold().startswith(said["archive"].casefold()) for r in recipients):
        recipients += (said["archive"],)
    return Letterhead(superior=superior, issuer=issuer, number=number_line(conference, kind, lang),
                      place=place, day=day, dated=dated(place, day, lang), recipients=recipients,
                      signer=head_signer(service), head_role=said["head_role"],
                      recipients_heading=said["recipients"])


def document(head: Letterhead, title: str, subtitle: str = "", *, landscape: bool = False,
             heading: bool = True) -> "PartyDocument":
    """An A4 Party document with `head`'s heading drawn (unless `heading` is False: a paper
    that draws it per page, as the invitations do)."""
    from ..pdf import PartyDocument

    doc = PartyDocument(head.issuer, head.place, head.day or "2000-01-01", title, subtitle,
                        landscape=landscape, superior=head.superior, number=head.number,
                        dated=head.dated)
    if heading:
        doc.heading()
    return doc


def closing(doc: "PartyDocument", head: Letterhead, *, signer: str = "", recipients: bool = True) -> None:
    """The cluster head's signature block at the right and "Nơi nhận" at the left."""
    doc.signatures([(head.head_role, signer or head.signer)],
                   recipients=(head.recipients_heading, head.recipients) if recipients else None)
