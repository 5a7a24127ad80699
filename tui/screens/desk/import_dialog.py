"""Import delegates from CSV/XLSX: a preview report first; nothing changes until confirmed."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static

from store.io.importer import ImportPlan, apply_import, describe, plan_import
from store.io.reading import read_table

from ... import actions, workers
from ...messages import Progress, StoreResult
from ...i18n import localize_bindings, t
from ...text import literal, literal_lines


PREVIEW_ROWS = 1_000  # lines of rows in the preview; the counts and notes cover the whole file


class ImportDialog(ModalScreen[bool]):
    """Dismisses with True when delegates were imported (durably), else False."""

    CSS_PATH = "import_dialog.tcss"
    PANEL = "import"
    BINDINGS = actions.bindings("import")

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.plan: ImportPlan | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("import.title"), classes="title")
            yield Input(placeholder=t("import.path"), id="import-path")
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static(id="import-report")
            yield Static(t("import.hint"), classes="hint", id="import-hint")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()
        self._progress().display = False  # shown only while a file is being read

    def _progress(self) -> ProgressBar:
        return self.query_one("#import-progress", ProgressBar)

    @on(Input.Submitted, "#import-path")
    def _preview(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip().strip('"')).expanduser()
        if not event.value.strip():
            return
        self.plan = None
        self._progress().update(total=None, progress=0)
        self._progress().display = True
        self.query_one("#import-report", Static).update(t("import.reading", file=path.name))
        self._plan(path)

    def _plan(self, path: Path) -> None:
        service = self.app.service
        report = workers.progress(self, "plan")

        def plan() -> ImportPlan:
            table = read_table(path)
            units = service.conference.units()
            return plan_import(table, units, service.delegates.given_words(), progress=report), units

        workers.run(self, "plan", plan, writes=False)

    def on_progress(self, message: Progress) -> None:
        self._progress().update(total=message.total, progress=message.done)

    def on_store_result(self, message: StoreResult) -> None:
        self._progress().display = False
        if not message.ok:
            self._show_error(message.failure.reason)
        elif message.request == "plan":
            self._show_plan(*message.result)
        elif message.request == "import":
            counts = message.result
            self.app.notify(t("import.done", added=counts[0], updated=counts[1]))
            self.dismiss(True)

    def _show_error(self, message: str) -> None:
        self.query_one("#import-report", Static).update(literal(message, "bold"))

    def _show_plan(self, plan: ImportPlan, units) -> None:
        """One line per row (the first PREVIEW_ROWS), then the notes, in the UI language."""
        self.plan = plan
        lines = describe(plan, t, limit=PREVIEW_ROWS, units=units)
        lines.append(t("import.confirm") if plan.changes_anything else t("import.nothing"))
        self.query_one("#import-report", Static).update(literal_lines("\n".join(lines)))

    def action_confirm(self) -> None:
        plan = self.plan
        if plan is None or not plan.changes_anything:
            return
        self.plan = None
        self.query_one("#import-report", Static).update(t("import.saving"))
        workers.run(self, "import", apply_import, self.app.service, plan)

    def action_cancel(self) -> None:
        self.dismiss(False)
