"""The path back to the screen: key -> worker -> durable write -> StoreChanged -> rows updated in
place; failures end visibly. Each of the first tests failed before the House v2 UI work."""

from __future__ import annotations

import dataclasses
import threading

from textual.widgets import DataTable, Input, Static

from store.models import roster
from tui import workers

from ..conftest import desk_rows, make_app, screen_text, settle, wait_for
from .pilot import fill, press


def write_record(service, table: str, doc: dict, target: str) -> None:
    """A change made the way the store's domains make theirs (one unit of work), for tables the
    store has no public write for yet (agenda, scores, signatures)."""
    session = service._session
    with session.lock, session.open_records().work(operator="test") as work:
        work.put(table, doc)
        work.audit("test.edit", target, None, doc)


def message(app) -> str:
    return screen_text(app.screen.query_one("#desk-message", Static))


# ---- (a) Enter then Escape on the edit form ------------------------------------------------

async def test_enter_then_escape_on_the_edit_form_shows_the_saved_value_on_the_desk(service):
    """Before: the form was dismissed by Escape, the write's on_done went to the closed form, and
    the desk row kept the old position although the status said "đã lưu"."""
    release = threading.Event()
    update = service.delegates.update

    def slow_update(*args, **kwargs):
        release.wait(10)  # the write returns only after Escape has closed the form
        return update(*args, **kwargs)

    service.delegates.update = slow_update
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"vu duc bao")
        bao = app.screen.highlighted()
        assert bao.full_name == "Vũ Đức Bảo"
        await pilot.press("ctrl+t")
        await pilot.pause()
        position = app.screen.query_one("#position", Input)
        position.value = "Chánh Văn phòng"
        position.focus()
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "DeskScreen"  # the form closed before the write returned
        release.set()
        await settle(pilot)
        assert service.delegates.get(bao.code).position == "Chánh Văn phòng"
        assert "đã lưu 08:30:00" in app.status[0] and not app.status[1]
        row = next(r for r in desk_rows(app) if r[0] == "Vũ Đức Bảo")
        assert row[1] == "Chánh Văn phòng"


# ---- (b) an unexpected exception in a store call -----------------------------------------

async def test_an_unexpected_exception_ends_in_a_visible_not_saved(service):
    """Before: only StoreError/OSError were caught; a RuntimeError killed the worker silently
    and "Đang lưu: …" stayed on screen forever."""

    def broken(*args, **kwargs):
        raise RuntimeError("lỗi lập trình\nở dòng 2")

    service.delegates.check_in = broken
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await fill(pilot, "nvp")
        await press(pilot, "enter")
        await settle(pilot)
        shown = message(app)
        assert "Đang lưu" not in shown
        assert "CHƯA LƯU" in shown and "lỗi không lường trước: lỗi lập trình ở dòng 2" in shown
        assert "RuntimeError" not in shown  # no Python class name on the screen
        assert app.status[1] and app.status[0].startswith("CHƯA LƯU")
        assert app.screen.query_one("#status").has_class("-error")
        assert app.is_running and app.return_code is None  # no crash, no traceback screen
        await fill(pilot, "vu duc bao")  # the desk goes on working
        assert desk_rows(app)[0][0] == "Vũ Đức Bảo"


async def test_refused_input_is_said_where_the_user_is_and_is_not_a_not_saved(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        app.desk = "x" * 100  # the store refuses a desk name this long
        await fill(pilot, "nvp")
        await press(pilot, "enter")
        await settle(pilot)
        assert "Bàn đón tiếp: quá dài" in message(app)
        assert "CHƯA LƯU" not in message(app) and not app.status[1]
        assert all(d.checked_in_at is None for d in service.delegates.all())


async def test_the_english_interface_says_not_saved_in_english(service):
    def broken(*args, **kwargs):
        raise KeyError("x")

    service.delegates.check_in = broken
    app = make_app(service, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await fill(pilot, "nvp")
        await press(pilot, "enter")
        await settle(pilot)
        assert "NOT SAVED" in message(app) and app.status[0].startswith("NOT SAVED")


async def test_an_answer_for_a_closed_dialog_is_dropped(service):
    """The form is closed before its save returns: its answer is dropped, nothing is called on it."""
    release = threading.Event()
    add = service.delegates.add

    def slow_add(**values):
        release.wait(10)
        return add(**values)

    service.delegates.add = slow_add
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"tran thi ut", "ctrl+n")
        await pilot.pause()
        app.screen.query_one("#organization", Input).value = "Báo Nhân Dân"
        app.screen.query_one("#family", Input).focus()
        await pilot.press("enter", "escape")
        await pilot.pause()
        release.set()
        await settle(pilot)
        assert any(d.full_name == "tran thi ut" for d in service.delegates.all())
        assert type(app.screen).__name__ == "DeskScreen"
        await pilot.press("escape", *"tran thi ut")
        assert desk_rows(app)[0][0] == "tran thi ut"  # the desk heard of it all the same  # the desk heard of it all the same


# ---- (c) every panel refreshes in place from StoreChanged --------------------------------

async def test_the_desk_updates_a_row_changed_elsewhere_in_place_cursor_kept(service):
    """Before: the desk updated rows only from its own callbacks; a change from anywhere else
    (another screen, the palette) never reached it."""
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        listing = app.screen.query_one("#delegates")
        await press(pilot, "down", "down", "down")
        codes, cursor = listing.codes, listing.cursor
        target = codes[7]
        workers.run(app, "elsewhere", service.delegates.check_in, target, desk="Cửa B")
        await settle(pilot)
        assert listing.codes is codes and listing.cursor == cursor  # no reload, no re-sort
        time = service.delegates.get(target).checked_in_at[11:19]
        assert desk_rows(app)[7][3] == time
        assert "1/62" in screen_text(app.screen.query_one("#attendance"))


async def test_a_panel_not_showing_hears_of_changes_too(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await fill(pilot, "vu duc bao")
        await press(pilot, "f2")
        await pilot.pause()
        bao = next(d for d in service.delegates.all() if d.full_name == "Vũ Đức Bảo")
        workers.run(app, "elsewhere", service.delegates.update, bao.code, position="Chánh Văn phòng")
        workers.run(app, "elsewhere", service.delegates.remove,
                    next(d.code for d in service.delegates.all() if d.full_name == "Nguyễn Văn Phong"))
        await settle(pilot)
        await press(pilot, "f3")
        await pilot.pause()
        assert app.screen.query_one("#search", Input).value == "vu duc bao"  # typed text kept
        assert desk_rows(app)[0][:2] == ["Vũ Đức Bảo", "Chánh Văn phòng"]
        await press(pilot, "escape", *"nguyen van phong")
        assert all(r[0] != "Nguyễn Văn Phong" for r in desk_rows(app))


async def test_a_renamed_delegate_moves_to_its_place_in_the_order(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "f6", "f6")  # by name
        await pilot.pause()
        listing = app.screen.query_one("#delegates")
        first = listing.codes[0]
        workers.run(app, "elsewhere", service.delegates.update, first, given="Yyy", middle="Yyy", family="Yyy")
        await settle(pilot)
        expected = roster.codes_of(roster.sort_delegates(service.delegates.all(), "name", service.conference.units()))
        assert listing.codes == expected and expected[-1] == first
        assert listing.highlighted == first  # the cursor followed it


async def test_the_agenda_updates_the_changed_row_in_place(service):
    app = make_app(service, panel="agenda")
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#agenda", DataTable)
        await press(pilot, "down", "down")
        item = service.agenda.items()[0]
        changed = dataclasses.replace(item, title="Chào cờ (đã sửa)", status=item.status.__class__("running"),
                                      actual_start="2024-11-30T08:01:00")
        workers.run(app, "elsewhere", write_record, service, "agenda", changed.to_doc(), item.code)
        await settle(pilot)
        assert app.screen.query_one("#agenda", DataTable) is table and table.cursor_row == 2
        row = [str(c) for c in table.get_row(item.code)]
        assert row[3] == "Chào cờ (đã sửa)" and row[5] == "Đang diễn ra" and row[6] == "08:01:00"
        assert table.row_count == 14


async def test_the_ranking_and_the_covenant_update_in_place(service):
    from store.models import Signature

    app = make_app(service, panel="covenant")
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "f4")
        await pilot.pause()
        ranking = app.screen.query_one("#ranking", DataTable)
        last = [row.key.value for row in ranking.ordered_rows][-1]
        score = next(s for s in service.scoring.scores() if s.unit_code == last)
        template = next(b for s in service.scoring.scores() for b in s.bonuses)
        raised = dataclasses.replace(score, bonuses=(*score.bonuses, dataclasses.replace(
            template, points=500, reason="test")))
        workers.run(app, "elsewhere", write_record, service, "scores", raised.to_doc(), last)
        await settle(pilot)
        assert app.screen.query_one("#ranking", DataTable) is ranking
        assert [row.key.value for row in ranking.ordered_rows][0] == last
        assert str(ranking.get_row(last)[0]) == "1"
        await press(pilot, "f5")
        await pilot.pause()
        signature = Signature(unit_code="PT", signer="Nguyễn Văn A", position="Trưởng ban",
                              signed_at="2024-11-30T10:15:00")
        workers.run(app, "elsewhere", write_record, service, "signatures", signature.to_doc(), "PT")
        await settle(pilot)
        table = app.screen.query_one("#signatures", DataTable)
        assert [str(c) for c in table.get_row("PT")][2:] == ["Nguyễn Văn A", "Trưởng ban", "", "10:15"]  # HH:MM
        assert "1/14" in screen_text(app.screen.query_one("#signed-count"))


async def test_saved_is_said_only_after_a_write_that_returned(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.status == ("hoinghi.json", False)
        workers.run(app, "read", service.delegates.all)  # a read: nothing written, nothing "saved"
        await settle(pilot)
        assert app.status == ("hoinghi.json", False)
        await fill(pilot, "nvp")
        await press(pilot, "enter")
        await wait_for(pilot, lambda: "đã lưu" in app.status[0])
        assert app.status == ("hoinghi.json · đã lưu 08:30:00", False)


async def test_a_file_changed_by_another_program_is_not_saved_and_reload_is_offered(service, monkeypatch):
    from store.errors import StoreChangedOnDiskError

    def changed(*args, **kwargs):
        raise StoreChangedOnDiskError(code="changed_on_disk", path="hoinghi.json")

    reloaded = []
    monkeypatch.setattr(service.delegates, "check_in", changed)
    real = service.reload
    monkeypatch.setattr(service, "reload", lambda: (reloaded.append(True), real())[1])
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        desk = app.screen
        await fill(pilot, "nvp")
        await press(pilot, "enter")
        await settle(pilot)
        assert app.status[1] and "đã bị chương trình khác thay đổi" in app.status[0]
        assert "CHƯA LƯU" in screen_text(desk.query_one("#desk-message", Static))
        assert type(app.screen).__name__ == "ConfirmDialog"
        await press(pilot, "c")  # Có
        await settle(pilot)
        assert reloaded and app.status == ("hoinghi.json · đã đọc lại", False)
        assert type(app.screen).__name__ == "DeskScreen" and len(desk_rows(app)) == 62
