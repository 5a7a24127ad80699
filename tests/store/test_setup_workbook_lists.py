"""The conference workbook's lists and warnings: several lines in a
list item's cell are several items (said in the report); a list item goes on in the next row
without its label; every warning names its sheet, row and column, in the user's language."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from store.service import Service
from store.setup import layout
from store.setup.workbook_import import describe, plan_workbook
from store.setup.workbook_write import export_conference, template
from tui.i18n import set_language, t


@pytest.fixture
def demo(sample_copy, tmp_path):
    sample_copy.rename(tmp_path / "demo.json")
    return tmp_path


@pytest.fixture
def vietnamese():
    set_language("vi")
    yield t
    set_language("vi")


def _filled(tmp_path: Path, edit) -> Path:
    with Service.open(tmp_path / "demo.json") as svc:
        data = export_conference(svc, "xlsx", "vi")
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book)
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return path


def _movement_rows(ws) -> list[int]:
    return [r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "Phong trào thi đua"]


def _movements(path: Path) -> list[str]:
    plan = plan_workbook(path)
    assert plan.ok, describe(plan)
    return list(plan.documents["covenant"][0]["movements"])


def test_several_lines_in_a_movement_cell_are_several_movements_said_in_the_report(demo, vietnamese):
    rows: list[int] = []

    def edit(book):
        conf = book["Hội nghị"]
        rows.extend(_movement_rows(conf))
        for r in rows[1:]:
            conf.cell(r, 1).value = conf.cell(r, 2).value = None
        conf.cell(rows[0], 2).value = "Người tốt, việc tốt\nDân vận khéo\n\nChuyển đổi số"

    path = _filled(demo, edit)
    assert _movements(path) == ["Người tốt, việc tốt", "Dân vận khéo", "Chuyển đổi số"]
    lines = describe(plan_workbook(path), vietnamese)
    assert f"Hội nghị, dòng {rows[0]}, Giá trị: 3 dòng trong một ô, nhập thành 3 mục Phong trào thi đua" in lines


def test_a_second_movement_on_the_next_row_needs_no_label(demo):
    def edit(book):
        conf = book["Hội nghị"]
        first, *others = _movement_rows(conf)
        assert others, "the demo has several movements"
        for r in others:
            conf.cell(r, 1).value = None  # the value stays, the label is not repeated

    with Service.open(demo / "demo.json") as svc:
        expected = list(svc.covenant.get().movements)
    assert _movements(_filled(demo, edit)) == expected


def test_a_row_without_a_label_after_an_item_that_is_no_list_is_refused(demo):
    def edit(book):
        conf = book["Hội nghị"]
        row = next(r for r in range(3, conf.max_row + 1) if conf.cell(r, 1).value == "Địa điểm")
        conf.insert_rows(row + 1)
        conf.cell(row + 1, 2).value = "Hà Nội"

    plan = plan_workbook(_filled(demo, edit))
    assert [(p.sheet, p.code) for p in plan.problems] == [("Hội nghị", "setup.unknown_item")]


def test_the_criteria_total_warning_names_sheet_column_and_the_total_s_row(demo, vietnamese):
    total_row: list[int] = []

    def edit(book):
        conf = book["Hội nghị"]
        total_row.append(next(r for r in range(3, conf.max_row + 1) if conf.cell(r, 1).value == "Tổng điểm tối đa"))
        conf.cell(total_row[0], 2).value = 120

    plan = plan_workbook(_filled(demo, edit))
    assert plan.ok
    lines = describe(plan, vietnamese)
    assert (f"Tiêu chí chấm điểm, cột Điểm: điểm tối đa các nhóm cộng lại 100, không bằng tổng 120 "
            f"(Hội nghị, dòng {total_row[0]}, Tổng điểm tối đa)") in lines
    set_language("en")
    assert any(line.startswith("Tiêu chí chấm điểm, column Điểm: the content groups add up to 100")
               for line in describe(plan, t))


def test_delegate_notes_are_in_the_user_s_words_naming_their_columns(demo, vietnamese):
    def edit(book):
        people = book["Đại biểu"]
        people["P3"].value = 912345678  # a phone number stored as a number: its 0 comes back
        people["P3"].data_type = "n"

    plan = plan_workbook(_filled(demo, edit))
    assert plan.ok, describe(plan)
    lines = describe(plan, vietnamese)
    assert "Đại biểu, cột Điện thoại: Số điện thoại lưu dạng số đã được thêm lại số 0 đầu: dòng 3" in lines
    assert not [line for line in lines if "leading 0" in line or "namesakes" in line]
    set_language("en")
    assert ("Đại biểu, column Điện thoại: Phone numbers stored as numbers got their leading 0 back: row(s) 3"
            in describe(plan, t))


def test_the_template_says_how_lists_are_written():
    book = openpyxl.load_workbook(io.BytesIO(template("vi")))
    instruction = book["Hội nghị"]["A1"].value
    assert "mỗi phong trào một dòng" in instruction and "Alt+Enter" in instruction
    assert "để trống" in instruction and "dấu phẩy" in instruction
    assert layout.CONFERENCE.instruction("en").count("Alt+Enter") == 1
