"""The projector view: `hoinghi --db PATH --view projector`.

A second copy of the app, read-only, for the screen the hall and the speaker see. It follows the
store another copy writes (store.follower: no lock, re-read when the file changes, a half-written
file retried, never a write) and shows, in high contrast by default:
- "now" (F6): the clock, the running item and its presenter, the remaining time (or the overtime,
  red) in big digits with the panel's colours, the next item, the speaker's message (blinking
  when asked);
- "ranking" (F7): the ranking from the scorecards;
- "signing" (F8): the signing progress of the covenant.
Tab goes to the next page, F12 switches the contrast, Ctrl+Q or Escape quits. Every text of the
store is shown literally.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Callable

from textual.app import App, ComposeResult
from textual.message import Message
from textual.theme import Theme
from textual.widgets import ContentSwitcher, Static

from store.service.projector import Follower, StoreView, follow

from .. import actions, i18n
from ..i18n import localize_bindings, t
from ..store_words import store_error_text
from ..text import literal
from .pages import NowPage, RankingPage, SigningPage

PROJECTOR_THEME = Theme(
    name="hoinghi-projector", primary="#FFFF00", secondary="#00FFFF", accent="#FFAA00",
    foreground="#FFFFFF", background="#000000", surface="#000000", panel="#000000",
    success="#00FF00", warning="#FFD000", error="#FF3030", dark=True,
)
PAGES = ("now", "ranking", "signing")
#: how often the file's identity is looked at (a change shows within this plus one read: at
#: 10,000 delegates the read takes about 0.1 s; looking costs one stat)
POLL_S = 0.05
#: the blink of the speaker's message: on and off this long
BLINK_S = 0.5


class ViewRead(Message):
    """The follow thread read a new state of the shown tables."""

    def __init__(self, view: StoreView) -> None:
        super().__init__()
        self.view = view


class ProblemChanged(Message):
    """Why the newest state of the file cannot be read changed ("" once it can)."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


class ProjectorApp(App[int]):
    CSS_PATH = "projector.tcss"
    BINDINGS = actions.bindings("projector")
    TITLE = "hoinghi"

    def __init__(self, path: str | Path, *, lang: str | None = None,
                 now: Callable[[], dt.datetime] | None = None, poll_s: float = POLL_S,
                 follower: Follower | None = None) -> None:
        if lang:
            i18n.set_language(lang)
        super().__init__()
        localize_bindings(self)
        self.now = now or dt.datetime.now
        self.follower = follower or follow(path, now=self.now)
        self.poll_s = poll_s
        self.view: StoreView | None = None
        self.page = "now"
        #: the audit seq of the view on screen (for the bench: change -> screen)
        self.shown_seq = -1
        #: set when the app stops: the follow thread ends
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="projector-top")
        with ContentSwitcher(initial="now", id="pages"):
            yield NowPage(id="now")
            yield RankingPage(id="ranking")
            yield SigningPage(id="signing")
        yield Static(id="projector-problem")

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR_THEME)
        self.theme = PROJECTOR_THEME.name
        view = self.follower.poll() or self.follower.view  # the caller may have read it first
        if view is not None:
            self.show_view(view)
        self.set_interval(1.0, self.tick, name="projector-clock")
        self.set_interval(BLINK_S, self._blink, name="projector-blink")
        # a thread of its own, not a Textual worker: it lives as long as the app, and "every
        # worker finished" keeps meaning every one-off call answered
        self._thread = threading.Thread(target=self._follow, name="projector-follow", daemon=True)
        self._thread.start()
        self.tick()

    def on_unmount(self) -> None:
        self._stop.set()

    # ---- following the store -----------------------------------------------------------------

    def _follow(self) -> None:
        """The follow thread: looks at the file's identity every `poll_s` and reads it when it
        changed (store.follower), so the event loop never waits on a read. Each new view, and
        each change of the problem line, is posted to the app as a message (never waiting on
        the event loop); the thread ends when the app unmounts."""
        shown_problem = ""  # the problem line starts empty
        while not self._stop.is_set():
            try:
                view = self.follower.poll()
                error = self.follower.problem_error
                problem = store_error_text(error) if error is not None else ""
            except Exception as exc:  # noqa: BLE001 - a bad read never stops the projector
                view, problem = None, store_error_text(exc)
            if view is not None:
                self.post_message(ViewRead(view))
            if problem != shown_problem:
                self.post_message(ProblemChanged(problem))
                shown_problem = problem
            self._stop.wait(self.poll_s)  # set when the app unmounts

    def on_view_read(self, message: "ViewRead") -> None:
        self.show_view(message.view)

    def on_problem_changed(self, message: "ProblemChanged") -> None:
        self._problem(message.problem)

    def show_view(self, view: StoreView) -> None:
        self.view = view
        self.shown_seq = view.last_seq()
        conference = view.conference.get()
        self.title = conference.title if conference else self.follower.path.name
        self.query_one(NowPage).show_view(view)
        self.query_one(RankingPage).show_view(view)
        self.query_one(SigningPage).show_view(view)
        self.tick()

    def _problem(self, problem: str) -> None:
        widget = self.query_one("#projector-problem", Static)
        widget.update(literal(t("projector.stale", problem=problem)) if problem else "")
        widget.set_class(bool(problem), "-shown")

    # ---- the clock -------------------------------------------------------------------------------

    def tick(self) -> None:
        now = self.now()
        top = literal(self.title or "")
        self.query_one("#projector-top", Static).update(top)
        self.query_one(NowPage).tick(now)

    def _blink(self) -> None:
        self.query_one(NowPage).blink()

    # ---- keys ----------------------------------------------------------------------------------

    def action_page(self, page: str) -> None:
        if page in PAGES:
            self.page = page
            self.query_one("#pages", ContentSwitcher).current = page

    def action_next_page(self) -> None:
        self.action_page(PAGES[(PAGES.index(self.page) + 1) % len(PAGES)])

    def action_toggle_contrast(self) -> None:
        self.theme = "textual-dark" if self.theme == PROJECTOR_THEME.name else PROJECTOR_THEME.name


def run_projector(db: str | Path, *, lang: str | None = None) -> int:
    """`hoinghi --db PATH --view projector`: check that the store can be read (a StoreError,
    one line, otherwise), then show it until Ctrl+Q."""
    follower = follow(db)
    follower.poll()
    app = ProjectorApp(db, lang=lang, follower=follower)
    app.run()
    return app.return_code or 0
