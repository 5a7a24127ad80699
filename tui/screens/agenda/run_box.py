"""The running item, large: title, presenter, elapsed and remaining in big digits (warning colour
in the last minutes, red with the overtime past the end), the day's offset against the plan and
its projected end, the next item, and the message the projector shows.

Drawn from a `Timing` (store.agenda.timing, pure) that the panel computes once a second from the
items it holds: no store call on the clock's tick.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from store.agenda.timing import Timing, allotted
from store.models.agenda import AgendaRun

from ...i18n import t
from ...text import literal


def clock_digits(seconds: int, *, signed: bool = False) -> str:
    """12:34 (minutes:seconds), 1:02:03 past an hour; "+" before an overtime when `signed`."""
    sign = "+" if signed else ""
    seconds = abs(int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def offset_words(timing: Timing) -> str:
    n = timing.offset_min
    if n > 0:
        said = t("agenda.offset.late", n=n)
    elif n < 0:
        said = t("agenda.offset.early", n=-n)
    else:
        said = t("agenda.offset.on_time")
    if timing.projected_end and timing.planned_end:
        said += ", " + t("agenda.offset.ends", end=f"{timing.projected_end:%H:%M}",
                         plan=f"{timing.planned_end:%H:%M}")
    return said


def remaining_parts(timing: Timing) -> tuple[str, str, str]:
    """(label, digits, phase) of the remaining time, or of the overtime past the end."""
    if timing.running is None:
        return t("agenda.run.remaining"), "--:--", "idle"
    if timing.phase == "overtime":
        return t("agenda.run.overtime"), clock_digits(timing.overtime_s, signed=True), "overtime"
    return t("agenda.run.remaining"), clock_digits(timing.remaining_s), timing.phase


class RunBox(Horizontal):
    """See the module docstring. `show(timing, state)` updates only what changed."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="run-text"):
            yield Static(id="run-title")
            yield Static(id="run-presenter")
            yield Static(id="run-offset")
            yield Static(id="run-next")
            yield Static(id="run-stage")
        with Vertical(id="run-elapsed-box", classes="run-clock"):
            yield Static(t("agenda.run.elapsed"), id="run-elapsed-label", classes="run-label")
            yield Digits("--:--", id="run-elapsed")
        with Vertical(id="run-remaining-box", classes="run-clock"):
            yield Static(t("agenda.run.remaining"), id="run-remaining-label", classes="run-label")
            yield Digits("--:--", id="run-remaining")

    def _set(self, key: str, value: object, apply) -> None:
        if self._shown.get(key) != value:
            self._shown[key] = value
            apply(value)

    def show(self, timing: Timing, state: AgendaRun) -> None:
        running = timing.running
        if running is not None:
            title = literal(running.item.title, "bold")
            presenter = literal(f"{running.item.presenter}  ·  " if running.item.presenter else "")
            presenter.append(t("agenda.run.allotted", minutes=allotted(running.item)))
            elapsed = clock_digits(max(0, timing.elapsed_s))
        else:
            title = Text(t("agenda.run.idle"), style="bold")
            presenter = Text("")
            elapsed = "--:--"
        if timing.next is not None:
            nxt = literal(t("agenda.run.next", start=f"{timing.next.projected_start:%H:%M}",
                            title=timing.next.item.title))
        else:
            nxt = Text(t("agenda.run.none_left"))
        label, remaining, phase = remaining_parts(timing)
        stage = Text("")
        if state.message:
            stage = literal(t("agenda.stage.shown", message=state.message)
                            + (f" ({t('agenda.stage.blinking')})" if state.blink else ""))
        self._set("title", (running.code if running else "", str(title)), lambda _: self.query_one("#run-title", Static).update(title))
        self._set("presenter", str(presenter), lambda _: self.query_one("#run-presenter", Static).update(presenter))
        self._set("offset", offset_words(timing), lambda v: self.query_one("#run-offset", Static).update(v))
        self._set("next", str(nxt), lambda _: self.query_one("#run-next", Static).update(nxt))
        self._set("stage", str(stage), lambda _: self.query_one("#run-stage", Static).update(stage))
        self._set("elapsed", elapsed, lambda v: self.query_one("#run-elapsed", Digits).update(v))
        self._set("remaining", remaining, lambda v: self.query_one("#run-remaining", Digits).update(v))
        self._set("label", label, lambda v: self.query_one("#run-remaining-label", Static).update(v))
        self._set("phase", phase, self._phase)

    def _phase(self, phase: str) -> None:
        box = self.query_one("#run-remaining-box")
        for name in ("idle", "normal", "warning", "overtime"):
            box.set_class(name == phase, f"-{name}")
