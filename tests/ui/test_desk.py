"""The check-in desk as a person uses it: keys in, store and screen checked."""

from __future__ import annotations

from textual.widgets import Input, Static

from store.core import journal_file
from wording.text import name_key

from ..conftest import desk_rows, make_app, screen_text, settle
from .pilot import fill, press


def desk(app):
    return app.screen


async def test_type_enter_checks_in_warns_on_second_and_ctrl_z_undoes(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        search = app.screen.query_one("#search", Input)
        assert search.has_focus
        await press(pilot, *"nvp")
        assert desk_rows(app)[0][0] == "Nguyễn Văn Phong"
        await press(pilot, "enter")
        await settle(pilot)
        phong = next(d for d in service.delegates.all() if d.full_name == "Nguyễn Văn Phong")
        assert phong.checked_in_at is not None
        assert search.value == ""
        message = screen_text(app.screen.query_one("#desk-message", Static))
        assert "Nguyễn Văn Phong" in message and phong.checked_in_at[11:19] in message
        audit_size = len(service.audit.entries())
        app.status = ("marker", False)

        await press(pilot, *"phong nguyen", "enter")
        await settle(pilot)
        assert app.status == ("marker", False)  # nothing written, so no new "saved"
        message = screen_text(app.screen.query_one("#desk-message", Static))
        assert "ĐÃ ĐẾN" in message and phong.checked_in_at[11:19] in message
        assert len(service.audit.entries()) == audit_size

        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert service.delegates.get(phong.code).checked_in_at is None
        assert service.audit.entries()[-1].action == "checkin.undo"
        assert "saved" in app.status[0] or "đã lưu" in app.status[0]


async def test_check_in_updates_one_row_and_attendance(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, *"vu duc bao", "enter")
        await settle(pilot)
        await press(pilot, *"vu duc bao")
        row = desk_rows(app)[0]
        assert row[0] == "Vũ Đức Bảo" and row[3] != ""
        attendance = screen_text(app.screen.query_one("#attendance"))
        assert "1/62" in attendance and "Hà Nội 1/7" in attendance


async def test_no_match_offers_to_add(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, *"zzqx", "enter")
        message = screen_text(app.screen.query_one("#desk-message", Static))
        assert "zzqx" in message and "Ctrl+N" in message


async def test_orders_and_unit_filter(service):
    added = {}
    for full in ("Bùi Đình Thi", "Phạm Thị Ân", "Hoàng Văn An", "Đỗ Văn Bình", "Trần Thị Ánh",
                 "Nguyễn Văn An", "Lê Đức Anh"):
        family, middle, given = full.split()
        added[service.delegates.add(family=family, middle=middle, given=given, unit_code="TN").code] = full
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "f6")  # by unit
        order = {u.short_name: u.order for u in service.conference.units()}
        shown = [order.get(r[2], 0) for r in desk_rows(app)]
        assert shown == sorted(shown) and shown[0] == 0 and shown[-1] > 1  # guests, then cluster order
        await press(pilot, "f6")  # alphabetical
        names = [r[0] for r in desk_rows(app)]
        expected = sorted(service.delegates.all(), key=lambda d: name_key(d.family, d.middle, d.given, d.birth))
        assert names == [d.full_name for d in expected]
        wanted = ["Hoàng Văn An", "Nguyễn Văn An", "Lê Đức Anh", "Trần Thị Ánh", "Phạm Thị Ân",
                  "Đỗ Văn Bình", "Bùi Đình Thi"]
        keys = app.screen.query_one("#delegates").codes
        assert [added[k] for k in keys if k in added] == wanted
        await press(pilot, "f7")
        await pilot.pause()
        await press(pilot, "down", "down", "down", "enter")  # all, guests, Hà Nội, Phú Thọ
        await pilot.pause()
        units = {r[2] for r in desk_rows(app)}
        assert units == {"Phú Thọ"}
        assert "Phú Thọ" in screen_text(app.screen.query_one("#desk-mode"))


async def test_form_validates_each_field_and_saves_only_when_valid(service, sample_copy):
    app = make_app(service)
    async with app.run_test(size=(120, 50)) as pilot:
        await press(pilot, *"tran thi ut")
        before = sample_copy.read_bytes()
        await press(pilot, "ctrl+n")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#given", Input).value == "ut"
        form.query_one("#birth", Input).focus()
        await press(pilot, *"30/02/1980")
        await pilot.pause()
        assert "dd/mm/yyyy" in screen_text(form.query_one("#birth-error"))
        await press(pilot, "enter")
        await settle(pilot)
        assert sample_copy.read_bytes() == before  # nothing saved
        form.query_one("#birth", Input).value = "1980-02-28"
        form.query_one("#organization", Input).value = "Báo Nhân Dân"
        await pilot.pause()
        assert screen_text(form.query_one("#birth-error")) == ""
        await press(pilot, "enter")
        await settle(pilot)
        added = [d for d in service.delegates.all() if d.given == "ut"]
        assert added and added[0].birth == "1980-02-28" and added[0].organization == "Báo Nhân Dân"


async def test_edit_and_remove_with_confirmation(service):
    app = make_app(service)
    async with app.run_test(size=(120, 50)) as pilot:
        await fill(pilot, "vu duc bao")
        await press(pilot, "ctrl+t")
        await pilot.pause()
        app.screen.query_one("#phone", Input).value = "0912 000 111"
        await press(pilot, "enter")
        await settle(pilot)
        bao = next(d for d in service.delegates.all() if d.full_name == "Vũ Đức Bảo")
        assert bao.phone == "0912 000 111"
        await press(pilot, "ctrl+r")
        await pilot.pause()
        await press(pilot, "k")  # Không: declined, nothing removed
        await settle(pilot)
        assert service.delegates.get(bao.code)
        await press(pilot, "ctrl+r")
        await pilot.pause()
        await press(pilot, "c")  # Có
        await settle(pilot)
        assert bao.code not in {d.code for d in service.delegates.all()}


async def test_failed_write_turns_status_red_and_shows_nothing_as_done(service, monkeypatch):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        def refuse(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(journal_file, "_write", refuse)  # the journal's append fails
        await fill(pilot, "nvp")
        await press(pilot, "enter")
        await settle(pilot)
        monkeypatch.undo()
        status = app.screen.query_one("#status")
        assert status.has_class("-error") and "ổ đĩa đã đầy" in app.status[0]
        assert all(d.checked_in_at is None for d in service.delegates.all())
        assert "✓" not in screen_text(app.screen.query_one("#desk-message", Static))


async def test_english_interface(service):
    app = make_app(service, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await fill(pilot, "nvp")
        await press(pilot, "enter")
        await settle(pilot)
        assert "checked in at" in screen_text(app.screen.query_one("#desk-message", Static))
        keys = screen_text(app.screen.query_one("KeyBar"))
        assert keys.lstrip().startswith("F1 Help") and "^Z Undo" in keys and "F2 F3 F4 F5 F10 Panels" in keys


async def test_keymap_from_settings_remaps_keys(service, tmp_path, monkeypatch):
    settings = tmp_path / "settings.json"
    settings.write_text('{"keymap": {"desk.undo": "ctrl+y"}, "desk": "Cửa A"}', encoding="utf-8")
    monkeypatch.setenv("HOINGHI_CONFIG", str(settings))
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys = screen_text(app.screen.query_one("KeyBar"))
        assert "^Y Hoàn tác" in keys and "^Z" not in keys
        await fill(pilot, "nvp")
        await press(pilot, "enter")
        await settle(pilot)
        phong = next(d for d in service.delegates.all() if d.checked_in_at)
        assert phong.checkin_desk == "Cửa A"
        await press(pilot, "ctrl+y")
        await settle(pilot)
        assert service.delegates.get(phong.code).checked_in_at is None


async def test_cursor_scrolls_through_a_long_list_and_enter_takes_the_highlighted(service):
    app = make_app(service)
    async with app.run_test(size=(120, 30)) as pilot:
        listing = app.screen.query_one("#delegates")
        for _ in range(40):
            await press(pilot, "down")
        await pilot.pause()
        assert listing.cursor == 40 and listing.scroll_y > 0
        await press(pilot, "enter")  # nothing typed: the highlight is nobody's choice, nothing recorded
        await settle(pilot)
        assert all(d.checked_in_at is None for d in service.delegates.all())
        await press(pilot, "a")  # typed: Enter takes the highlighted result, however far down
        for _ in range(30):
            await press(pilot, "down")
        await pilot.pause()
        assert listing.cursor == 30 and listing.scroll_y > 0
        target = listing.codes[30]
        await press(pilot, "enter")
        await settle(pilot)
        if "trùng tên" in screen_text(app.screen.query_one("#desk-message", Static)):
            away = "up" if listing.cursor == len(listing.codes) - 1 else "down"
            back = "down" if away == "up" else "up"
            await press(pilot, away, back, "enter")  # a namesake: chosen by moving to it
            await settle(pilot)
        assert service.delegates.get(target).checked_in_at is not None
        await press(pilot, "pageup", "pageup", "pageup", "pageup", "pageup")
        assert listing.cursor == 0 and listing.scroll_y == 0


async def test_large_roster_shows_a_first_screen_then_the_whole_order(tmp_path):
    from bench.synth import make_store
    from store.models import roster
    from store.service import Service
    from tui.screens.desk.desk_state import FIRST_SCREEN_ROWS

    service = Service.open(make_store(tmp_path / "big.json", 1000, seed=3), operator="test")
    try:
        everyone = roster.codes_of(roster.sort_delegates(service.delegates.all(), "protocol", service.conference.units()))
        app = make_app(service)
        async with app.run_test(size=(120, 40)) as pilot:
            listing = app.screen.query_one("#delegates")
            assert listing.codes[:FIRST_SCREEN_ROWS] == everyone[:FIRST_SCREEN_ROWS]
            await pilot.pause()
            assert listing.codes == everyone
            assert "1000" in screen_text(app.screen.query_one("#desk-mode"))
            await press(pilot, "down", "down", "pagedown")
            assert listing.highlighted == everyone[12]
            for _ in range(25):
                await press(pilot, "pagedown")
            assert listing.highlighted == everyone[262]  # past the first screenful
            await press(pilot, "enter")  # nothing typed: nothing recorded
            await settle(pilot)
            assert service.delegates.get(everyone[262]).checked_in_at is None
    finally:
        service.close()


async def test_ctrl_z_only_undoes_a_recent_check_in(service):
    from tui.screens.desk.desk_state import UNDO_WINDOW_S

    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = desk(app)
        now = [1000.0]
        screen.clock = lambda: now[0]
        await fill(pilot, "vu duc bao")
        await press(pilot, "enter")
        await settle(pilot)
        bao = next(d for d in service.delegates.all() if d.full_name == "Vũ Đức Bảo")
        audit_size = len(service.audit.entries())
        now[0] += UNDO_WINDOW_S + 1
        await press(pilot, "ctrl+z")
        await settle(pilot)
        message = screen_text(screen.query_one("#desk-message", Static))
        assert "Vũ Đức Bảo" in message and "F9" in message and "5 phút" in message
        assert service.delegates.get(bao.code).checked_in_at == bao.checked_in_at
        assert len(service.audit.entries()) == audit_size
        assert screen.check_action("undo", ()) is None  # the expired entry is gone, not offered again
        await pilot.pause()
        keys = app.screen.query_one("KeyBar").entries()
        assert ("^Z", "Hoàn tác", False) in keys
