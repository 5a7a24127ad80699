"""The conference workbook: the template read back with openpyxl, the import's report for each
kind of error (nothing created), title rows tolerated, and the round trip over the demo data."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from store import tables
from store.errors import StoreError
from store.service import Service
from store.setup import layout
from store.setup.workbook_import import create_store, describe, plan_workbook
from store.setup.workbook_write import export_conference, template

#: the tables a conference workbook holds (scores, indicators, signatures and the audit log are the
#: day's results and its record, not its preparation)
WORKBOOK_TABLES = ("conference", "units", "delegates", "agenda", "content_groups", "scoring_config", "covenant",
                   "handovers")


def test_template_headers_examples_and_drop_down_lists_read_back():
    book = openpyxl.load_workbook(io.BytesIO(template("vi")))
    assert book.sheetnames == ["Hội nghị", "Đơn vị", "Đại biểu", "Chương trình", "Tiêu chí chấm điểm", "Giao ước",
                               "Trao hỗ trợ"]
    for sheet in layout.SHEETS:
        ws = book[sheet.vi]
        assert ws["A1"].value == sheet.instruction("vi")
        assert [c.value for c in ws[2]][:len(sheet.columns)] == [c.vi for c in sheet.columns]
        if sheet is not layout.CONFERENCE:
            assert ws["A3"].value == "Ví dụ"  # one example row, left out by the import
    items = [ws_row[0].value for ws_row in book["Hội nghị"].iter_rows(min_row=3)]
    assert items[:4] == ["Tên hội nghị", "Cụm thi đua", "Năm", "Ngày họp (dd/mm/yyyy)"]

    def lists(name):
        return {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1
                for dv in book[name].data_validations.dataValidation}

    delegates = lists("Đại biểu")
    assert delegates["G"] == "'Đơn vị'!$D$3:$D$503"  # the unit, from the units sheet
    assert "Quốc hội - HĐND" in delegates["K"] and "Mặt trận" in delegates["K"]  # the bloc
    assert "Tham luận" in lists("Chương trình")["F"] and "Ký giao ước" in lists("Chương trình")["F"]
    assert "Điểm thưởng" in lists("Tiêu chí chấm điểm")["B"]
    assert lists("Trao hỗ trợ")["C"] == "'Đơn vị'!$D$3:$D$503"
    host = [dv for dv in book["Hội nghị"].data_validations.dataValidation if str(dv.sqref) == "B8"]
    assert host and host[0].formula1.startswith("'Đơn vị'!")
    # dates and times are text cells, so that Excel keeps "08:00" and "30/11/2025" as typed
    assert book["Chương trình"]["C4"].number_format == "@"
    assert book["Đại biểu"]["M4"].number_format == "@" and book["Đại biểu"]["N4"].number_format == "@"
    assert book["Chương trình"]["C3"].data_type == "s" and book["Chương trình"]["C3"].value == "08:00"


def test_english_template_has_english_sheets_and_reads_back_empty(tmp_path):
    path = tmp_path / "template.xlsx"
    path.write_bytes(template("en"))
    assert openpyxl.load_workbook(path).sheetnames[:2] == ["Conference", "Units"]
    plan = plan_workbook(path)
    assert [(p.sheet, p.code) for p in plan.problems] == [
        ("Conference", "required"), ("Conference", "required"), ("Conference", "required")]
    assert plan.documents == {}


def _records(service: Service, name: str):
    return service._session.open_records().objects(name)


def test_round_trip_over_the_demo_data_gives_the_same_conference(service, tmp_path):
    path = tmp_path / "conference.xlsx"
    path.write_bytes(export_conference(service, "xlsx", "vi"))
    plan = plan_workbook(path)
    assert plan.ok, describe(plan)
    with create_store(tmp_path / "again.json", plan, operator="tester") as again:
        assert again.check() == []
        for name in WORKBOOK_TABLES:
            assert _records(again, name) == _records(service, name), name
        assert again.summary().counts["delegates"] == 62


def _filled(tmp_path: Path, edit) -> Path:
    """The demo data's workbook with `edit(book)` applied."""
    with Service.open(tmp_path / "demo.json") as svc:
        data = export_conference(svc, "xlsx", "vi")
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book)
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return path


@pytest.fixture
def demo(sample_copy, tmp_path):
    sample_copy.rename(tmp_path / "demo.json")
    return tmp_path


def _item_row(ws, label: str) -> int:
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == label)


def test_each_kind_of_error_is_reported_by_sheet_row_and_field_and_nothing_is_created(demo):
    def edit(book):
        conf = book["Hội nghị"]
        conf.cell(_item_row(conf, "Ngày họp (dd/mm/yyyy)"), 2).value = "31/02/2025"
        conf.cell(_item_row(conf, "Đơn vị đăng cai"), 2).value = "Bắc Ninh"
        conf.cell(_item_row(conf, "Năm"), 2).value = "năm nay"
        conf.cell(conf.max_row + 1, 1).value = "Mục lạ"
        conf.cell(_item_row(conf, "Cấu hình chấm điểm khác (JSON)") if any(
            conf.cell(r, 1).value == "Cấu hình chấm điểm khác (JSON)" for r in range(3, conf.max_row + 1))
            else conf.max_row + 1, 1).value = "Cấu hình chấm điểm khác (JSON)"
        conf.cell(_item_row(conf, "Cấu hình chấm điểm khác (JSON)"), 2).value = "{nope"
        units = book["Đơn vị"]
        units["B4"].value = "HN"          # row 4: the code of row 3 again
        units["D5"].value = None          # row 5: no short name
        people = book["Đại biểu"]
        people["G3"].value = "Phú Thọo"   # a misspelt member unit (of a delegate who is no guest)
        people["I3"].value = None
        people["C4"].value = people["D4"].value = people["E4"].value = None  # no name
        people["N5"].value = "32/13/1970"  # no such date
        agenda = book["Chương trình"]
        agenda["C3"].value = "8h"
        agenda["F4"].value = "Văn nghệ"
        criteria = book["Tiêu chí chấm điểm"]
        criteria["E3"].value = "mười lăm"
        criteria["E4"].value = 0
        book["Giao ước"]["C3"].value = None
        gifts = book["Trao hỗ trợ"]
        gifts["C3"].value = "Hà Tây"      # not a member unit
        gifts["F4"].value = "một trăm triệu"

    path = _filled(demo, edit)
    plan = plan_workbook(path)
    found = {(p.sheet, p.row, p.field, p.code) for p in plan.problems}
    conf = openpyxl.load_workbook(path)["Hội nghị"]
    expected = {
        ("Hội nghị", _item_row(conf, "Ngày họp (dd/mm/yyyy)"), "Ngày họp (dd/mm/yyyy)", "date"),
        ("Hội nghị", _item_row(conf, "Đơn vị đăng cai"), "Đơn vị đăng cai", "setup.not_member"),
        ("Hội nghị", _item_row(conf, "Năm"), "Năm", "integer"),
        ("Hội nghị", _item_row(conf, "Mục lạ"), "Mục lạ", "setup.unknown_item"),
        ("Hội nghị", _item_row(conf, "Cấu hình chấm điểm khác (JSON)"), "Cấu hình chấm điểm khác (JSON)", "setup.json"),
        ("Đơn vị", 4, "Mã", "setup.duplicate_code"),
        ("Đơn vị", 5, "Tên ngắn", "required"),
        ("Đại biểu", 3, "Đơn vị", "unit_typo"),
        ("Đại biểu", 4, "Tên", "no_name"),
        ("Đại biểu", 5, "Ngày sinh", "date"),
        ("Chương trình", 3, "Giờ bắt đầu (HH:MM)", "time"),
        ("Chương trình", 4, "Loại", "one_of"),
        ("Tiêu chí chấm điểm", 3, "Điểm", "number"),
        ("Tiêu chí chấm điểm", 4, "Điểm", "setup.above_zero"),
        ("Giao ước", 3, "Nội dung", "required"),
        ("Trao hỗ trợ", 3, "Đơn vị nhận", "setup.not_member"),
        ("Trao hỗ trợ", 4, "Số tiền (đồng)", "integer"),
    }
    assert expected <= found, sorted(expected - found)
    lines = describe(plan)
    assert "Đại biểu, row 3, Đơn vị: unknown unit 'Phú Thọo' (did you mean Phú Thọ?)" in lines
    assert lines[-1].endswith("nothing was created.")
    with pytest.raises(StoreError):
        create_store(demo / "never.json", plan)
    assert not (demo / "never.json").exists()


def test_title_rows_above_a_header_are_tolerated_and_named(demo):
    def edit(book):
        units = book["Đơn vị"]
        units.insert_rows(1, 3)
        units["A1"].value = "BAN TỔ CHỨC TỈNH ỦY PHÚ THỌ"
        units["A2"].value = "DANH SÁCH ĐƠN VỊ THÀNH VIÊN CỤM THI ĐUA SỐ 1"

    plan = plan_workbook(_filled(demo, edit))
    assert plan.ok, describe(plan)
    assert len(plan.documents["units"]) == 14
    assert ("Đơn vị", "title_rows", {"rows": "1-2, 4"}) in plan.notes


def test_cli_new_from_a_workbook_dry_run_report_and_refusal(demo, capsys):
    from tui.cli.main import main

    good = demo / "good.xlsx"
    with Service.open(demo / "demo.json") as svc:
        good.write_bytes(export_conference(svc, "xlsx", "en"))
    assert main(["--db", str(demo / "x.json"), "new", "--from", str(good), "--dry-run"]) == 0
    assert not (demo / "x.json").exists()
    assert main(["--lang", "en", "--db", str(demo / "x.json"), "new", "--from", str(good)]) == 0
    out = capsys.readouterr().out
    assert "14 unit(s), 62 delegate(s), 14 agenda item(s)" in out and "Created" in out
    with Service.open(demo / "x.json") as made:
        assert made.conference.get().title == "Hội nghị tổng kết công tác thi đua năm 2024"
        entries = made.audit.entries()
        assert json.dumps(entries[0].after, ensure_ascii=False).count("good.xlsx") == 1

    bad = demo / "bad.xlsx"
    book = openpyxl.load_workbook(good)
    book["Agenda"]["C3"].value = "25:00"
    book.save(bad)
    assert main(["--db", str(demo / "y.json"), "new", "--from", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "Agenda, dòng 3, Start (HH:MM): " in out  # the file's own sheet and column names
    assert "1 lỗi: chưa tạo gì." in out
    assert not (demo / "y.json").exists()


def test_workbook_tables_cover_the_store_but_the_day_s_records():
    day = {"scores", "indicators", "signatures", "audit"}
    assert set(WORKBOOK_TABLES) | day <= set(tables.NAMES)


def test_the_papers_heading_and_recipients_make_the_round_trip(service, tmp_path):
    """Issue 16: the issuing body, the place and sign of the papers and "Nơi nhận" (one per row)
    go out in the workbook and come back (a paper's number is given at printing, not here)."""
    service.conference.save(issuer="Ban Tổ chức Tỉnh ủy Phú Thọ / Cụm thi đua số 1", doc_place="Việt Trì",
                            doc_symbol="CTĐ1", recipients="Ban Tổ chức Trung ương\nCác đơn vị trong cụm")
    path = tmp_path / "conference.xlsx"
    path.write_bytes(export_conference(service, "xlsx", "vi"))
    plan = plan_workbook(path)
    assert plan.ok, describe(plan)
    with create_store(tmp_path / "again.json", plan, operator="tester") as again:
        conference = again.conference.get()
    assert (conference.issuer, conference.doc_place, conference.doc_symbol) == (
        "Ban Tổ chức Tỉnh ủy Phú Thọ / Cụm thi đua số 1", "Việt Trì", "CTĐ1")
    assert conference.recipients == ("Ban Tổ chức Trung ương", "Các đơn vị trong cụm")
