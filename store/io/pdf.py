"""A4 documents laid out as a Vietnamese Party document, made offline with fpdf2.

    doc = PartyDocument("BAN TỔ CHỨC THÀNH ỦY HÀ NỘI", "Hà Nội", "2024-11-30",
                        "BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM", subtitle="Cụm thi đua số 1")
    doc.heading()
    doc.table(["TT", "Đơn vị", "Điểm"], rows, align=("R", "L", "R"))
    doc.signatures([("T/M CỤM THI ĐUA\\nCỤM TRƯỞNG", "Nguyễn Văn A")])
    data = doc.output()

The font is Be Vietnam Pro (SIL Open Font License), shipped by the PyPI package
fontpkg-be-vietnam-pro and embedded in every file, so the document prints the same on any laptop
with no system font. Every text is put in NFC first.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, Sequence

import fontpkg_be_vietnam_pro
from fpdf import FPDF
from fpdf.fonts import FontFace

from wording.text import nfc

FONT = "BeVietnamPro"
_FONT_FILES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"


def font_file(style: str = "") -> Path:
    """The .ttf of Be Vietnam Pro for an fpdf2 style ("", "B", "I", "BI")."""
    return Path(fontpkg_be_vietnam_pro.ROOT) / "files" / f"BeVietnamPro-{_FONT_FILES[style]}.ttf"


def date_line(place: str, day: str | dt.date) -> str:
    """"Hà Nội, ngày 30 tháng 11 năm 2024" (as a Party document writes its place and date)."""
    when = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
    return f"{place}, ngày {when.day:02d} tháng {when.month:02d} năm {when.year}"


class PartyDocument:
    """One A4 document: the Party heading, paragraphs, tables, pictures and a signature block."""

    def __init__(self, issuer: str, place: str, day: str | dt.date, title: str, subtitle: str = "",
                 *, landscape: bool = False, superior: str = "", number: str = "",
                 dated: str = "") -> None:
        self.issuer = nfc(issuer)
        self.superior = nfc(superior)
        #: the number and sign line under the issuer ("Số 12-BC/CTĐ"); "" prints none
        self.number = nfc(number)
        #: the place and date line as printed; "" = date_line(place, day)
        self.dated = nfc(dated)
        self.place = nfc(place)
        self.day = day
        self.title = nfc(title)
        self.subtitle = nfc(subtitle)
        pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
        for style in _FONT_FILES:
            pdf.add_font(FONT, style, str(font_file(style)))
        pdf.set_margins(20, 15, 15)
        pdf.set_auto_page_break(True, margin=15)
        pdf.set_title(self.title)
        pdf.set_creator("hoinghi")
        pdf.alias_nb_pages()
        pdf.add_page()
        pdf.set_font(FONT, size=12)
        self.pdf = pdf

    @property
    def width(self) -> float:
        """The printable width in mm."""
        return self.pdf.epw

    def heading(self) -> None:
        """Issuer at the left (the superior body above it, a star and the number line under it),
        "ĐẢNG CỘNG SẢN VIỆT NAM" underlined at the right, the place and date line under it, then
        the title and subtitle centred (Hướng dẫn 36-HD/VPTW)."""
        pdf = self.pdf
        half = self.width / 2
        top = pdf.get_y()
        left = pdf.l_margin
        pdf.set_xy(left, top)
        if self.superior:
            pdf.set_font(FONT, size=12)
            pdf.multi_cell(half, 6, self.superior, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "B", 12)
        pdf.multi_cell(half, 6, self.issuer, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, size=12)
        pdf.multi_cell(half, 6, "*", align="C", new_x="LMARGIN", new_y="NEXT")
        if self.number:
            pdf.multi_cell(half, 6, self.number, align="C", new_x="LMARGIN", new_y="NEXT")
        left_bottom = pdf.get_y()
        pdf.set_xy(left + half, top)
        pdf.set_font(FONT, "B", 13)
        pdf.cell(half, 7, PARTY, align="C", new_x="LEFT", new_y="NEXT")
        underline_y = pdf.get_y()
        text_width = pdf.get_string_width(PARTY)
        start = left + half + (half - text_width) / 2
        pdf.line(start, underline_y, start + text_width, underline_y)
        pdf.set_xy(left + half, underline_y + 3)
        pdf.set_font(FONT, "I", 12)
        pdf.cell(half, 6, self.dated or date_line(self.place, self.day), align="C")
        pdf.set_xy(left, max(left_bottom, pdf.get_y() + 6) + 8)
        pdf.set_font(FONT, "B", 14)
        pdf.multi_cell(0, 7, self.title, align="C", new_x="LMARGIN", new_y="NEXT")
        if self.subtitle:
            pdf.set_font(FONT, "I", 12)
            pdf.multi_cell(0, 6, self.subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font(FONT, size=12)

    def paragraph(self, text: str, *, bold: bool = False, align: str = "L", size: float = 12) -> None:
        self.pdf.set_font(FONT, "B" if bold else "", size)
        self.pdf.multi_cell(0, size * 0.5, nfc(str(text)), align=align, new_x="LMARGIN", new_y="NEXT")
        self.pdf.set_font(FONT, size=12)

    def space(self, mm: float = 4) -> None:
        self.pdf.ln(mm)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], *,
              widths: Sequence[float] | None = None, align: Sequence[str] | None = None,
              size: float = 10) -> None:
        """A bordered table; its header row is repeated on every new page. `widths` are relative
        (or mm summing to the page width); `align` one of "L", "C", "R" per column."""
        pdf = self.pdf
        pdf.set_font(FONT, size=size)
        columns = len(headers)
        alignment = tuple(align) if align else ("L",) * columns
        with pdf.table(
            col_widths=tuple(widths) if widths else None,
            text_align=alignment,
            headings_style=FontFace(emphasis="BOLD"),
            line_height=size * 0.55,
            repeat_headings=1,
            width=self.width,
        ) as table:
            heading = table.row()
            for title in headers:
                heading.cell(nfc(str(title)), align="C")
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell("" if value is None else nfc(str(value)))
        pdf.ln(3)
        pdf.set_font(FONT, size=12)

    def image(self, png: bytes, width_mm: float) -> None:
        """A picture (PNG bytes), centred."""
        x = self.pdf.l_margin + (self.width - width_mm) / 2
        self.pdf.image(io.BytesIO(png), x=x, w=width_mm)
        self.pdf.ln(3)

    def qr(self, text: str, size_mm: float = 30, *, caption: str = "") -> None:
        """A QR code of `text`, drawn as vector squares at the right margin (scannable from paper)."""
        pdf = self.pdf
        if pdf.get_y() + size_mm + 10 > pdf.h - pdf.b_margin:
            pdf.add_page()
        top = pdf.get_y()
        draw_qr(pdf, text, pdf.l_margin + self.width - size_mm, top, size_mm)
        pdf.set_xy(pdf.l_margin, top + size_mm + 1)
        if caption:
            pdf.set_font(FONT, size=9)
            pdf.cell(0, 5, nfc(caption), align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, size=12)

    def signatures(self, blocks: Sequence[tuple[str, str]], *,
                   recipients: tuple[str, Sequence[str]] | None = None) -> None:
        """Signature blocks side by side, the last at the right: each (role, name); the role may
        hold several lines ("T/M CỤM THI ĐUA\\nCỤM TRƯỞNG"), the name is printed after the space
        for the signature. `recipients`: ("Nơi nhận:", lines) at the bottom left, level with the
        first signature (36-HD/VPTW); each line is printed "- line," (the last "- line.")."""
        if not blocks and recipients is None:
            return
        pdf = self.pdf
        lines = list(recipients[1]) if recipients else []
        block = max((6 * (role.count("\n") + 1) + 22 + 6 * (name.count("\n") + 1) for role, name in blocks),
                    default=0)
        needed = 6 + max(block, 6 + 5 * len(lines) if recipients else 0)
        if pdf.get_y() + needed > pdf.h - pdf.b_margin:
            pdf.add_page()
        pdf.ln(6)
        width = self.width / max(2, len(blocks))
        top = pdf.get_y()
        lefts = [pdf.l_margin + self.width - width * (len(blocks) - i) for i in range(len(blocks))]
        bottom = top
        if recipients is not None:
            bottom = self._recipients(recipients[0], lines, top, self.width / 2 - 5)
        for left, (role, name) in zip(lefts, blocks):
            pdf.set_xy(left, top)
            pdf.set_font(FONT, "B", 12)
            pdf.multi_cell(width, 6, nfc(role), align="C", new_x="LEFT", new_y="NEXT")
            pdf.set_y(pdf.get_y() + 22)
            pdf.set_x(left)
            pdf.set_font(FONT, "B", 12)
            pdf.multi_cell(width, 6, nfc(name), align="C", new_x="LEFT", new_y="NEXT")
            bottom = max(bottom, pdf.get_y())
        pdf.set_xy(pdf.l_margin, bottom + 4)
        pdf.set_font(FONT, size=12)

    def _recipients(self, heading: str, lines: Sequence[str], top: float, width: float) -> float:
        """"Nơi nhận:" (underlined) and its lines at the left from `top`; the bottom reached."""
        pdf = self.pdf
        pdf.set_xy(pdf.l_margin, top)
        pdf.set_font(FONT, "U", 12)
        pdf.cell(pdf.get_string_width(nfc(heading)) + 1, 6, nfc(heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        for n, line in enumerate(lines, start=1):
            text = nfc(line).rstrip(",.;")
            mark = "." if n == len(lines) else ","
            pdf.multi_cell(width, 5, f"- {text}{mark}", new_x="LMARGIN", new_y="NEXT")
        bottom = pdf.get_y()
        pdf.set_font(FONT, size=12)
        return bottom

    def stamp_every_page(self, text: str) -> None:
        """`text` in bold red at the top of every page, above the heading (e.g. a record that no
        longer matches its seal)."""
        pdf = self.pdf
        last, x, y = pdf.page, pdf.get_x(), pdf.get_y()
        for page in range(1, pdf.pages_count + 1):
            pdf.page = page
            pdf.set_xy(pdf.l_margin, 5)
            pdf.set_font(FONT, "B", 13)
            pdf.set_text_color(200, 0, 0)
            pdf.cell(pdf.epw, 8, nfc(text), align="C")
        pdf.page = last
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(FONT, size=12)
        pdf.set_xy(x, y)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def qr_matrix(text: str) -> tuple[bytearray, ...]:
    """The modules of a QR code of `text` (segno, error level M), rows of 1 (dark) and 0. Always a
    full QR code: segno would choose a Micro QR for a short text, which phones and most desk
    scanners cannot read."""
    import segno

    return tuple(segno.make(nfc(text), error="m", micro=False).matrix)


def draw_qr(pdf: FPDF, text: str, left: float, top: float, size_mm: float) -> None:
    """A QR code of `text` drawn as vector squares, `size_mm` wide, with its top left corner at
    (`left`, `top`); a scanner reads it from paper."""
    matrix = qr_matrix(text)
    cell = size_mm / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for r, line in enumerate(matrix):
        for c, dark in enumerate(line):
            if dark:
                pdf.rect(left + c * cell, top + r * cell, cell, cell, style="F")
