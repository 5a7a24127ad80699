"""Fill an empty store from a conference workbook: a preview report first (sheet, row, field,
reason), nothing saved until Ctrl+Y, and nothing at all while the workbook has a problem."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.service.new_store import WorkbookPlan, plan_workbook

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...text import literal, literal_lines


class WorkbookDialog(ModalScreen[bool]):
    """Dismisses with True when the store was filled (durably), else False."""

    CSS_PATH = "setup.tcss"
    PANEL = "import"
    BINDINGS = actions.bindings("import")

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.plan: WorkbookPlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="workbook-box"):
            yield Static(t("setup.import.title"), classes="title")
            yield Input(placeholder=t("setup.import.path"), id="workbook-path")
            with VerticalScroll(id="workbook-scroll"):  # a long report scrolls (PgUp/PgDn, wheel)
                yield Static(id="workbook-report")
            yield Static(t("setup.import.hint"), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#workbook-path", Input).focus()

    @on(Input.Submitted, "#workbook-path")
    def _preview(self, event: Input.Submitted) -> None:
        text = event.value.strip().strip('"')
        if not text:
            return
        path = Path(text).expanduser()
        self.plan = None
        self._report(t("setup.import.reading", file=path.name))
        workers.run(self, "plan", plan_workbook, path, writes=False)

    def _report(self, text: str, style: str = "") -> None:
        self.query_one("#workbook-report", Static).update(literal_lines(text, style))

    def on_store_result(self, message: StoreResult) -> None:
        if not message.ok:
            self._report(message.failure.reason, "bold")
        elif message.request == "plan":
            plan: WorkbookPlan = message.result
            lines = plan.describe(t)
            held = self._held(plan)
            if plan.ok and held:
                lines.append(t("setup.import.not_empty", tables=", ".join(t(f"table.{name}") for name in held)))
            elif plan.ok:
                self.plan = plan
                lines.append(t("setup.import.confirm"))
            self._report("\n".join(lines))
        elif message.request == "fill":
            self.app.notify(t("setup.import.done"))
            self.dismiss(True)

    def _held(self, plan: WorkbookPlan) -> list[str]:
        """The tables of the plan the open store already has records in (a workbook fills an
        empty store only)."""
        counts = self.app.service.summary().counts
        return [name for name in plan.documents if counts.get(name)]

    def action_confirm(self) -> None:
        plan = self.plan
        if plan is None:
            return
        self.plan = None
        self.query_one("#workbook-report", Static).update(literal(t("setup.import.saving")))
        workers.run(self, "fill", self.app.service.conference.fill, plan.documents, source=plan.source)

    def action_cancel(self) -> None:
        self.dismiss(False)
