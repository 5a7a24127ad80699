"""Safe files out (issue 8): exported cells are data, never formulas, markup or links."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from store.io.exporter import export_delegates, export_introduction, to_csv
from store.service import Service
from tests.test_import import units_only_store

HOSTILE = {
    "=HYPERLINK(\"http://evil\",\"x\")": "'=HYPERLINK(\"http://evil\",\"x\")",
    "+1+2": "'+1+2",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "Trưởng Ban": "Trưởng Ban",
    "Phó - Trưởng": "Phó - Trưởng",  # only the first character counts
}


@pytest.fixture
def hostile_store(tmp_path: Path) -> Path:
    path = units_only_store(tmp_path / "hostile.json")
    with Service.open(path) as service:
        for rank, position in enumerate(HOSTILE):
            d = service.delegates.add(family="Nguyễn", middle="Văn", given=f"A{rank:02d}", unit_code="HN",
                                      rank=10 + rank, position=position)
            service.delegates.check_in(d.code)
        service.delegates.add(family="[x](http://evil)", middle="<script>", given="Z",
                              unit_code="HN", rank=99, position="*đậm* _nghiêng_ `mã` & | # (x)")
        service.delegates.add(family="#", middle="", given="Tiêu", unit_code="HN", rank=100,
                              position="# Tiêu đề")
    return path


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_cells_that_start_like_a_formula_get_an_apostrophe(hostile_store):
    with Service.open(hostile_store) as service:
        for data in (export_delegates(service, "csv", "name"), export_introduction(service, "csv")):
            positions = [row[2] for row in _csv(data)[1:]]
            got = dict(zip([p.lstrip("'") for p in positions], positions))
            for raw, safe in HOSTILE.items():
                assert got[raw] == safe, raw
            assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r")
                           for row in _csv(data) for cell in row)


def test_csv_cells_that_start_with_a_tab_or_carriage_return_get_an_apostrophe():
    # the store strips such whitespace from names; a list built from other data may still hold it
    rows = _csv(to_csv(["=h"], [["\tTab"], ["\rCR"], [-1], ["a=b"]]))
    assert rows == [["'=h"], ["'\tTab"], ["'\rCR"], ["-1"], ["a=b"]]


def test_xlsx_cells_are_strings_never_formulas(hostile_store):
    with Service.open(hostile_store) as service:
        data = export_delegates(service, "xlsx", "name")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = load_workbook(io.BytesIO(data)).active
    texts = [c for row in sheet.iter_rows(min_row=2) for c in row[1:]]
    assert texts and all(c.data_type != "f" for c in texts)
    positions = {c.value for c in sheet["C"]}
    assert set(HOSTILE) <= positions  # written as they are (no apostrophe in a workbook)


def test_markdown_shows_html_links_and_markup_literally(hostile_store):
    with Service.open(hostile_store) as service:
        text = export_delegates(service, "md", "name").decode()
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "[x](http://evil)" not in text and "\\[x\\]\\(http://evil\\)" in text
    assert "\\*đậm\\* \\_nghiêng\\_ \\`mã\\` &amp; \\| # \\(x\\)" in text
    row = next(line for line in text.splitlines() if "Tiêu đề" in line)
    assert "| \\# Tiêu đề |" in row and "| \\# Tiêu |" in row
    # every row still has exactly the table's six unescaped pipes
    assert all(line.count("|") - line.count("\\|") == 6 for line in text.splitlines())
