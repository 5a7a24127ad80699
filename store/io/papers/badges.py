"""Name badges on paper: `hoinghi --db PATH export badges --format pdf -o FILE`.

Eight badges of 90 x 64 mm on each A4 page (two across, four down), with cut marks at every
corner: a red band with the cluster and "ĐẠI BIỂU" (or "KHÁCH MỜI"), the name large (made
smaller until it fits on one line), the position, the unit, and the printed check-in code as a
QR code with the same code written under it (service.delegates.scan_code). With `unit` only
that unit's delegates; in `order` (by unit by default: each unit's badges together).
"""

from __future__ import annotations

from typing import Any

from ...models import roster
from wording.text import nfc
from ..exporter import chosen_delegates
from ..pdf import FONT, PartyDocument, draw_qr
from .letterhead import issuing_body
from .words import lang_of, words

WIDTH, HEIGHT = 90.0, 64.0
GAP = 6.0
COLUMNS, ROWS = 2, 4
CUT = 4.0
QR_MM = 20.0
#: the white kept around the QR code (a scanner needs about four modules)
QUIET = 4.0
BAND = 11.0
RED = (178, 34, 34)


def export_badges(service: Any, fmt: str = "pdf", lang: str = "vi", *, order: str = "unit",
                  unit: str | None = None) -> bytes:
    if fmt != "pdf":
        raise ValueError(f"unknown format {fmt!r}; badges are printed as pdf")
    said = words(lang_of(lang))
    conference = service.conference.get()
    units = service.conference.units()
    by_code = {u.code: u for u in units}
    cluster = issuing_body(conference)[1]
    title = conference.title if conference else ""
    delegates = roster.sort_delegates(chosen_delegates(service, unit), order, units)
    doc = PartyDocument("", "", "2000-01-01", title)
    pdf = doc.pdf
    pdf.set_auto_page_break(False)
    left0 = (pdf.w - COLUMNS * WIDTH - (COLUMNS - 1) * GAP) / 2
    top0 = (pdf.h - ROWS * HEIGHT - (ROWS - 1) * GAP) / 2
    per_page = COLUMNS * ROWS
    for n, d in enumerate(delegates):
        if n and n % per_page == 0:
            pdf.add_page()
        row, column = divmod(n % per_page, COLUMNS)
        left = left0 + column * (WIDTH + GAP)
        top = top0 + row * (HEIGHT + GAP)
        _cut_marks(pdf, left, top)
        _badge(pdf, left, top, d, roster.unit_label(d, by_code), service.delegates.scan_code(d.code),
               cluster, said["badge_guest" if d.guest else "badge_role"])
    return doc.output()


def _cut_marks(pdf: Any, left: float, top: float) -> None:
    """Short lines outside each corner, in line with the badge's edges."""
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    right, bottom = left + WIDTH, top + HEIGHT
    for x, y, dx, dy in ((left, top, -1, -1), (right, top, 1, -1), (left, bottom, -1, 1), (right, bottom, 1, 1)):
        pdf.line(x + dx * 1, y, x + dx * (1 + CUT / 2), y)
        pdf.line(x, y + dy * 1, x, y + dy * (1 + CUT / 2))


def _badge(pdf: Any, left: float, top: float, d: Any, unit: str, code: str, cluster: str, role: str) -> None:
    pdf.set_fill_color(*RED)
    pdf.rect(left, top, WIDTH, BAND, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FONT, "B", 8)
    pdf.set_xy(left, top + 1.2)
    pdf.cell(WIDTH, 4, nfc(cluster), align="C")
    pdf.set_font(FONT, "B", 11)
    pdf.set_xy(left, top + 5.3)
    pdf.cell(WIDTH, 5, nfc(role), align="C")
    pdf.set_text_color(0, 0, 0)
    name = nfc(d.full_name)
    size = 20.0
    pdf.set_font(FONT, "B", size)
    while pdf.get_string_width(name) > WIDTH - 6 and size > 10:
        size -= 0.5
        pdf.set_font(FONT, "B", size)
    pdf.set_xy(left + 3, top + BAND + 3)
    pdf.cell(WIDTH - 6, size * 0.45, name, align="C")
    text_top = top + BAND + 4 + size * 0.45
    text_width = WIDTH - QR_MM - 3 - 2 * QUIET
    pdf.set_xy(left + 3, text_top + 1)
    pdf.set_font(FONT, "", 8.5)
    pdf.multi_cell(text_width, 4, nfc(d.position), align="L", max_line_height=4,
                   new_x="LEFT", new_y="NEXT")
    pdf.set_font(FONT, "B", 9.5)
    pdf.multi_cell(text_width, 4.5, nfc(unit), align="L", new_x="LEFT", new_y="NEXT")
    qr_left, qr_top = left + WIDTH - QR_MM - QUIET, top + HEIGHT - QR_MM - QUIET - 3
    draw_qr(pdf, code, qr_left, qr_top, QR_MM)
    pdf.set_font(FONT, "", 7)
    pdf.set_xy(qr_left - 6, qr_top + QR_MM + QUIET - 1)
    pdf.cell(QR_MM + 12, 3, code, align="C")
    pdf.set_draw_color(200, 200, 200)
    pdf.rect(left, top, WIDTH, HEIGHT)
    pdf.set_draw_color(0, 0, 0)
