"""The App: four panels as modes, global keys, command palette, theme, language, and the
messages from the store's workers (tui/workers.py) routed to the screens."""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.reactive import reactive
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme

from store import errors as store_errors
from store.service.desks import is_desk_laptop
from store.service import Service

from . import actions, i18n, idle_fold, workers
from .commands import DelegateFinder, PanelCommands
from .desks import Desks, DesksSeen
from .i18n import localize_bindings, t
from .key_order import OrderedKeys
from .messages import Deliver, SaveFailed, StoreChanged, StoreResult
from .screens.agenda import AgendaScreen
from .screens.common.confirm import ConfirmDialog
from .screens.common.help import HelpScreen
from .screens.covenant import CovenantScreen
from .screens.desk import DeskScreen
from .screens.desk.desk_state import DeskState
from .screens.scorecards import ScorecardsScreen
from .screens.setup import SetupScreen
from .settings import Settings, load_settings, settings_problem

HIGH_CONTRAST = Theme(
    name="hoinghi-contrast", primary="#FFFF00", secondary="#00FFFF", accent="#FF8800",
    foreground="#FFFFFF", background="#000000", surface="#000000", panel="#1A1A1A",
    success="#00FF00", warning="#FFAA00", error="#FF3333", dark=True,
)

#: The desk's own .tcss is read with the app's: a screen whose CSS is new to the app makes Textual
#: reparse and reapply all CSS when it first shows (13 ms before the desk's first paint). Reading
#: every dialog's .tcss here instead cost more at start (about 40 ms at 10,000 delegates) than
#: the 20-30 ms each dialog pays once, when first opened.
FIRST_SCREEN_CSS = ["screens/desk/desk.tcss"]


class HoiNghiApp(OrderedKeys, App[int]):
    CSS_PATH = ["app.tcss", *FIRST_SCREEN_CSS]
    MODES = {
        "agenda": AgendaScreen,
        "delegates": DeskScreen,
        "scorecards": ScorecardsScreen,
        "covenant": CovenantScreen,
        "setup": SetupScreen,
    }
    BINDINGS = actions.bindings("app")
    #: Notifications appear at the top right, under the header, stacked downwards: never over
    #: the desk's message line, the attendance tally, the status line or the key bar (Textual
    #: stacks them at the bottom right by default).
    DEFAULT_CSS = """
    Screen > ToastRack { dock: top; align: right top; margin-top: 1; max-height: 50%; }
    """
    COMMANDS = App.COMMANDS | {PanelCommands, DelegateFinder}

    #: (text, is_error) shown by every panel's status line.
    status: reactive[tuple[str, bool]] = reactive(("", False))

    def __init__(self, service: Service, *, panel: str = "delegates", lang: str | None = None,
                 demo: bool = False, settings: Settings | None = None,
                 now: Callable[[], dt.datetime] | None = None, desk: str = "") -> None:
        self.settings = settings or load_settings()
        i18n.set_language(lang or self.settings.lang)
        keymap, self.keymap_problems = actions.check_keymap(self.settings.keymap)
        actions.set_keymap(keymap)
        super().__init__()
        localize_bindings(self)
        self.service = service
        #: the clock for the header and "saved HH:MM:SS" (fixed in snapshot tests)
        self.now = now or dt.datetime.now
        self.initial_panel = panel
        self.demo = demo
        self.desk = desk or self.settings.desk
        #: a desk laptop of several (`--desk NAME`): the desk panel only, the store read-only
        self.desk_laptop = is_desk_laptop(service)
        #: each desk's last event, how long ago, conflicts (tui/desks.py); "" with one laptop
        self.desks_line = ""
        #: every StoreChanged and every change of the desks' line, for the screens that `listen`
        self.store_changed_signal: Signal[StoreChanged] = Signal(self, "store-changed")
        self.desks_seen_signal: Signal[DesksSeen] = Signal(self, "desks-seen")
        #: what the desk knows once it has opened (its search index serves the palette's finder)
        self.desk_state: DeskState | None = None
        self._reload_offered = False

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        if actions.keymap():
            self.set_keymap(actions.keymap())
        self.show_title()
        self.status = (t("desks.status", file=self.service.path.name, desk=self.desk) if self.desk_laptop
                       else self.service.path.name, False)
        if not self.desk_laptop and (self.service.conference.get() is None or not self.service.conference.units()):
            self.initial_panel = "setup"  # an empty or new store: the three ways in
        self.switch_mode(self.initial_panel)
        if self.demo:
            self.notify(t("demo.notice", path=str(self.service.path)), timeout=8)
        if self.settings.problem:
            self.notify(settings_problem(*self.settings.problem), severity="warning")
        for problem in self.keymap_problems:
            self.notify(problem, title=t("keymap.title"), severity="warning", timeout=12)
        note = self.service.journal_note()
        if note:  # a power cut in the middle of the last append: that unsaved change was dropped
            self.notify(t("journal.torn", bytes=note["bytes"]), severity="warning", timeout=12)
        self.idle_fold = None if self.desk_laptop else idle_fold.start(self)
        self.desks = Desks(self)
        self.desks.start()
        workers.run(self, "seal_check", self._seal_alarm, writes=False)

    def _seal_alarm(self) -> str:
        """At open, in a worker: the signed record against its seal and every hash of the
        chain ("" when it holds)."""
        from .seal_check_words import record_alarm

        units = {u.code: u.short_name for u in self.service.conference.units()}
        return record_alarm(self.service.covenant, units, hashes=True)

    # ---- actions ---------------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen))

    def action_papers(self) -> None:
        """Every paper of the day in the export dialog, the chair's summary first."""
        from .screens.common.papers import day_dialog

        self.push_screen(day_dialog(self.service))

    def action_toggle_contrast(self) -> None:
        self.toggle_contrast()

    def show_delegate(self, code: str) -> None:
        """Open the desk with `code` highlighted (from the command palette's finder)."""
        self.switch_mode("delegates")
        self.call_after_refresh(lambda: self.screen.show_delegate(code))

    # ---- Textual's own words, in the interface language -----------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=t("palette.placeholder")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual offers its theme picker, key panel and screenshot in English: the palette
        has the panels, help and the contrast theme already; quitting is kept, in our words."""
        yield SystemCommand(t("palette.quit"), t("palette.quit_help"), self.action_quit)

    async def action_quit(self) -> None:
        """A desk laptop of several asks Syncthing first whether its check-ins have reached the
        others, and says so before it closes if some have not (tui/desks.py)."""
        if not self.desk_laptop:
            self.exit()
            return
        self.run_worker(self.desks.quit_when_sent, thread=True, group="quit", exclusive=True,
                        exit_on_error=False)

    def action_help_quit(self) -> None:
        """Ctrl+C no longer quits (Textual copies with it): say which key does."""
        self.notify(t("quit.hint"), title=t("quit.title"))

    def toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == HIGH_CONTRAST.name else HIGH_CONTRAST.name

    # ---- the store's answers ----------------------------------------------------------------

    def listen(self, screen: Screen) -> None:
        """`screen` hears of every StoreChanged and DesksSeen from now on (until `unlisten`), each
        as a message of its own, after those already in its queue."""
        self.unlisten(screen)  # once, however often it asks
        self.store_changed_signal.subscribe(screen, lambda change: screen.post_message(change.copy()),
                                            immediate=True)
        self.desks_seen_signal.subscribe(screen, lambda seen: screen.post_message(DesksSeen(seen.line)),
                                         immediate=True)

    def unlisten(self, screen: Screen) -> None:
        self.store_changed_signal.unsubscribe(screen)
        self.desks_seen_signal.unsubscribe(screen)

    def show_title(self) -> None:
        """The conference's title and date, or the store's file name until it has a title."""
        conference = self.service.conference.get()
        self.title = conference.title if conference else self.service.path.name
        self.sub_title = dt.date.fromisoformat(conference.date).strftime("%d/%m/%Y") if conference else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_mode" and self.desk_laptop and parameters and parameters[0] != "delegates":
            return None  # a desk laptop has the desk panel only
        return True

    def action_switch_mode(self, mode: str) -> None:
        if self.desk_laptop and mode != "delegates":
            self.notify(t("desks.only_desk", desk=self.desk), severity="warning")
            return
        self.switch_mode(mode)

    def on_desks_seen(self, message: DesksSeen) -> None:
        self.desks_line = message.line
        self.desks_seen_signal.publish(message)

    def on_store_changed(self, message: StoreChanged) -> None:
        if message.reloaded or "conference" in message.tables:
            self.show_title()
        if message.reloaded:
            self.status = (t("status.reloaded", file=self.service.path.name), False)
        else:
            now = self.now().strftime("%H:%M:%S")
            self.status = (t("status.saved", file=self.service.path.name, time=now), False)
        self.store_changed_signal.publish(message)

    def on_deliver(self, message: Deliver) -> None:
        message.node.post_message(message.message)  # False (dropped) when the node has closed

    def on_save_failed(self, message: SaveFailed) -> None:
        if message.refused:
            return  # the screen that asked shows why, where the user is
        self.status = (t("status.write_failed", error=message.reason), True)
        self.notify(message.reason, title=t("status.not_saved"), severity="error", timeout=15, markup=False)
        if isinstance(message.error, store_errors.StoreChangedOnDiskError) and not self._reload_offered:
            self._offer_reload(message.reason)

    def _offer_reload(self, reason: str) -> None:
        self._reload_offered = True

        def answered(yes: bool | None) -> None:
            self._reload_offered = False
            if yes:
                workers.run(self, "reload", self.service.reload)

        self.push_screen(ConfirmDialog(t("reload.confirm", reason=reason)), answered)

    def on_store_result(self, message: StoreResult) -> None:
        """Answers to the app's own calls (reload, the seal checked at open): a reload's
        StoreChanged has already gone out; a record that no longer matches its seal is said in
        red on the status line and, away from the covenant panel, in a notice."""
        if message.request == "seal_check" and message.ok and message.result:
            self.status = (message.result, True)
            if not isinstance(self.screen, CovenantScreen):  # there the seal line already says it
                self.notify(message.result, title=t("seal.open_title"), severity="error", timeout=60, markup=False)
