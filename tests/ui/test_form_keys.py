"""One rule for the keys in every form: Enter saves from any field, a
drop-down too; a drop-down opens with Space or Alt+↓ only; ↑/↓ move between fields."""

from __future__ import annotations

from textual.widgets import Select, Static

from store.service import Service

from ..conftest import FIXED_NOW, make_app, settle


def keys(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def open_delegate_form(pilot):
    await pilot.press("ctrl+n")
    await settle(pilot)
    return pilot.app.screen


async def test_enter_on_a_drop_down_saves_and_the_arrows_move_past_it(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_delegate_form(pilot)
        await pilot.press(*keys("Trần"), "down", *keys("Thị"), "down", *keys("Út"), "down",
                          *keys("Phóng viên"), "down", *keys("Báo Nhân Dân"), "down")
        await settle(pilot)
        assert form.focused.id == "unit_code" and not form.query_one("#unit_code", Select).expanded
        await pilot.press("down", "up")  # past the drop-down and back: it never opens
        await settle(pilot)
        assert form.focused.id == "unit_code" and not form.query_one("#unit_code", Select).expanded
        await pilot.press("enter")  # Enter on the drop-down saves the form
        await settle(pilot)
        assert app.screen is not form
        added = next(d for d in service.delegates.all() if d.given == "Út")
        assert (added.family, added.middle, added.position, added.organization) == (
            "Trần", "Thị", "Phóng viên", "Báo Nhân Dân")


async def test_a_drop_down_opens_with_space_or_alt_down_only(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_delegate_form(pilot)
        form.query_one("#unit_code", Select).focus()
        await settle(pilot)
        select = form.query_one("#unit_code", Select)
        await pilot.press("space")
        await settle(pilot)
        assert select.expanded
        await pilot.press("down", "enter")  # in the open list: Enter chooses, it does not save
        await settle(pilot)
        assert app.screen is form and not select.expanded and select.value != Select.NULL
        await pilot.press("alt+down")
        await settle(pilot)
        assert select.expanded
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and not select.expanded


async def test_the_bonus_form_keeps_the_reason_typed_after_the_drop_down(sample_copy):
    service = Service.open(sample_copy, operator="tester", now=lambda: FIXED_NOW)
    app = make_app(service, panel="scorecards")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*["down"] * 9, "enter")  # Hòa Bình's card
        await settle(pilot)
        card = app.screen
        await pilot.press("ctrl+b")
        await settle(pilot)
        form = app.screen
        assert form.focused.id == "f-score_rule"
        # choose the second rule in the drop-down, move on, type the reason, save: no pause
        await pilot.press("space", "down", "enter", "down", *keys("Cờ thi đua của tỉnh"), "enter")
        await settle(pilot)
        assert app.screen is card
        bonus = service.scoring.score(card.unit_code).bonuses[0]
        assert bonus.reason == "Cờ thi đua của tỉnh"
        chosen = [o for _, o in form.fields[0].options]
        assert bonus.rule_code == chosen[1]
        service.close()


async def test_the_form_hint_says_the_one_rule(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_delegate_form(pilot)
        hint = str(form.query_one("#form-hint", Static).render())
        assert "↑/↓" in hint and "Space/Alt+↓" in hint and "Enter: lưu" in hint
