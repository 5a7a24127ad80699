"""Safe files out: exported cells are data, never formulas, markup or links."""

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
    # every row still has exactly the table's eight unescaped pipes (seven columns)
    assert all(line.count("|") - line.count("\\|") == 8 for line in text.splitlines())


# ---- the command line: never overwrite without --force; the format follows -o -------------------

from tui.cli.main import main  # noqa: E402


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert ".tmp" not in err and "Error" not in err and "Traceback" not in err
    return err.strip()


def test_cli_refuses_to_overwrite_an_existing_file_unless_force(hostile_store, tmp_path, capsys):
    out = tmp_path / "list.csv"
    out.write_bytes(b"keep me")
    assert main(["--db", str(hostile_store), "export", "delegates", "-o", str(out)]) == 1
    assert _one_line(capsys) == (f"hoinghi: {out} đã có; không ghi gì: thêm --force để ghi đè, "
                                 "hoặc chọn tên tệp khác")
    assert out.read_bytes() == b"keep me"
    assert main(["--db", str(hostile_store), "--lang", "en", "export", "delegates", "-o", str(out)]) == 1
    assert "already exists; nothing was written: add --force" in _one_line(capsys)
    assert main(["--db", str(hostile_store), "export", "delegates", "-o", str(out), "--force"]) == 0
    assert _one_line(capsys).startswith(f"đã ghi {out} (")
    assert _csv(out.read_bytes())[0][0] == "STT"


def test_cli_format_follows_the_extension_and_a_mismatch_is_refused(hostile_store, tmp_path, capsys):
    md = tmp_path / "list.md"
    assert main(["--db", str(hostile_store), "--lang", "en", "export", "delegates", "-o", str(md)]) == 0
    assert _one_line(capsys).startswith(f"wrote {md} (")
    assert md.read_bytes().startswith(b"| No. | Full name |")
    wrong = tmp_path / "list.csv"
    assert main(["--db", str(hostile_store), "export", "delegates", "-o", str(wrong), "--format", "xlsx"]) == 1
    assert _one_line(capsys) == (f"hoinghi: -o {wrong} là tệp .csv nhưng --format là xlsx; không ghi gì: "
                                 "bỏ --format hoặc đổi đuôi tệp")
    assert not wrong.exists()
    assert main(["--db", str(hostile_store), "--lang", "en", "export", "delegates", "-o", str(wrong),
                 "--format", "md"]) == 1
    assert "is a .csv file but --format is md" in _one_line(capsys)
    assert main(["--db", str(hostile_store), "export", "delegates", "-o", str(wrong), "--format", "csv"]) == 0
    assert _csv(wrong.read_bytes())[0][0] == "STT"
