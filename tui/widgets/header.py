"""The header of every panel: icon, title, and a clock read from the app's clock (`app.now`),
so a test can fix the time shown."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.widgets import Header

from ..textual_internals import HeaderClock, HeaderIcon, HeaderTitle


class Clock(HeaderClock):
    def render(self) -> RenderResult:
        return Text(self.app.now().time().strftime(self.time_format))


class PanelHeader(Header):
    def __init__(self) -> None:
        super().__init__(show_clock=True, icon="≡")

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield HeaderTitle()
        yield Clock().data_bind(Header.time_format)
