"""The conference workbook's words come from the catalogs (`workbook.*`, wording/locales/
<lang>.workbook.json): a workbook written in either language, or with a column's other names,
reads back to the same conference."""

from __future__ import annotations

import io

import openpyxl
import pytest

from store.setup import layout
from store.setup.workbook_import import create_store, describe, plan_workbook
from store.setup.workbook_write import export_conference, template

WORKBOOK_TABLES = ("conference", "units", "delegates", "agenda", "content_groups", "scoring_config", "covenant",
                   "handovers")


def _records(service, name: str):
    return service._session.open_records().objects(name)


def _same_conference(service, path, tmp_path) -> None:
    plan = plan_workbook(path)
    assert plan.ok, describe(plan)
    with create_store(tmp_path / "again.json", plan, operator="tester") as again:
        for name in WORKBOOK_TABLES:
            assert _records(again, name) == _records(service, name), name


def test_an_english_workbook_reads_back_to_the_same_conference(service, tmp_path):
    path = tmp_path / "conference.xlsx"
    path.write_bytes(export_conference(service, "xlsx", "en"))
    assert openpyxl.load_workbook(path).sheetnames == [
        "Conference", "Units", "Delegates", "Agenda", "Scoring criteria", "Covenant", "Handovers"]
    _same_conference(service, path, tmp_path)


@pytest.mark.parametrize("sheet, headers", [
    ("units", ["Số thứ tự", "Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Thứ tự ký"]),
    ("agenda", ["Number", "Code", "Giờ", "Duration", "Nội dung chương trình", "Kind", "Trình bày"]),
])
def test_a_column_s_other_names_in_either_language_are_recognized(service, tmp_path, sheet, headers):
    book = openpyxl.load_workbook(io.BytesIO(export_conference(service, "xlsx", "vi")))
    ws = book[getattr(layout, sheet.upper()).title("vi")]
    for column, header in enumerate(headers, start=1):
        ws.cell(row=2, column=column, value=header)
    path = tmp_path / "renamed.xlsx"
    book.save(path)
    _same_conference(service, path, tmp_path)


def test_the_english_template_s_example_rows_are_in_english_and_left_out():
    book = openpyxl.load_workbook(io.BytesIO(template("en")))
    delegates = [c.value for c in book["Delegates"][3]]
    assert delegates[0] == "Example" and "Party" in delegates
    assert [c.value for c in book["Agenda"][3]][5] == "Ceremony"
    assert [c.value for c in book["Scoring criteria"][3]][1] == "Content group"
    assert all(layout.is_example({"no": mark}) for mark in ("Ví dụ", "VD", "Example", "e.g."))
