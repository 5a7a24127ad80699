"""The cluster head's signature block is never split across pages (found by the whole-day test:
the covenant printed "T/M CỤM THI ĐUA / CỤM TRƯỞNG" at the foot of one page and the signer's name
alone on the next, because the room asked for was less than the block takes)."""

from __future__ import annotations

import io

import pypdf
import pytest

from store.io.pdf import PartyDocument


@pytest.mark.parametrize("room", [40, 44, 45, 46, 48, 50, 52, 55, 60])
def test_the_role_and_the_name_are_on_one_page_whatever_room_is_left(room):
    doc = PartyDocument("CỤM THI ĐUA SỐ 3", "Thanh Hóa", "2025-11-28", "GIAO ƯỚC THI ĐUA")
    doc.heading()
    pdf = doc.pdf
    pdf.set_y(pdf.h - pdf.b_margin - room)
    doc.signatures([("T/M CỤM THI ĐUA\nCỤM TRƯỞNG", "Trần Văn Bình")],
                   recipients=("Nơi nhận:", ["Ban Tổ chức Trung ương (để báo cáo)", "Các đơn vị trong cụm",
                                             "Lưu"]))
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(doc.output())).pages]
    with_role = [i for i, text in enumerate(pages) if "CỤM TRƯỞNG" in text]
    with_name = [i for i, text in enumerate(pages) if "Trần Văn Bình" in text]
    with_recipients = [i for i, text in enumerate(pages) if "Nơi nhận" in text and "Lưu." in text]
    assert with_role == with_name == with_recipients, pages
