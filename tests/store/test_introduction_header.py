"""The MC's introduction list prints its number column's heading whole (found by the whole-day
test: the column was so narrow that "STT" broke into "ST" and "T" on every page)."""

from __future__ import annotations

import io

import pypdf

from store.io.papers.delegate_list import introduction_pdf
from store.service import Service


def test_the_number_heading_is_not_broken(sample_copy):
    with Service.open(sample_copy) as service:
        for d in service.delegates.all()[:30]:
            service.delegates.check_in(d.code)
        data = introduction_pdf(service)
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        lines = page.extract_text().splitlines()
        assert any(line.startswith("STT Họ và tên") for line in lines), lines[:12]
