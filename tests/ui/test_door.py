"""Nothing false recorded at the door: an Enter never checks in someone
nobody chose, namesakes are told apart before a check-in, forms never lose or hide what is wrong."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Static

from store import validation
from store.models import roster
from wording.numbers import clock_time

from ..conftest import desk_rows, make_app, screen_text, settle
from .pilot import fill, press


def message(app) -> str:
    return screen_text(app.screen.query_one("#desk-message", Static))


def arrived(service) -> list[str]:
    return [d.full_name for d in service.delegates.all() if d.checked_in_at]


# ---- Enter with nothing typed ---------------------------------------------------------------

async def test_enter_with_an_empty_search_box_records_nothing(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        audit = len(service.audit.entries())
        await press(pilot, "enter")  # nothing typed
        await settle(pilot)
        await press(pilot, *"nvp", "escape", "enter")  # typed, cleared, Enter
        await settle(pilot)
        await press(pilot, *"vu duc bao", "enter", "enter")  # a check-in, then a second Enter
        await settle(pilot)
        assert arrived(service) == ["Vũ Đức Bảo"]
        assert len(service.audit.entries()) == audit + 1
        assert "Bùi Đức Hòa" not in message(app)


# ---- namesakes ------------------------------------------------------------------------------

def add_namesakes(service) -> tuple[str, str, str]:
    a = service.delegates.add(family="Nguyễn", middle="Văn", given="An", unit_code="HN", position="Chuyên viên")
    b = service.delegates.add(family="Nguyễn", middle="Văn", given="Ân", unit_code="PT", position="Phó Trưởng ban")
    c = service.delegates.add(family="Nguyễn", middle="Văn", given="Anh", unit_code="TQ", position="Chuyên viên")
    return a.code, b.code, c.code


async def test_namesakes_are_listed_and_only_the_chosen_one_is_checked_in(service):
    a, b, c = add_namesakes(service)
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = app.screen.query_one("#delegates")
        await press(pilot, *"nguyen van an", "enter")
        await settle(pilot)
        assert arrived(service) == []  # the first Enter does not choose between namesakes
        assert "2 người trùng tên" in message(app) and "↑/↓" in message(app) and "Enter" in message(app)
        assert sorted(listing.codes) == sorted([a, b])  # only the namesakes, Nguyễn Văn Anh gone
        rows = {r[0]: r for r in desk_rows(app)}
        assert rows["Nguyễn Văn An"][1:3] == ["Chuyên viên", "Hà Nội"]
        assert rows["Nguyễn Văn Ân"][1:3] == ["Phó Trưởng ban", "Phú Thọ"]
        await press(pilot, "enter")  # a second Enter by reflex: nobody is chosen, the question stays
        await settle(pilot)
        assert arrived(service) == [] and "Chưa chọn ai" in message(app)
        assert sorted(listing.codes) == sorted([a, b])
        chosen = listing.codes[1]
        await press(pilot, "down", "enter")
        await settle(pilot)
        assert [d.code for d in service.delegates.all() if d.checked_in_at] == [chosen]
        assert app.screen.query_one("#search", Input).value == ""


async def test_the_first_namesake_is_chosen_by_moving_back_to_it(service):
    a, b, _ = add_namesakes(service)
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = app.screen.query_one("#delegates")
        await press(pilot, *"nguyen van an", "enter")
        await settle(pilot)
        first = listing.codes[0]
        await press(pilot, "down", "up", "enter")
        await settle(pilot)
        assert [d.code for d in service.delegates.all() if d.checked_in_at] == [first]


async def test_a_delegate_without_namesakes_is_checked_in_by_one_enter(service):
    add_namesakes(service)
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, *"nguyen van anh", "enter")
        await settle(pilot)
        assert arrived(service) == ["Nguyễn Văn Anh"]


async def test_a_name_typed_while_a_namesake_question_waits_is_checked_in_and_the_question_comes_back(service):
    a, b, _ = add_namesakes(service)
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = app.screen.query_one("#delegates")
        await press(pilot, *"nguyen van an", "enter")
        await settle(pilot)
        await press(pilot, *"nguyen van anh", "enter")  # a new line: one person, checked in at once
        await settle(pilot)
        assert arrived(service) == ["Nguyễn Văn Anh"]
        assert sorted(listing.codes) == sorted([a, b])  # the question is asked again
        assert "2 người trùng tên" in message(app)
        await press(pilot, "down", "enter")
        await settle(pilot)
        assert len(arrived(service)) == 2


async def test_escape_on_the_empty_box_gives_up_the_namesake_question(service):
    add_namesakes(service)
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, *"nguyen van an", "enter")
        await settle(pilot)
        await press(pilot, "escape", "enter")
        await settle(pilot)
        assert arrived(service) == []
        assert "nguyen van an" in message(app) and "chưa ghi nhận ai" in message(app)
        assert len(app.screen.query_one("#delegates").codes) == len(service.delegates.all())


def test_roster_namesakes_fold_tones_and_case(service):
    a, b, c = add_namesakes(service)
    delegates = {d.code: d for d in service.delegates.all()}
    assert roster.namesakes(a, list(delegates), delegates) == [a, b]
    assert roster.namesakes(c, list(delegates), delegates) == [c]


# ---- unit filter: the message names it, guests are a group ------------------------------------

async def test_not_found_names_the_unit_filter(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "f7")
        await pilot.pause()
        await press(pilot, "down", "down", "enter")  # all, guests, Hà Nội
        await pilot.pause()
        await press(pilot, *"nguyen van phong")  # a guest: not among Hà Nội's commission
        await pilot.pause()
        assert "Hà Nội" in message(app) and "nguyen van phong" in message(app) and "F7" in message(app)


async def test_unit_picker_offers_the_guests_as_a_group(service):
    app = make_app(service, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "f7")
        await pilot.pause()
        await press(pilot, "down", "enter")  # all, guests
        await pilot.pause()
        guests = {d.code for d in service.delegates.all() if d.guest or d.unit_code is None}
        assert set(app.screen.query_one("#delegates").codes) == guests and len(guests) == 5
        assert "Guests" in screen_text(app.screen.query_one("#desk-mode"))


# ---- the search box after a form or the palette -----------------------------------------------

async def test_after_saving_a_form_the_search_box_is_empty_and_focused(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, *"tran thi ut", "ctrl+n")
        await pilot.pause()
        app.screen.query_one("#organization", Input).value = "Báo Nhân Dân"
        await press(pilot, "enter")
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        added = next(d for d in service.delegates.all() if d.given == "ut")
        assert search.value == "" and search.has_focus
        assert app.screen.query_one("#delegates").highlighted == added.code
        await press(pilot, *"nvp")
        assert search.value == "nvp"
        await press(pilot, "ctrl+t")  # edit, save: the box is empty again
        await pilot.pause()
        await press(pilot, "enter")
        await settle(pilot)
        assert search.value == "" and search.has_focus


async def test_after_a_find_in_the_palette_the_search_box_is_empty(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, *"abc")
        phong = next(d for d in service.delegates.all() if d.full_name == "Nguyễn Văn Phong")
        app.show_delegate(phong.code)
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        assert search.value == "" and search.has_focus
        assert app.screen.query_one("#delegates").highlighted == phong.code
        await press(pilot, *"bao")
        assert search.value == "bao"


# ---- forms --------------------------------------------------------------------------------

async def test_escape_on_a_changed_form_asks_before_discarding(service, sample_copy):
    from tui.screens.common.confirm import ConfirmDialog
    from tui.screens.desk.delegate_form import DelegateForm

    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "ctrl+n")
        await pilot.pause()
        await press(pilot, "escape")  # unchanged: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, DelegateForm)
        await press(pilot, "ctrl+n")
        await pilot.pause()
        await press(pilot, *"Lê", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "k")  # Không: back to the form, typing kept
        await pilot.pause()
        assert isinstance(app.screen, DelegateForm) and app.screen.query_one("#family", Input).value == "Lê"
        await press(pilot, "escape")
        await pilot.pause()
        await press(pilot, "c")  # Có: discarded
        await pilot.pause()
        assert not isinstance(app.screen, (DelegateForm, ConfirmDialog))




def inside(widget, screen_size) -> bool:
    region = widget.region
    return (region.height > 0 and region.width > 0 and region.y >= 0
            and region.bottom <= screen_size[1] and region.right <= screen_size[0])


async def _invalid_field_takes_focus(service, size):
    app = make_app(service)
    async with app.run_test(size=size) as pilot:
        await press(pilot, *"tran thi ut", "ctrl+n")
        await pilot.pause()
        form = app.screen
        form.query_one("#organization", Input).value = "Báo Nhân Dân"
        form.query_one("#phone", Input).value = "09x"  # far down the form
        form.query_one("#family", Input).focus()
        await pilot.pause()
        await press(pilot, "enter")
        await settle(pilot)
        await pilot.pause()
        phone, error, said = form.query_one("#phone"), form.query_one("#phone-error"), form.query_one("#form-message")
        assert phone.has_focus
        assert screen_text(error) and inside(error, size) and inside(phone, size)
        assert "Điện thoại" in screen_text(said) or "phone" in screen_text(said).lower()
        assert inside(said, size)
        assert not [d for d in service.delegates.all() if d.given == "ut"]


async def test_an_invalid_field_takes_the_focus_with_its_reason_in_view_80x24(service):
    await _invalid_field_takes_focus(service, (80, 24))


async def test_an_invalid_field_takes_the_focus_with_its_reason_in_view_120x40(service):
    await _invalid_field_takes_focus(service, (120, 40))


async def test_dates_are_typed_and_shown_day_month_year_and_checked_as_typed(service):
    bao = next(d for d in service.delegates.all() if d.full_name == "Vũ Đức Bảo")
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await fill(pilot, "vu duc bao")
        await press(pilot, "ctrl+t")
        await pilot.pause()
        form = app.screen
        appointed = form.query_one("#appointed", Input)
        assert appointed.value == dt.date.fromisoformat(bao.appointed).strftime("%d/%m/%Y")
        birth = form.query_one("#birth", Input)
        next_year = dt.date.today().year + 1
        birth.value = f"01/01/{next_year}"
        await pilot.pause()
        assert "tương lai" in screen_text(form.query_one("#birth-error"))
        birth.value = "01/01/2021"  # after the appointment (20/10/2020): the appointment is wrong
        await pilot.pause()
        assert screen_text(form.query_one("#birth-error")) == ""
        assert "trước ngày sinh" in screen_text(form.query_one("#appointed-error"))
        birth.value = "01/06/1975"
        await pilot.pause()
        assert screen_text(form.query_one("#appointed-error")) == ""
        await press(pilot, "enter")
        await settle(pilot)
        assert service.delegates.get(bao.code).birth == "1975-06-01"


def test_validation_dates_accept_day_month_year_and_iso():
    assert validation.date("birth", "01/06/1975") == "1975-06-01"
    assert validation.date("birth", "1.6.1975") == "1975-06-01"
    assert validation.date("birth", "1975-06-01") == "1975-06-01"
    assert validation.date_shown("1975-06-01") == "01/06/1975"
    for bad in ("31/02/1980", "06/1975", "1975/06/01"):
        try:
            validation.date("birth", bad)
        except validation.ValidationError as exc:
            assert exc.field == "birth"
        else:
            raise AssertionError(bad)


def test_one_default_level_ranks_an_unknown_junior_after_the_host_commission_head(service):
    """An imported or added member-unit delegate whose level is not given must not rank above
    the host's commission head (level 3: a member unit's commission)."""
    junior = service.delegates.add(family="Lê", given="Hoa", unit_code="HN", position="Chuyên viên")
    assert junior.level == validation.DEFAULT_LEVEL == 3
    order = [d.full_name for d in roster.sort_delegates(service.delegates.all(), "protocol",
                                                        service.conference.units())]
    assert order.index("Vũ Đức Bảo") < order.index("Lê Hoa")


async def test_the_form_uses_the_default_level(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#level", Input).value == str(validation.DEFAULT_LEVEL)


# ---- confirmations ------------------------------------------------------------------------

async def test_remove_confirmation_says_the_person_has_arrived(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await fill(pilot, "vu duc bao")
        await press(pilot, "enter")
        await settle(pilot)
        await fill(pilot, "vu duc bao")
        await press(pilot, "ctrl+r")
        await pilot.pause()
        question = screen_text(app.screen.query_one("#confirm-message"))
        bao = next(d for d in service.delegates.all() if d.full_name == "Vũ Đức Bảo")
        assert "ĐÃ ĐẾN" in question and clock_time(bao.checked_in_at) in question


async def test_confirmations_answer_c_k_in_vietnamese_and_y_n_in_english(service):
    for lang, no, yes, hint in (("vi", "k", "c", "Enter/C: có · Esc/K: không"), ("en", "n", "y", "Enter/Y: yes")):
        app = make_app(service, lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            target = "nguyen van phong" if lang == "vi" else "vu duc bao"
            await press(pilot, *target, "ctrl+r")
            await pilot.pause()
            assert hint in screen_text(app.screen.query_one(".hint"))
            before = len(service.delegates.all())
            await press(pilot, no)
            await settle(pilot)
            assert len(service.delegates.all()) == before
            await press(pilot, "ctrl+r")
            await pilot.pause()
            await press(pilot, yes)
            await settle(pilot)
            assert len(service.delegates.all()) == before - 1
