"""Export the attendance list or the introduction list to CSV, XLSX or Markdown."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.io import exporter

from ... import actions, workers
from ...messages import StoreResult
from ...i18n import language, localize_bindings, t
from ...text import literal


class ExportDialog(ModalScreen[None]):
    CSS_PATH = "export_dialog.tcss"
    PANEL = "export"
    BINDINGS = actions.bindings("export")

    def __init__(self, what: str, order: str) -> None:
        super().__init__()
        localize_bindings(self)
        self.what = what
        self.order = order

    def compose(self) -> ComposeResult:
        default = Path.cwd() / f"{'dai-bieu' if self.what == 'delegates' else 'gioi-thieu'}.xlsx"
        with Vertical():
            yield Static(t(f"export.title.{self.what}", order=t(f"order.{self.order}")), classes="title")
            yield Input(str(default), id="export-path")
            yield Static(t("export.hint"), classes="hint")
            yield Static(id="export-message")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def _export(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip().strip('"')).expanduser()
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in exporter.FORMATS:
            self._say(t("export.bad_format", formats=", ".join(exporter.FORMATS)))
            return
        service = self.app.service

        def run() -> Path:
            if self.what == "introduction":
                data = exporter.export_introduction(service, fmt, lang=language())
            else:
                data = exporter.export_delegates(service, fmt, self.order, lang=language())
            exporter.write_export(path, data, store_path=service.path)
            return path

        # writes=False: an export that fails is said here; the store itself was not written
        workers.run(self, "export", run, writes=False)

    def on_store_result(self, message: StoreResult) -> None:
        if not message.ok:
            self._say(message.failure.reason)
            return
        self.app.notify(t("export.done", path=str(message.result)))
        self.dismiss(None)

    def _say(self, text: str) -> None:
        self.query_one("#export-message", Static).update(literal(text))

    def action_cancel(self) -> None:
        self.dismiss(None)
