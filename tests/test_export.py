"""Delegate lists exported as CSV, XLSX and Markdown; the introduction list; the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook

from store.models import roster
from store.io.exporter import export_delegates, export_introduction
from store.service import Service
from tests.test_import import sample_store, units_only_store
from tui.cli.main import main

# docs/DOMAIN.md: an alphabetical list sorts by given name, then family, then middle name.
ALPHABETICAL = ["Hoàng Văn An", "Nguyễn Văn An", "Lê Đức Anh", "Trần Thị Ánh", "Phạm Thị Ân",
                "Vũ Đức Bảo", "Đỗ Văn Bình", "Nguyễn Văn Phong", "Bùi Đình Thi"]
UNIT_OF = {"Hoàng Văn An": "LCA", "Nguyễn Văn An": "PT", "Lê Đức Anh": "HN", "Trần Thị Ánh": "TQ",
           "Phạm Thị Ân": "PT", "Vũ Đức Bảo": "HN", "Đỗ Văn Bình": "LCA", "Bùi Đình Thi": "TQ"}
ARRIVAL = dt.datetime(2024, 11, 30, 7, 45, 9)


@pytest.fixture
def named_store(tmp_path: Path) -> Path:
    """Nine delegates in shuffled order; Nguyễn Văn Phong is a guest; two have checked in."""
    path = units_only_store(tmp_path / "named.json")
    names = ALPHABETICAL[:]
    random.Random(7).shuffle(names)
    with Service.open(path) as service:
        for rank, name in enumerate(names):
            family, middle, given = name.split()
            extra = ({"organization": "Thành ủy Hà Nội", "guest": True, "level": 1}
                     if given == "Phong" else {"unit_code": UNIT_OF[name]})
            service.delegates.add(family=family, middle=middle, given=given, rank=10 + rank,
                                 position=f"Chức vụ | {rank}", **extra)
        by_name = {d.full_name: d.code for d in service.delegates.all()}
        service.delegates.check_in(by_name["Vũ Đức Bảo"], at=ARRIVAL)
        service.delegates.check_in(by_name["Nguyễn Văn Phong"], at=ARRIVAL + dt.timedelta(minutes=3))
    return path


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def md_rows(data: bytes) -> list[list[str]]:
    lines = data.decode("utf-8").splitlines()
    assert lines[1].startswith("|---:|")
    rows = []
    for line in [lines[0]] + lines[2:]:
        cells = line.strip("|").replace("\\|", "\x00").split("|")
        rows.append([c.strip().replace("\x00", "|") for c in cells])
    return rows


def xlsx_rows(data: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


def expected(service: Service, order: str) -> list[str]:
    return [d.full_name for d in roster.sort_delegates(service.delegates.all(), order, service.conference.units())]


def test_alphabetical_order_follows_vietnamese_given_names(named_store):
    with Service.open(named_store) as service:
        rows = csv_rows(export_delegates(service, "csv", "name"))
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Giờ đến", "Mã đại biểu", "Mã điểm danh"]
    assert [r[1] for r in rows[1:]] == ALPHABETICAL
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 10)]


@pytest.mark.parametrize("fmt,parse", [("csv", csv_rows), ("md", md_rows), ("xlsx", xlsx_rows)])
@pytest.mark.parametrize("order", ["protocol", "unit", "name"])
def test_each_format_and_order_on_the_sample(tmp_path, fmt, parse, order):
    with Service.open(sample_store(tmp_path)) as service:
        rows = parse(export_delegates(service, fmt, order))
        names = expected(service, order)
        units = {u.code: u.short_name for u in service.conference.units()}
        first = roster.sort_delegates(service.delegates.all(), order, service.conference.units())[0] if names else None
    assert [str(h) for h in rows[0]] == ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Giờ đến", "Mã đại biểu",
                                         "Mã điểm danh"]
    assert [r[1] for r in rows[1:]] == names
    if first is not None:
        assert str(rows[1][0]) == "1" and rows[1][2] == first.position
        assert rows[1][3] == (units.get(first.unit_code or "") or first.organization)


def test_unit_order_follows_the_cluster_order(named_store):
    with Service.open(named_store) as service:
        rows = md_rows(export_delegates(service, "md", "unit"))
    assert [r[3] for r in rows[1:]] == ["Thành ủy Hà Nội", "Hà Nội", "Hà Nội", "Phú Thọ", "Phú Thọ",
                                        "Tuyên Quang", "Tuyên Quang", "Lào Cai", "Lào Cai"]


def test_checkin_time_present_or_empty_and_english_headers(named_store):
    with Service.open(named_store) as service:
        rows = csv_rows(export_delegates(service, "csv", "name", lang="en"))
    assert rows[0] == ["No.", "Full name", "Position", "Unit", "Checked in", "Delegate code", "Check-in code"]
    times = {r[1]: r[4] for r in rows[1:]}
    assert times["Vũ Đức Bảo"] == "07:45:09" and times["Nguyễn Văn Phong"] == "07:48:09"
    assert times["Hoàng Văn An"] == ""


def test_markdown_escapes_pipes(named_store):
    with Service.open(named_store) as service:
        data = export_delegates(service, "md", "name")
    assert b"Ch\xe1\xbb\xa9c v\xe1\xbb\xa5 \\| " in data
    assert all(line.count("|") - line.count("\\|") == 8 for line in data.decode().splitlines())
    assert md_rows(data)[1][2].startswith("Chức vụ | ")


def test_xlsx_bold_header_widths_frozen_and_text_never_formula(named_store):
    with Service.open(named_store) as service:
        code = service.delegates.all()[0].code
        service.delegates.update(code, position="=HYPERLINK(\"http://x\")")
        data = export_delegates(service, "xlsx", "protocol")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1]) and not sheet["B2"].font.bold
    assert sheet.column_dimensions["B"].width >= len("Nguyễn Văn Phong")
    formula_cells = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formula_cells == []
    assert "=HYPERLINK(\"http://x\")" in [c.value for c in sheet["C"]]


def test_introduction_guests_first_and_deputy_keeps_his_own_rank(tmp_path):
    path = units_only_store(tmp_path / "intro.json")
    with Service.open(path) as service:
        add = service.delegates.add
        deputy = add(family="Lò", middle="Văn", given="Thắng", unit_code="LCA", level=3, rank=20,
                     position="Phó Trưởng Ban", on_behalf_of="Trưởng Ban Tổ chức Tỉnh ủy Lào Cai")
        head_pt = add(family="Hà", middle="Thị", given="Mai", unit_code="PT", level=3, rank=10,
                      position="Trưởng Ban", appointed="2021-03-01")
        head_tq = add(family="Ma", middle="Văn", given="Sơn", unit_code="TQ", level=3, rank=10,
                      position="Trưởng Ban", appointed="2019-06-01")
        guest = add(family="Trần", middle="Quang", given="Nam", organization="Ban Tổ chức Trung ương",
                    guest=True, level=1, rank=20, position="Vụ trưởng")
        absent = add(family="Bùi", middle="Văn", given="Vắng", unit_code="HN", level=3, rank=5)
        for d in (deputy, head_pt, head_tq, guest):
            service.delegates.check_in(d.code, at=ARRIVAL)
        csv_data = export_introduction(service, "csv")
        md_data = export_introduction(service, "md", lang="en")
        xlsx_data = export_introduction(service, "xlsx")
    rows = csv_rows(csv_data)
    assert rows[0] == ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Thay mặt"]
    assert [r[1] for r in rows[1:]] == ["Trần Quang Nam", "Ma Văn Sơn", "Hà Thị Mai", "Lò Văn Thắng"]
    assert rows[1][3] == "Ban Tổ chức Trung ương" and rows[4][4] == "Trưởng Ban Tổ chức Tỉnh ủy Lào Cai"
    assert absent.full_name not in csv_data.decode("utf-8-sig")
    assert md_rows(md_data)[0] == ["No.", "Full name", "Position", "Unit", "On behalf of"]
    assert xlsx_rows(xlsx_data)[1:] == [[int(r[0])] + r[1:] for r in rows[1:]]


# ---- command line --------------------------------------------------------------------------

def test_cli_csv_and_markdown_go_to_stdout(named_store, capsysbinary):
    assert main(["--db", str(named_store), "export", "delegates", "--format", "csv", "--order", "name"]) == 0
    assert [r[1] for r in csv_rows(capsysbinary.readouterr().out)[1:]] == ALPHABETICAL
    assert main(["--db", str(named_store), "--lang", "en", "export", "introduction", "--format", "md"]) == 0
    rows = md_rows(capsysbinary.readouterr().out)
    assert rows[0][1] == "Full name" and [r[1] for r in rows[1:]] == ["Nguyễn Văn Phong", "Vũ Đức Bảo"]


@pytest.mark.parametrize("fmt,parse", [("csv", csv_rows), ("md", md_rows), ("xlsx", xlsx_rows)])
def test_cli_writes_file_with_o(named_store, tmp_path, fmt, parse):
    out = tmp_path / f"list.{fmt}"
    assert main(["--db", str(named_store), "export", "delegates", "--order", "name", "-o", str(out)]) == 0
    assert [r[1] for r in parse(out.read_bytes())[1:]] == ALPHABETICAL
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_xlsx_needs_an_output_file(named_store, capsys):
    before = named_store.read_bytes()
    assert main(["--db", str(named_store), "export", "delegates", "--format", "xlsx"]) == 1
    assert "xuất xlsx cần -o TỆP" in capsys.readouterr().err  # Vietnamese by default
    assert main(["--db", str(named_store), "--lang", "en", "export", "delegates", "--format", "xlsx"]) == 1
    assert "xlsx export needs -o FILE" in capsys.readouterr().err
    assert named_store.read_bytes() == before


def test_cli_introduction_refuses_another_order(named_store, capsys):
    assert main(["--db", str(named_store), "export", "introduction", "--order", "name"]) == 1
    assert "luôn theo thứ tự nghi thức" in capsys.readouterr().err
    assert main(["--db", str(named_store), "--lang", "en", "export", "introduction", "--order", "name"]) == 1
    assert "always in protocol order" in capsys.readouterr().err
