"""The App: four panels as modes, global keys, command palette, theme, language."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.theme import Theme

from store.errors import StoreError, StoreWriteError, ValidationError
from store.service import Service

from . import i18n
from .commands import DelegateFinder, PanelCommands
from .i18n import localize_bindings, t
from .reasons import describe
from .screens.agenda import AgendaScreen
from .screens.covenant import CovenantScreen
from .screens.delegates import DelegatesScreen
from .screens.help import HelpScreen
from .screens.scorecards import ScorecardsScreen
from .settings import Settings, load_settings

HIGH_CONTRAST = Theme(
    name="hoinghi-contrast", primary="#FFFF00", secondary="#00FFFF", accent="#FF8800",
    foreground="#FFFFFF", background="#000000", surface="#000000", panel="#1A1A1A",
    success="#00FF00", warning="#FFAA00", error="#FF3333", dark=True,
)


class HoiNghiApp(App[int]):
    CSS_PATH = "app.tcss"
    MODES = {
        "agenda": AgendaScreen,
        "delegates": DelegatesScreen,
        "scorecards": ScorecardsScreen,
        "covenant": CovenantScreen,
    }
    BINDINGS = [
        Binding("f1", "help", "key.help", id="app.help"),
        Binding("f2", "switch_mode('agenda')", "key.agenda", id="app.panel.agenda"),
        Binding("f3", "switch_mode('delegates')", "key.delegates", id="app.panel.delegates"),
        Binding("f4", "switch_mode('scorecards')", "key.scorecards", id="app.panel.scorecards"),
        Binding("f5", "switch_mode('covenant')", "key.covenant", id="app.panel.covenant"),
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", priority=True),
    ]
    COMMANDS = App.COMMANDS | {PanelCommands, DelegateFinder}

    #: (text, is_error) shown by every panel's status line.
    status: reactive[tuple[str, bool]] = reactive(("", False))

    def __init__(self, service: Service, *, panel: str = "delegates", lang: str | None = None,
                 demo: bool = False, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        i18n.set_language(lang or self.settings.lang)
        super().__init__()
        localize_bindings(self)
        self.service = service
        self.initial_panel = panel
        self.demo = demo
        self.desk = self.settings.desk

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        conference = self.service.conference.get()
        if conference:
            self.title = conference.title
            day = dt.date.fromisoformat(conference.date).strftime("%d/%m/%Y")
            self.sub_title = day
        self.status = (self.service.path.name, False)
        self.switch_mode(self.initial_panel)
        if self.demo:
            self.notify(t("demo.notice", path=str(self.service.path)), timeout=8)
        if self.settings.problem:
            self.notify(t("settings.problem", problem=self.settings.problem), severity="warning")

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def show_delegate(self, code: str) -> None:
        """Open the desk with `code` highlighted (from the command palette's finder)."""
        self.switch_mode("delegates")
        self.call_after_refresh(lambda: self.screen.show_delegate(code))

    def toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    # ---- store calls off the event loop ------------------------------------------------

    def store_call(self, fn: Callable[..., Any], *args: Any,
                   on_done: Callable[[Any], None] | None = None,
                   on_refused: Callable[[StoreError], None] | None = None,
                   writes: bool | Callable[[Any], bool] = True, **kwargs: Any) -> None:
        """Run a service call in a thread worker; report back on the event loop.

        A write that returned is durable: only then is "saved" shown and `on_done` called.
        `writes` may be a predicate on the result, for calls that sometimes change nothing.
        Refused input goes to `on_refused` (or a warning); a failed write turns the status red.
        """

        def work() -> None:
            try:
                result = fn(*args, **kwargs)
            except StoreError as error:
                self.call_from_thread(self._store_failed, error, on_refused)
                return
            except OSError as error:  # a file the user named (import, export) is unusable
                problem = StoreError(f"{error.filename or ''}: {error.strerror or error}")
                self.call_from_thread(self._store_failed, problem, on_refused)
                return
            self.call_from_thread(self._store_done, result, on_done, writes)

        self.run_worker(work, thread=True, group="store", exit_on_error=False)

    def _store_done(self, result: Any, on_done: Callable[[Any], None] | None,
                    writes: bool | Callable[[Any], bool]) -> None:
        if writes(result) if callable(writes) else writes:
            now = dt.datetime.now().strftime("%H:%M:%S")
            self.status = (t("status.saved", file=self.service.path.name, time=now), False)
        if on_done is not None:
            on_done(result)

    def _store_failed(self, error: StoreError,
                      on_refused: Callable[[StoreError], None] | None) -> None:
        if isinstance(error, StoreWriteError):
            self.status = (t("status.write_failed", error=str(error)), True)
            self.notify(str(error), title=t("status.not_saved"), severity="error", timeout=15)
            return
        if on_refused is not None:
            on_refused(error)
        else:
            self.notify(describe(error) if isinstance(error, ValidationError) else str(error),
                        severity="warning")
