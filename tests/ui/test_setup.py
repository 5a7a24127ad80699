"""The setup panel (F10) as a person uses it: an empty store opens it with the guide; units and
the conference through forms checked as typed; a unit in use is not removed; the workbook
import with its preview."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from store.service import Service
from store.setup.workbook_write import export_conference

from ..conftest import make_app, screen_text, settle, table_rows
from .pilot import fill, press


async def test_an_empty_store_opens_setup_and_is_prepared_from_the_panel(tmp_path):
    service = Service.create(tmp_path / "cum2.json", operator="tester")
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.current_mode == "setup"
        assert app.title == "cum2.json"  # the store's name until the conference has a title
        guide = app.screen.query_one("#setup-guide", Static)
        assert guide.display and "new --next-year-of" in screen_text(guide)
        assert "chưa có đơn vị thành viên — Ctrl+N" in screen_text(app.screen.query_one("#setup-gaps"))

        # a unit: the short name is checked as it is typed
        await press(pilot, "ctrl+n")
        await settle(pilot)
        await fill(pilot, "Ban Tổ chức Tỉnh ủy Bắc Giang")
        await press(pilot, "tab")
        await press(pilot, "enter")
        await settle(pilot)
        form = app.screen
        assert "là bắt buộc" in screen_text(form.query_one("#short_name-error"))
        assert form.query_one("#short_name", Input).has_focus
        await press(pilot, *"Bắc Giang", "enter")
        await settle(pilot)
        for full, short in (("Ban Tổ chức Tỉnh ủy Lạng Sơn", "Lạng Sơn"), ("Ban Tổ chức Tỉnh ủy Bắc Ninh", "Bắc Ninh")):
            await press(pilot, "ctrl+n")
            await settle(pilot)
            app.screen.query_one("#full_name", Input).value = full
            app.screen.query_one("#short_name", Input).value = short
            await press(pilot, "enter")
            await settle(pilot)
        assert [u.short_name for u in service.conference.units()] == ["Bắc Giang", "Lạng Sơn", "Bắc Ninh"]
        table = app.screen.query_one("#setup-units", DataTable)
        assert [r[2] for r in table_rows(table)] == ["Bắc Giang", "Lạng Sơn", "Bắc Ninh"]

        # reorder: Bắc Ninh up one place
        table.move_cursor(row=2)
        await press(pilot, "f7")
        await settle(pilot)
        assert [u.code for u in service.conference.units()] == ["BG", "BN", "LS"]
        assert [r[1] for r in table_rows(table)] == ["BG", "BN", "LS"]

        # the conference: a wrong date is said under the field, then corrected
        await press(pilot, "ctrl+e")
        await settle(pilot)
        form = app.screen
        await fill(pilot, "Hội nghị tổng kết Cụm thi đua số 2 năm 2025")
        form.query_one("#year", Input).value = "2025"
        form.query_one("#date", Input).value = "31/02/2025"
        await pilot.pause()
        assert "ngày" in screen_text(form.query_one("#date-error")).lower()
        form.query_one("#date", Input).value = "05/12/2025"
        form.query_one("#host_unit").value = "BG"
        await pilot.pause()
        form.query_one("#title", Input).focus()
        await press(pilot, "enter")
        await settle(pilot)
        conference = service.conference.get()
        assert (conference.date, conference.host_unit) == ("2025-12-05", "BG")
        assert app.title == "Hội nghị tổng kết Cụm thi đua số 2 năm 2025" and app.sub_title == "05/12/2025"

        # the cluster head: the highlighted unit
        table.move_cursor(row=0)
        await press(pilot, "f9")
        await settle(pilot)
        assert service.conference.get().head_unit == "BG"
        assert "đăng cai, cụm trưởng" in table_rows(table)[0][5]
        assert not app.screen.query_one("#setup-guide").display
        gaps = screen_text(app.screen.query_one("#setup-gaps"))
        assert "chưa có chương trình hội nghị — F2" in gaps and "chưa có đơn vị" not in gaps
        assert service.check() == []
    service.close()


async def test_a_unit_in_use_is_refused_saying_by_what_and_a_free_one_removed(service):
    app = make_app(service, panel="setup")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.current_mode == "setup"
        table = app.screen.query_one("#setup-units", DataTable)
        table.move_cursor(row=1)  # Phú Thọ
        await press(pilot, "ctrl+r")
        await settle(pilot)
        text, error = app.status
        assert error and "Không xóa được Phú Thọ" in text and "4 đại biểu" in text and "bảng điểm" in text
        assert "PT" in service.conference.unit_codes()

        await press(pilot, "ctrl+n")
        await settle(pilot)
        app.screen.query_one("#full_name", Input).value = "Ban Tổ chức Tỉnh ủy Bắc Ninh"
        app.screen.query_one("#short_name", Input).value = "Bắc Ninh"
        await press(pilot, "enter")
        await settle(pilot)
        assert table_rows(table)[14][1:3] == ["BN", "Bắc Ninh"]
        assert table.cursor_row == 14  # the new unit is highlighted
        await press(pilot, "ctrl+r")
        await settle(pilot)
        await press(pilot, "c")  # Có
        await settle(pilot)
        assert "BN" not in service.conference.unit_codes()
        assert table.row_count == 14


async def test_the_workbook_import_previews_then_fills_an_empty_store(service, tmp_path):
    workbook = tmp_path / "cum.xlsx"
    workbook.write_bytes(export_conference(service, "xlsx", "vi"))
    empty = Service.create(tmp_path / "new.json", operator="tester")
    app = make_app(empty)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+g")
        await settle(pilot)
        app.screen.query_one("#workbook-path", Input).value = str(workbook)
        await press(pilot, "enter")
        await settle(pilot)
        report = screen_text(app.screen.query_one("#workbook-report"))
        assert "14 đơn vị, 62 đại biểu" in report and "Không có lỗi" in report
        assert empty.conference.units() == ()  # nothing saved before Ctrl+Y
        await press(pilot, "ctrl+y")
        await settle(pilot)
        assert app.current_mode == "setup" and len(empty.conference.units()) == 14
        assert app.title == "Hội nghị tổng kết công tác thi đua năm 2024"
        assert len(empty.delegates.all()) == 62

        # a store that holds a conference is not merged into: the preview says so, Ctrl+Y does nothing
        await press(pilot, "ctrl+g")
        await settle(pilot)
        app.screen.query_one("#workbook-path", Input).value = str(workbook)
        await press(pilot, "enter")
        await settle(pilot)
        report = screen_text(app.screen.query_one("#workbook-report"))
        assert "đã có đơn vị, hội nghị, đại biểu" in report
        before = empty.last_seq()
        await press(pilot, "ctrl+y")
        await settle(pilot)
        assert empty.last_seq() == before
    empty.close()


async def test_a_hidden_setup_panel_catches_up_when_shown_again(service):
    app = make_app(service, panel="setup")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        setup = app.screen
        await press(pilot, "f3")
        await settle(pilot)
        await fill(pilot, "vu duc bao")
        await press(pilot, "ctrl+r")
        await settle(pilot)
        await press(pilot, "c")  # remove Vũ Đức Bảo (Hà Nội) at the desk
        await settle(pilot)
        assert setup._stale
        await press(pilot, "f10")
        await settle(pilot)
        assert app.screen is setup and not setup._stale
        assert table_rows(setup.query_one("#setup-units", DataTable))[0][4] == "6"
