"""tui/key_order.py: keys go in one at a time, in order, and are never held for good."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from tui.key_order import OrderedKeys


class Lines(OrderedKeys, App):
    """An input whose Enter is a binding handled by the app, as Textual does it."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(id="box")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.lines.append(event.value)
        event.input.value = ""


def post(app: App, text: str) -> None:
    for c in text:
        if c == "\n":
            app.post_message(events.Key("enter", "\r"))
        else:
            app.post_message(events.Key("space" if c == " " else c, c))


async def test_each_enter_sees_only_the_keys_typed_before_it():
    app = Lines()
    async with app.run_test() as pilot:
        post(app, "ab\ncd\n")
        await pilot.pause()
        await pilot.pause()
        # Textual alone gives "abcd" (the letters after Enter are in the box before the binding)
        assert app.lines[0] == "ab"


class NoFocus(Screen):
    AUTO_FOCUS = None

    def compose(self) -> ComposeResult:
        yield Input(id="never")


async def test_a_screen_that_never_takes_the_focus_still_gets_its_keys():
    app = Lines()
    async with app.run_test() as pilot:
        await app.push_screen(NoFocus())
        post(app, "xyz")
        for _ in range(20):
            await pilot.pause()
            if not app.key_order.waiting and app.key_order.on_its_way is None:
                break
        assert not app.key_order.waiting and app.key_order.on_its_way is None


class Replaces(Screen):
    """A priority key removes the focused box (the marker behind the key goes with it) and puts
    a new one in its place."""

    BINDINGS = [Binding("ctrl+x", "replace", priority=True)]

    def compose(self) -> ComposeResult:
        yield Input(id="old")

    async def action_replace(self) -> None:
        await self.query_one("#old", Input).remove()
        new = Input(id="new")
        await self.mount(new)
        new.focus()


async def test_keys_go_on_when_the_widget_holding_a_marker_is_removed():
    app = Lines()
    async with app.run_test() as pilot:
        await app.push_screen(Replaces())
        await pilot.pause()
        app.post_message(events.Key("ctrl+x", None))
        post(app, "ok")
        for _ in range(200):
            await pilot.pause(0.01)
            if not app.key_order.waiting and app.key_order.on_its_way is None:
                break
        assert app.screen.query_one("#new", Input).value == "ok"
