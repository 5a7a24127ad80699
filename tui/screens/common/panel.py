"""Base of the four panels: header with clock, the panel body, status line, key bar.

A panel hears of every durable change (`StoreChanged`, forwarded by the app whether or not the
panel is showing) and updates the rows it shows of those tables in place: `store_changed`.
"""

from __future__ import annotations

from typing import Callable, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.screen import Screen

from ...i18n import localize_bindings
from ...messages import StoreChanged
from ...textual_internals import updates_held
from ...widgets.header import PanelHeader
from ...widgets.key_bar import KeyBar
from ...widgets.status_line import StatusLine


#: how often `after_first_frame` looks again while the app is still batching updates
BATCH_POLL_S = 0.002


class PanelScreen(Screen):
    #: the panel's name in the action registry (tui/actions.py)
    PANEL: ClassVar[str] = "app"
    #: catalog key of the F1 help text for this panel
    HELP_KEY: ClassVar[str] = "help.app"
    #: the store tables this panel shows; a StoreChanged for none of them is ignored
    TABLES: ClassVar[frozenset[str]] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    @property
    def service(self):
        return self.app.service

    def compose(self) -> ComposeResult:
        yield PanelHeader()
        yield from self.compose_body()
        yield StatusLine(id="status")
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run `callback` once a frame of this screen has reached the terminal.

        While a screen is being mounted Textual batches updates (nothing is drawn), yet it runs
        `call_after_refresh` callbacks then: work deferred that way would run before anything
        is on the terminal (measured at 10,000 delegates: the first row reached a real
        terminal only after the full order and the search index, ~150 ms later)."""

        def attempt() -> None:
            if updates_held(self.app):
                self.set_timer(BATCH_POLL_S, attempt)
            else:
                self.call_after_refresh(callback)

        self.call_after_refresh(attempt)

    @on(events.Mount)
    def _listen(self) -> None:
        self.app.listen(self)

    @on(events.Unmount)
    def _unlisten(self) -> None:
        self.app.unlisten(self)

    @on(StoreChanged)
    def _store_changed(self, message: StoreChanged) -> None:
        if message.reloaded or message.tables & self.TABLES:
            self.store_changed(message)

    def store_changed(self, change: StoreChanged) -> None:
        """Update what this panel shows of `change.tables` (only the rows of `change.codes`,
        everything when `change.reloaded`)."""
