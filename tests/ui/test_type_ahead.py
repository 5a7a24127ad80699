"""Every key typed is handled, in order, and a scanned check-in code checks
its delegate in at once (point 2): bursts typed with no pause, as by a fast typist or a USB
scanner (a code and Enter in a few milliseconds), lose nobody and merge no lines."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, Static

from store.models import checkin_code

from ..conftest import make_app, screen_text, settle
from .test_door import add_namesakes


def message(app) -> str:
    return screen_text(app.screen.query_one("#desk-message", Static))


def arrivals(service) -> list[str]:
    """Who was checked in, in the order the audit log has them."""
    names = {d.code: d.full_name for d in service.delegates.all()}
    return [names[e.target] for e in service.audit.entries() if e.action == "checkin"]


def code_of(service, name: str) -> str:
    return next(d.code for d in service.delegates.all() if d.full_name == name)


def scan_of(service, name: str) -> str:
    return service.delegates.scan_code(code_of(service, name))


def keys(text: str) -> list[str]:
    """`text` as Pilot key names (a space is "space"; "\\n" is Enter)."""
    return ["enter" if c == "\n" else ("space" if c == " " else c) for c in text]


def post_keys(app, text: str) -> None:
    """Put every key in the app's queue at once, awaiting nothing between them (a scanner)."""
    for c in text:
        if c == "\n":
            app.post_message(events.Key("enter", "\r"))
        else:
            app.post_message(events.Key("space" if c == " " else c, c))


async def test_a_burst_of_names_and_a_code_checks_everyone_in_in_order(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        code = code_of(service, "Lê Thanh Thảo").lower()  # a delegate's own code, typed by hand
        await pilot.press(*keys(f"nguyen van phong\nvu duc bao\n{code}\n"))
        await settle(pilot)
        assert arrivals(service) == ["Nguyễn Văn Phong", "Vũ Đức Bảo", "Lê Thanh Thảo"]
        assert app.screen.query_one("#search", Input).value == ""


async def test_keys_posted_straight_into_the_queue_are_handled_in_order(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        scan = scan_of(service, "Lê Thanh Thảo")
        post_keys(app, f"nguyen van phong\nvu duc bao\n{scan}\n")
        await settle(pilot)
        assert arrivals(service) == ["Nguyễn Văn Phong", "Vũ Đức Bảo", "Lê Thanh Thảo"]
        assert app.screen.query_one("#search", Input).value == ""


async def test_a_move_typed_ahead_acts_on_the_results_of_the_letters_before_it(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys("nguyen"))
        await settle(pilot)
        second = app.screen.query_one("#delegates").codes[1]
        await pilot.press("escape")
        await settle(pilot)
        post_keys(app, "nguyen")
        app.post_message(events.Key("down", None))
        post_keys(app, "\n")
        await settle(pilot)
        assert arrivals(service) == [service.delegates.get(second).full_name]


async def test_a_scan_checks_in_at_once_and_a_second_scan_says_when(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        scan = scan_of(service, "Vũ Đức Bảo")
        post_keys(app, scan + "\n")
        await settle(pilot)
        assert arrivals(service) == ["Vũ Đức Bảo"]
        assert "Vũ Đức Bảo đã đến lúc" in message(app)
        post_keys(app, scan + "\n")
        await settle(pilot)
        assert arrivals(service) == ["Vũ Đức Bảo"]
        assert "ĐÃ ĐẾN lúc" in message(app)


async def test_a_misread_or_foreign_code_is_refused_in_one_line_and_records_nothing(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        scan = scan_of(service, "Vũ Đức Bảo")
        wrong = "0" if scan[-1] != "0" else "1"
        audit = len(service.audit.entries())
        post_keys(app, scan[:-1] + wrong + "\n")
        await settle(pilot)
        assert "đọc sai" in message(app) and "\n" not in message(app)
        other = checkin_code.scan_code("ZZ9ZZ", code_of(service, "Vũ Đức Bảo"))
        post_keys(app, other + "\n")
        await settle(pilot)
        assert "hội nghị khác" in message(app)
        assert len(service.audit.entries()) == audit


async def test_a_namesake_question_in_a_burst_loses_no_later_line(service):
    a, b, _ = add_namesakes(service)
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = app.screen.query_one("#delegates")
        post_keys(app, "nguyen van an\nvu duc bao\nnguyen van phong\n")
        await settle(pilot)
        assert arrivals(service) == ["Vũ Đức Bảo", "Nguyễn Văn Phong"]
        assert sorted(listing.codes) == sorted([a, b])  # the question waits, asked after them
        assert "trùng tên" in message(app)
        chosen = listing.codes[1]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert arrivals(service)[-1] == service.delegates.get(chosen).full_name


async def test_a_form_filled_by_a_burst_puts_each_key_in_its_field(service):
    from tui.screens.desk.delegate_form import DelegateForm

    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n", *keys("Trần"), "tab", *keys("Thị"), "tab", *keys("Út"),
                          "tab", *keys("Phóng viên"), "tab", *keys("Báo Nhân Dân"))
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DelegateForm)
        values = {name: form.query_one(f"#{name}", Input).value
                  for name in ("family", "middle", "given", "position", "organization")}
        assert values == {"family": "Trần", "middle": "Thị", "given": "Út", "position": "Phóng viên",
                          "organization": "Báo Nhân Dân"}


async def test_a_form_filled_by_keys_posted_at_once_puts_each_key_in_its_field(service):
    from tui.screens.desk.delegate_form import DelegateForm

    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        app.post_message(events.Key("ctrl+n", None))
        for part in ("Trần", "Thị", "Út"):
            post_keys(app, part)
            app.post_message(events.Key("tab", "\t"))
        await settle(pilot)
        form = app.screen
        assert isinstance(form, DelegateForm)
        assert [form.query_one(f"#{n}", Input).value for n in ("family", "middle", "given")] == ["Trần", "Thị", "Út"]


# ---- who has not arrived yet --------------------------------------------

async def test_one_key_shows_who_has_not_arrived_with_the_count_per_unit(service):
    from tui.widgets.attendance import AttendanceBar

    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        everyone = len(service.delegates.all())
        await pilot.press(*keys("nguyen van phong\n"), "ctrl+y")
        await settle(pilot)
        listing = app.screen.query_one("#delegates")
        phong = code_of(service, "Nguyễn Văn Phong")
        assert len(listing.codes) == everyone - 1 and phong not in listing.codes
        assert "chưa đến" in screen_text(app.screen.query_one("#desk-mode"))
        bar = screen_text(app.screen.query_one(AttendanceBar))
        assert f"Chưa đến: {everyone - 1}/{everyone}" in bar and "Hà Nội" in bar
        await pilot.press(*keys("vu duc bao\n"))  # checked in from the view: gone from it
        await settle(pilot)
        assert arrivals(service) == ["Nguyễn Văn Phong", "Vũ Đức Bảo"]
        assert len(listing.codes) == everyone - 2
        await pilot.press(*keys("bui duc"))  # a search within the view
        await settle(pilot)
        assert [service.delegates.get(c).full_name for c in listing.codes] == ["Bùi Đức Hòa"]
        await pilot.press("escape", "ctrl+y")  # everyone again
        await settle(pilot)
        assert len(listing.codes) == everyone


async def test_the_delegate_form_shows_the_codes_read_only(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*keys("vu duc bao"), "ctrl+t")
        await settle(pilot)
        shown = screen_text(app.screen.query_one("#codes"))
        code = code_of(service, "Vũ Đức Bảo")
        assert code in shown and service.delegates.scan_code(code) in shown
        assert not app.screen.query_one("#codes").can_focus


# ---- namesakes told apart at 80x24 -----------------------------------------

async def test_namesakes_positions_and_units_are_read_whole_at_80x24(service):
    a = service.delegates.add(family="Nguyễn", middle="Văn", given="An", unit_code="HN",
                              position="Chuyên viên Ban Tổ chức Thành ủy Hà Nội")
    b = service.delegates.add(family="Nguyễn", middle="Văn", given="Ân", unit_code="PT",
                              position="Phó Trưởng Ban Tổ chức Tỉnh ủy Phú Thọ")
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys("nguyen van an\n"))
        await settle(pilot)
        listing = app.screen.query_one("#delegates")
        assert sorted(listing.codes) == sorted([a.code, b.code])
        shown = "\n".join(listing.render_line(y).text for y in range(2))
        for d in (a, b):
            assert d.position in shown
        assert "Hà Nội" in shown and "Phú Thọ" in shown
        header = screen_text(app.screen.query_one("#delegates-header"))
        assert header.index("Chức vụ") < 20  # the header follows the columns
        await pilot.press(*keys("vu duc"))  # a new search: the usual columns again
        await settle(pilot)
        assert screen_text(app.screen.query_one("#delegates-header")).index("Chức vụ") > 25


def test_namesake_questions_wait_in_turn_and_forget_a_removed_delegate():
    from tui.screens.desk.desk_state import NamesakeQuestions

    questions = NamesakeQuestions()
    questions.ask("nguyen van an", ["A", "B"], "A")
    questions.ask("le thi ut", ["C", "D", "E"], "C")
    assert questions.current.line == "nguyen van an" and not questions.current.answered
    questions.moved("B")
    assert questions.current.answered and questions.current.highlighted == "B"
    questions.forget("B")  # removed: one left, no question any more
    assert questions.current.line == "le thi ut"
    questions.forget("C")  # the highlighted one removed: the question is not answered by it
    assert questions.current.codes == ["D", "E"] and questions.current.highlighted == "D"
    assert questions.done().line == "le thi ut" and questions.current is None
