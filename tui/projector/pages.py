"""The projector's pages: now (clock, running item, remaining in big digits, next, message),
the ranking, and the signing progress. Each draws from a StoreView (store.service.projector), literally."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Digits, Static

from wording import numbers as vnformat
from store.models.timing import Timing, project
from store.service.projector import StoreView
from store.models.agenda import AgendaItem, AgendaRun

from ..i18n import t
from ..screens.agenda.run_box import clock_digits, offset_words
from ..text import literal


class NowPage(Vertical):
    """What the hall and the speaker see while an item runs."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.items: tuple[AgendaItem, ...] = ()
        self.state = AgendaRun()
        self.day = dt.date.today()
        self.timing: Timing | None = None
        self._shown: dict[str, object] = {}
        self._blink_on = True

    def compose(self) -> ComposeResult:
        yield Digits("--:--", id="pj-clock")
        yield Static(id="pj-title")
        yield Static(id="pj-presenter")
        yield Static(id="pj-label")
        yield Digits("--:--", id="pj-remaining")
        yield Static(id="pj-message")
        yield Static(id="pj-next")
        yield Static(id="pj-offset")

    def show_view(self, view: StoreView) -> None:
        self.items = view.agenda.items()
        self.state = view.agenda.run_state()
        self.day = view.agenda.day()
        self._shown.pop("message", None)

    def _set(self, key: str, value: object, apply) -> None:
        if self._shown.get(key) != value:
            self._shown[key] = value
            apply(value)

    def tick(self, now: dt.datetime) -> None:
        timing = self.timing = project(self.items, now, self.day, self.state.warning_min)
        self._set("clock", f"{now:%H:%M}", lambda v: self.query_one("#pj-clock", Digits).update(v))
        running = timing.running
        if running is not None:
            title, presenter = running.item.title, running.item.presenter
            if timing.phase == "overtime":
                label, digits = t("projector.overtime"), clock_digits(timing.overtime_s, signed=True)
            else:
                label, digits = t("projector.remaining"), clock_digits(timing.remaining_s)
        else:
            title, presenter = t("projector.idle"), ""
            label, digits = "", "--:--"
            if timing.next is not None:
                label = t("projector.starts_at", start=f"{timing.next.projected_start:%H:%M}")
        self._set("title", title, lambda v: self.query_one("#pj-title", Static).update(literal(v)))
        self._set("presenter", presenter, lambda v: self.query_one("#pj-presenter", Static).update(literal(v)))
        self._set("label", label, lambda v: self.query_one("#pj-label", Static).update(literal(v)))
        self._set("digits", digits, lambda v: self.query_one("#pj-remaining", Digits).update(v))
        self._set("phase", timing.phase, self._phase)
        nxt = timing.next
        if nxt is not None and nxt is not running:
            key = "projector.next_presenter" if nxt.item.presenter else "projector.next"
            words = t(key, start=f"{nxt.projected_start:%H:%M}", title=nxt.item.title, presenter=nxt.item.presenter)
        else:
            words = t("projector.none_left") if running is None else ""
        self._set("next", words, lambda v: self.query_one("#pj-next", Static).update(literal(v)))
        self._set("offset", offset_words(timing) if timing.live else "",
                  lambda v: self.query_one("#pj-offset", Static).update(literal(v)))
        self._set("message", (self.state.message, self.state.blink), self._message)

    def _phase(self, phase: str) -> None:
        for name in ("idle", "normal", "warning", "overtime"):
            self.set_class(name == phase, f"-{name}")

    def _message(self, value: tuple[str, bool]) -> None:
        text, blink = value
        widget = self.query_one("#pj-message", Static)
        widget.update(literal(text, "bold") if text else "")
        widget.set_class(bool(text), "-shown")
        widget.set_class(blink, "-blink")
        widget.set_class(False, "-off")
        self._blink_on = True

    def blink(self) -> None:
        if self.state.message and self.state.blink:
            self._blink_on = not self._blink_on
            self.query_one("#pj-message", Static).set_class(not self._blink_on, "-off")


def tables_of(view: StoreView, names: tuple[str, ...]) -> tuple:
    """The raw tables a page draws from (the follower keeps them as read): a page whose tables
    are the same as last time is left as it is."""
    return tuple(view.data.get(name) for name in names)


class RankingPage(Vertical):
    #: what the ranking is computed from
    TABLES = ("units", "content_groups", "scoring_config", "scores", "indicators", "ballots")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._source: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("projector.ranking.title"), classes="pj-page-title")
        yield DataTable(id="pj-ranking", cursor_type="none", zebra_stripes=True, show_cursor=False)
        yield Static(id="pj-ranking-empty")

    def on_mount(self) -> None:
        table = self.query_one("#pj-ranking", DataTable)
        for key in ("rank", "unit", "total", "award"):
            table.add_column(t(f"projector.ranking.col.{key}"), key=key)

    def show_view(self, view: StoreView) -> None:
        source = tables_of(view, self.TABLES)
        if source == self._source:
            return
        self._source = source
        ranked = ranking_of(view)
        table = self.query_one("#pj-ranking", DataTable)
        table.clear()
        for r in ranked:
            total = r.cluster_total
            table.add_row(Text("" if r.rank is None else str(r.rank), justify="right"),
                          literal(r.unit.short_name),
                          Text(vnformat.number(total), justify="right"), literal(r.award or ""))
        self.query_one("#pj-ranking-empty", Static).update(
            "" if any(r.rank is not None for r in ranked) else t("projector.ranking.empty"))


def ranking_of(view: StoreView) -> list:
    """The scorecards' ranking."""
    return list(view.scoring.ranking())


class SigningPage(Vertical):
    #: what the signing progress is drawn from
    TABLES = ("covenant", "signatures", "units")

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._source: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("projector.signing.title"), classes="pj-page-title")
        yield Static(id="pj-signing-count")
        yield Static(id="pj-signing-current")
        yield Static(id="pj-signing-seal")
        yield DataTable(id="pj-signing", cursor_type="none", show_cursor=False, zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#pj-signing", DataTable)
        table.add_column(t("projector.ranking.col.unit"), key="unit")
        table.add_column("", key="state")

    def show_view(self, view: StoreView) -> None:
        source = (*tables_of(view, self.TABLES), view.ceremony_entries())
        if source == self._source:
            return
        self._source = source
        covenant = view.covenant
        self._show_seal(view)
        units = {u.code: u for u in view.conference.units()}
        record = covenant.get()
        order = list(record.signing_order if record else ()) or list(units)
        signatures = {s.unit_code: s for s in covenant.signatures()}
        progress = covenant.progress()
        signed, total, name = progress.signed, progress.total or len(order), progress.current_name
        self.query_one("#pj-signing-count", Static).update(
            t("projector.signing.progress", signed=vnformat.integer(signed), total=vnformat.integer(total)))
        current = t("projector.signing.current", name=name) if name else (
            t("projector.signing.done") if total and signed >= total else "")
        self.query_one("#pj-signing-current", Static).update(literal(current))
        table = self.query_one("#pj-signing", DataTable)
        table.clear()
        for code in order:
            unit = units.get(code)
            line = signatures.get(code)
            state = t("projector.signing.waiting")
            if line is not None:
                state = t("projector.signing.absent") if line.absent else t("projector.signing.signed")
            table.add_row(literal(unit.short_name if unit else code), state)

    def _show_seal(self, view: StoreView) -> None:
        """A red line when the record no longer matches its seal (against the signing's audit
        entries the follower keeps; the chain's hashes are checked by the app and `check`)."""
        from ..seal_check_words import record_alarm

        units = {u.code: u.short_name for u in view.conference.units()}
        alarm = record_alarm(view.covenant, units, chain=False)
        widget = self.query_one("#pj-signing-seal", Static)
        widget.update(Text(alarm, style="bold red") if alarm else "")
        widget.set_class(bool(alarm), "-broken")
