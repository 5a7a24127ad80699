"""The agenda panel (F2): the programme, run live on the day.

Enter on the highlighted item starts it (the running one finishes at that moment) and moves the
highlight to the next; F6 finishes, F7 skips, + / - give a minute more or less, Ctrl+Z undoes the
last run step, F8 re-plans the rest of the day, F9 writes the speaker's message (projector only),
Ctrl+X clears it. Ctrl+N / Ctrl+T / Delete / Ctrl+↑↓ edit the programme.

Every change is a store call in a thread worker (tui/workers.py); the panel holds the items it
shows and updates the changed rows in place on StoreChanged. Once a second the running clock is
drawn from those items (store.models.timing, pure): no store call on the tick.
"""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from store.models.timing import Timing, plan_gaps, project
from store.models import AgendaItem
from store.models.agenda import AgendaRun, AgendaStatus
from wording.numbers import clock_time

from ... import actions, workers
from ...i18n import t
from ...messages import StoreChanged, StoreResult
from ...text import literal
from ...widgets.fit_columns import fit_columns
from ..common import rows
from ..common.confirm import ConfirmDialog
from ..common.panel import PanelScreen
from .item_form import ItemForm
from .replan import ReplanDialog
from .run_box import RunBox
from .stage import StageDialog

COLUMNS = ("order", "start", "minutes", "title", "presenter", "status", "actual", "projected")
#: below this width the actual times are shown as HH:MM (the long texts keep some room)
WIDE = 100
FIXED_MARK = "◆"


def actual_cell(item: AgendaItem, wide: bool) -> str:
    if wide:
        return " – ".join(x for x in (clock_time(item.actual_start), clock_time(item.actual_end)) if x)
    return "–".join(x[11:16] for x in (item.actual_start, item.actual_end) if x and len(x) >= 16)


def start_cell(item: AgendaItem, gap: int) -> Text:
    text = Text(item.planned_start + (FIXED_MARK if item.fixed_start else ""), no_wrap=True)
    if gap < 0:
        text.stylize("bold red")
    elif gap > 0:
        text.stylize("bold yellow")
    return text


def projected_cell(item: AgendaItem, timing: Timing | None) -> str:
    if timing is None or item.status is not AgendaStatus.PLANNED:
        return ""
    slot = timing.slot(item.code)
    return f"{slot.projected_start:%H:%M}" if slot else ""


def widest_cells(wide: bool) -> dict[str, int]:
    """The widest text the run will put in the columns it fills (any status, both actual times,
    a projected start), so that the columns are sized once for the programme."""
    actual = "00:00:00 – 00:00:00" if wide else "00:00–00:00"
    status = max(cell_len(t(f"agenda.status.{s.value}")) for s in AgendaStatus)
    return {"status": status, "actual": cell_len(actual), "projected": cell_len("00:00")}


def cells(item: AgendaItem, gap: int = 0, timing: Timing | None = None, wide: bool = True) -> tuple:
    return (str(item.order), start_cell(item, gap), str(item.duration_min), literal(item.title),
            literal(item.presenter), t(f"agenda.status.{item.status.value}"), actual_cell(item, wide),
            projected_cell(item, timing))


class AgendaScreen(PanelScreen):
    PANEL = "agenda"
    HELP_KEY = "agenda.help"
    CSS_PATH = "agenda.tcss"
    TABLES = frozenset({"agenda", "agenda_run", "conference"})
    BINDINGS = actions.bindings("agenda")

    def __init__(self) -> None:
        super().__init__()
        self.items: tuple[AgendaItem, ...] = ()
        self.state = AgendaRun()
        self.day = dt.date.today()
        self.timing: Timing | None = None
        self._wide = True
        self._projected: dict[str, str] = {}

    def compose_body(self) -> ComposeResult:
        yield RunBox(id="run-box")
        yield DataTable(id="agenda", cursor_type="row", zebra_stripes=True)
        yield Static(id="agenda-plan")
        yield Static(id="agenda-message")

    def on_mount(self) -> None:
        self._run_box = self.query_one(RunBox)
        self._table_widget = table = self._table()
        rows.add_columns(table, [(c, t(f"agenda.col.{c}")) for c in COLUMNS])
        self._wide = self.app.size.width >= WIDE
        self._reload()
        for item in self.items:
            table.add_row(*self._cells(item), key=item.code)
        self._show_plan()
        self._fit()
        self.tick()
        if self.timing and self.timing.next is not None and self.timing.live:
            rows.move_to(table, self.timing.next.code)
        elif self.timing and self.timing.running is not None:
            rows.move_to(table, self.timing.running.code)
        table.focus()
        self.set_interval(1.0, self.tick, name="agenda-clock")

    # ---- what the panel holds and shows ------------------------------------------------------

    def _table(self) -> DataTable:
        return self.query_one("#agenda", DataTable)

    def _reload(self) -> None:
        agenda = self.service.agenda
        self.items = agenda.items()
        self.state = agenda.run_state()
        self.day = agenda.day()
        self._gaps = plan_gaps(self.items)
        self.timing = project(self.items, self.app.now(), self.day, self.state.warning_min)

    def _cells(self, item: AgendaItem) -> tuple:
        return cells(item, self._gaps.get(item.code, 0), self.timing, self._wide)

    def tick(self) -> None:
        """Once a second: the running clock, the offset, and the projected starts that moved."""
        self.timing = timing = project(self.items, self.app.now(), self.day, self.state.warning_min)
        self._run_box.show(timing, self.state)
        table = self._table_widget
        projected = self._projected
        for slot in timing.slots:
            item = slot.item
            value = f"{slot.projected_start:%H:%M}" if item.status is AgendaStatus.PLANNED else ""
            if projected.get(item.code) != value:
                projected[item.code] = value
                if item.code in table.rows:
                    table.update_cell(item.code, "projected", value)

    def _show_plan(self) -> None:
        parts: list[str] = []
        if any(item.fixed_start for item in self.items):
            parts.append(t("agenda.plan.fixed"))
        for item in self.items:
            gap = self._gaps.get(item.code, 0)
            if gap > 0:
                parts.append(t("agenda.plan.gap", n=gap, order=item.order, start=item.planned_start))
            elif gap < 0:
                parts.append(t("agenda.plan.overlap", n=-gap, order=item.order, start=item.planned_start))
        if not any(self._gaps.values()):
            parts.append(t("agenda.plan.ok"))
        self.query_one("#agenda-plan", Static).update(literal(" · ".join(parts)))

    def on_resize(self) -> None:
        wide = self.app.size.width >= WIDE
        if wide != self._wide:
            self._wide = wide
            table = self._table()
            for item in self.items:
                table.update_cell(item.code, "actual", actual_cell(item, wide))
        self._fit()

    def _fit(self) -> None:
        """Title and presenter share what is left: status, actual and projected stay in view,
        sized for the whole run, so the columns do not move as items start and end."""
        fit_columns(self._table(), {"title": 3, "presenter": 2}, self.app.size.width,
                    widest=widest_cells(self._wide))

    def store_changed(self, change: StoreChanged) -> None:
        self._reload()
        table = self._table()
        found = {item.code: self._cells(item) for item in self.items}
        rows.sync(table, found, None if change.reloaded or "agenda" not in change.tables else
                  {*change.codes, *(c for c, g in self._gaps.items() if g)})
        for item in self.items:  # orders and starts that followed an edit
            if item.code in table.rows:
                cells_now = dict(zip(COLUMNS, self._cells(item)))
                for column in ("order", "start"):
                    table.update_cell(item.code, column, cells_now[column], update_width=True)
        order = {str(item.order): item.code for item in self.items}
        rows.order_rows(table, [item.code for item in self.items], "order", lambda cell: order.get(str(cell)))
        self._projected.clear()
        self._show_plan()
        self.tick()
        self._fit()
        self.refresh_bindings()

    def highlighted(self) -> AgendaItem | None:
        code = rows.highlighted_key(self._table())
        return next((item for item in self.items if item.code == code), None)

    def _say(self, text: str, error: bool = False) -> None:
        message = self.query_one("#agenda-message", Static)
        message.update(literal(text))
        message.set_class(error, "-error")

    # ---- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        running = self.timing is not None and self.timing.running is not None
        if action in ("finish", "nudge"):
            return True if running else None
        if action == "clear_message":
            return True if self.state.message else None
        if action == "undo":
            return True if self.state.steps else None
        return True

    @on(DataTable.RowSelected, "#agenda")
    def _enter(self, event: DataTable.RowSelected) -> None:
        self.action_start()

    def action_start(self) -> None:
        item = self.highlighted()
        if item is None:
            self._say(t("agenda.no_item"), True)
            return
        workers.run(self, "start", self.service.agenda.start, item.code)

    def action_finish(self) -> None:
        workers.run(self, "finish", self.service.agenda.finish)

    def action_skip(self) -> None:
        item = self.highlighted()
        if item is not None:
            workers.run(self, "skip", self.service.agenda.skip, item.code)

    def action_nudge(self, minutes: int) -> None:
        workers.run(self, "nudge", self.service.agenda.nudge, minutes)

    def action_undo(self) -> None:
        workers.run(self, "undo", self.service.agenda.undo)

    def action_clear_message(self) -> None:
        workers.run(self, "clear_message", self.service.agenda.clear_message)

    def action_replan(self) -> None:
        def done(moved: int | None) -> None:
            if moved:
                self._say(t("agenda.done.replan", n=moved))
            self._table().focus()

        self.app.push_screen(ReplanDialog(self.app.now()), done)

    def action_stage(self) -> None:
        def done(state: AgendaRun | None) -> None:
            if state is not None:
                self._say(t("agenda.done.message" if state.message else "agenda.done.clear_message"))
            self._table().focus()

        self.app.push_screen(StageDialog(self.state), done)

    def action_add(self) -> None:
        after = self.highlighted()
        self.app.push_screen(ItemForm(items=self.items, after=after), self._saved)

    def action_edit(self) -> None:
        item = self.highlighted()
        if item is not None:
            self.app.push_screen(ItemForm(items=self.items, item=item), self._saved)

    def _saved(self, item: AgendaItem | None) -> None:
        if item is not None:
            self._say(t("agenda.done.saved", title=item.title))
            rows.move_to(self._table(), item.code)
        self._table().focus()

    def action_remove(self) -> None:
        item = self.highlighted()
        if item is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                workers.run(self, "remove", self.service.agenda.remove, item.code)

        self.app.push_screen(ConfirmDialog(t("agenda.remove_confirm", title=item.title)), answered)

    def action_move(self, delta: int) -> None:
        item = self.highlighted()
        if item is not None:
            workers.run(self, "move", self.service.agenda.move, item.code, delta)

    # ---- the store's answers ----------------------------------------------------------------

    def on_store_result(self, message: StoreResult) -> None:
        if not message.ok:
            failure = message.failure
            self._say(failure.reason if failure.refused else t("agenda.not_saved", reason=failure.reason), True)
            return
        result, request = message.result, message.request
        table = self._table()
        if request == "start":
            self._say(t("agenda.done.start", title=result.title, time=clock_time(result.actual_start)))
            if self.timing is not None and self.timing.next is not None:
                rows.move_to(table, self.timing.next.code)
        elif request == "finish":
            self._say(t("agenda.done.finish", title=result.title, time=clock_time(result.actual_end)))
            if self.timing is not None and self.timing.next is not None:
                rows.move_to(table, self.timing.next.code)
        elif request == "skip":
            self._say(t("agenda.done.skip", title=result.title))
            if self.timing is not None and self.timing.next is not None and self.timing.running is None:
                rows.move_to(table, self.timing.next.code)
            else:
                self._move_below(result.code)
        elif request == "nudge":
            self._say(t("agenda.done.nudge", title=result.title, minutes=result.duration_min + result.extra_min))
        elif request == "undo":
            self._say(t("agenda.done.undo", step=t(f"agenda.step.{result.action}")))
        elif request == "clear_message":
            self._say(t("agenda.done.clear_message"))
        elif request == "remove":
            self._say(t("agenda.done.remove", title=result.title))
        elif request == "move":
            self._say(t("agenda.done.move", title=result.title, order=result.order))
            rows.move_to(table, result.code)

    def _move_below(self, code: str) -> None:
        codes = [item.code for item in self.items]
        if code in codes and codes.index(code) + 1 < len(codes):
            rows.move_to(self._table(), codes[codes.index(code) + 1])
