"""Import delegates from CSV/XLSX: a preview report first; nothing changes until confirmed."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static

from store.errors import StoreError
from store.io.importer import Action, ImportPlan, apply_import, plan_import
from store.io.reading import read_table

from ..i18n import localize_bindings, t
from ..text import literal


class ImportDialog(ModalScreen[bool]):
    """Dismisses with True when delegates were imported (durably), else False."""

    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    ImportDialog > Vertical { width: 100; max-width: 98%; height: 90%; border: thick $primary;
                              background: $surface; padding: 0 1; }
    ImportDialog #import-report { height: 1fr; overflow-y: auto; }
    ImportDialog .title { text-style: bold; padding: 1 0 0 0; }
    ImportDialog .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="import.cancel"),
        Binding("ctrl+y", "confirm", "key.confirm", id="import.confirm"),
    ]

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

    @on(Input.Submitted, "#import-path")
    def _preview(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip().strip('"')).expanduser()
        if not event.value.strip():
            return
        self.plan = None
        self.query_one("#import-report", Static).update(t("import.reading", file=path.name))
        self._plan(path)

    @work(thread=True, exclusive=True, group="import-plan")
    def _plan(self, path: Path) -> None:
        service = self.app.service
        try:
            table = read_table(path)
            plan = plan_import(table, service.conference.units(), service.delegates.all(), progress=self._progress)
        except StoreError as error:
            self.app.call_from_thread(self._show_error, str(error))
            return
        except OSError as error:
            self.app.call_from_thread(self._show_error, f"{path}: {error.strerror or error}")
            return
        self.app.call_from_thread(self._show_plan, plan)

    def _progress(self, done: int, total: int) -> None:
        self.app.call_from_thread(self.query_one("#import-progress", ProgressBar).update,
                                  total=total, progress=done)

    def _show_error(self, message: str) -> None:
        self.query_one("#import-report", Static).update(literal(message, "bold"))

    def _show_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        counts = plan.counts
        lines = [t("import.summary", added=counts.get(Action.ADD.value, 0),
                   updated=counts.get(Action.UPDATE.value, 0),
                   unchanged=counts.get(Action.UNCHANGED.value, 0),
                   rejected=counts.get(Action.REJECTED.value, 0))]
        lines += [t("import.rejected_row", row=r.row, name=r.name or "—",
                    field=t(f"field.{r.field}") if r.field else "", reason=r.reason)
                  for r in plan.rejected]
        if plan.adds or plan.updates:
            lines.append(t("import.confirm"))
        else:
            lines.append(t("import.nothing"))
        self.query_one("#import-report", Static).update(literal("\n".join(lines)))

    def action_confirm(self) -> None:
        plan = self.plan
        if plan is None or not (plan.adds or plan.updates):
            return
        self.plan = None
        self.query_one("#import-report", Static).update(t("import.saving"))
        self.app.store_call(apply_import, self.app.service, plan, on_done=self._imported,
                            on_refused=lambda error: self._show_error(str(error)))

    def _imported(self, counts: tuple[int, int]) -> None:
        self.app.notify(t("import.done", added=counts[0], updated=counts[1]))
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
