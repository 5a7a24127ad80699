"""The running item, large: title, presenter, elapsed and remaining in big digits (warning colour
in the last minutes, red with the overtime past the end), the day's offset against the plan and
its projected end, the next item, and the message the projector shows.

Drawn from a `Timing` (store.models.timing, pure) that the panel computes once a second from the
items it holds: no store call on the clock's tick.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from store.models.timing import Timing, allotted
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

    def on_mount(self) -> None:
        #: the widgets drawn each second, found once (a query per tick costs more than the tick)
        self._w = {name: self.query_one(f"#run-{name}") for name in
                   ("title", "presenter", "offset", "next", "stage", "elapsed", "remaining",
                    "remaining-label", "remaining-box")}

    def _set(self, key: str, value: object, apply) -> None:
        if self._shown.get(key) != value:
            self._shown[key] = value
            apply(value)

    def show(self, timing: Timing, state: AgendaRun) -> None:
        """Draw `timing`; each part is worded only when what it shows has changed (the tick runs
        once a second on the event loop)."""
        running = timing.running
        item = running.item if running is not None else None
        self._set("title", item, self._title)
        self._set("offset", (timing.offset_min, timing.projected_end, timing.planned_end),
                  lambda _: self._w["offset"].update(offset_words(timing)))
        nxt = timing.next
        self._set("next", (nxt.item, nxt.projected_start) if nxt else None, self._next)
        self._set("stage", (state.message, state.blink), self._stage)
        self._set("elapsed", clock_digits(max(0, timing.elapsed_s)) if running else "--:--",
                  self._w["elapsed"].update)
        if running is None:
            phase, remaining, overtime = "idle", "--:--", False
        elif timing.phase == "overtime":
            phase, remaining, overtime = "overtime", clock_digits(timing.overtime_s, signed=True), True
        else:
            phase, remaining, overtime = timing.phase, clock_digits(timing.remaining_s), False
        self._set("remaining", remaining, self._w["remaining"].update)
        self._set("label", overtime, lambda v: self._w["remaining-label"].update(
            t("agenda.run.overtime") if v else t("agenda.run.remaining")))
        self._set("phase", phase, self._phase)

    def _title(self, item) -> None:
        if item is None:
            self._w["title"].update(Text(t("agenda.run.idle"), style="bold"))
            self._w["presenter"].update("")
            return
        self._w["title"].update(literal(item.title, "bold"))
        presenter = literal(f"{item.presenter}  ·  " if item.presenter else "")
        presenter.append(t("agenda.run.allotted", minutes=allotted(item)))
        self._w["presenter"].update(presenter)

    def _next(self, value) -> None:
        if value is None:
            self._w["next"].update(Text(t("agenda.run.none_left")))
            return
        item, start = value
        self._w["next"].update(literal(t("agenda.run.next", start=f"{start:%H:%M}", title=item.title)))

    def _stage(self, value) -> None:
        message, blink = value
        if not message:
            self._w["stage"].update("")
            return
        said = t("agenda.stage.shown", message=message)
        if blink:
            said += f" ({t('agenda.stage.blinking')})"
        self._w["stage"].update(literal(said))

    def _phase(self, phase: str) -> None:
        box = self._w["remaining-box"]
        for name in ("idle", "normal", "warning", "overtime"):
            box.set_class(name == phase, f"-{name}")
