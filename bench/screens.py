"""What the UI benchmarks launch and watch: the bare app, and the frames an app sends out.

Imports only Textual, so a bare app launched in its own process loads nothing of hoinghi.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, Callable, Sequence

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

SIZE = (120, 40)
SETTLE = 0.3  # seconds a launched app is left to finish its first screen
POLL = 0.0005  # seconds between looks at the screen (sleeping, so worker threads get the GIL)
BARE_LINE = "Hội nghị tổng kết công tác thi đua năm 2024"
BARE_SHOWS = (BARE_LINE, "palette")  # the line, the footer's keys


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(BARE_LINE, id="line")
        yield Footer()


def bare_ready(app: App) -> bool:
    return bool(app.screen.query("#line"))


def desk_ready(app: App) -> bool:
    found = app.screen.query("#delegates")
    return bool(found) and len(getattr(found.first(), "codes", ())) > 0


async def wait_until(predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        assert time.perf_counter() < deadline, "the screen did not reach the expected state"
        await asyncio.sleep(POLL)


class FrameLog:
    """Every frame `app` hands to the terminal (App._display, a no-op when headless), timed;
    frames Textual holds back while it batches updates are not counted."""

    def __init__(self, app: App, clock: Callable[[], float] = time.perf_counter) -> None:
        self.app = app
        self.frames: list[tuple[float, Any]] = []
        send = app._display

        def display(screen, update) -> None:
            send(screen, update)
            # A frame drawn while Textual batches updates (a screen being mounted) never
            # reaches a terminal: only count what a real terminal would receive.
            if update is not None and not getattr(app, "_batch_count", 0):
                self.frames.append((clock(), update))

        app._display = display

    def first_complete(self, shows: Sequence[str]) -> float:
        """When the last of the texts `shows` first appeared in a frame (read after the fact,
        so reading costs the app nothing)."""
        missing = set(shows)
        for at, update in self.frames:
            text = update.render_segments(self.app.console)
            missing = {s for s in missing if s not in text}
            if not missing:
                return at
        raise AssertionError(f"never on screen: {sorted(missing)}")
