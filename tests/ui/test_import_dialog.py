"""The import dialog (Ctrl+G on the desk): a preview of one line per row, in the UI language."""

from __future__ import annotations

import csv
import io

import pytest
from textual.widgets import Input, Static

from ..conftest import make_app, settle, wait_for
from .pilot import press


def write_csv(path, rows):
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path


ROWS = [["DANH SÁCH ĐẠI BIỂU", "", "", ""],
        ["Họ và tên", "Chức vụ", "Đơn vị", "Ngày sinh"],
        ["Lê Văn Mạnh", "Chuyên viên", "Bắc Cạn", ""],
        ["", "Chuyên viên", "Phú Thọ", ""],
        ["Trần Văn Khách", "Vụ trưởng", "Ban Tổ chức Trung ương", ""],
        ["Tổng cộng", "", "", ""]]

EXPECTED = {
    "vi": ["Xem trước: 2 thêm mới, 0 cập nhật, 0 không đổi, 1 bị từ chối.",
           "Dòng 3: thêm Lê Văn Mạnh (Bắc Kạn)",
           "Dòng 4 (—): bị từ chối, Họ và tên: không có họ tên",
           "Dòng 5: thêm Trần Văn Khách (Khách mời: Ban Tổ chức Trung ương)",
           "Bảng mã: UTF-8",
           "Bỏ qua dòng tiêu đề phía trên dòng tên cột: 1",
           "Bỏ qua các dòng sau danh sách (tổng cộng, chữ ký): 6"],
    "en": ["Preview: 2 to add, 0 to update, 0 unchanged, 1 rejected.",
           "Row 3: add Lê Văn Mạnh (Bắc Kạn)",
           "Row 4 (—): rejected, Full name: no name",
           "Row 5: add Trần Văn Khách (Guest: Ban Tổ chức Trung ương)",
           "Encoding: UTF-8",
           "Title row(s) above the header skipped: 1",
           "Row(s) after the list skipped (totals, signatures): 6"],
}


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_preview_one_line_per_row_in_the_ui_language_then_confirm(service, tmp_path, lang):
    file = write_csv(tmp_path / "list.csv", ROWS)
    before = len(service.delegates.all())
    app = make_app(service, panel="delegates", lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+g")
        await settle(pilot)
        app.screen.query_one("#import-path", Input).value = str(file)
        await press(pilot, "enter")
        report = app.screen.query_one("#import-report", Static)
        await wait_for(pilot, lambda: getattr(app.screen, "plan", None) is not None)
        await settle(pilot)
        lines = str(report.render()).splitlines()
        assert lines[:len(EXPECTED[lang])] == EXPECTED[lang]
        assert len(service.delegates.all()) == before  # nothing until confirmed
        await press(pilot, "ctrl+y")
        await settle(pilot)
        await wait_for(pilot, lambda: len(service.delegates.all()) == before + 2)
    added = {d.full_name: d for d in service.delegates.all()[before:]}
    assert added["Trần Văn Khách"].guest and added["Trần Văn Khách"].organization == "Ban Tổ chức Trung ương"
