"""Print the signed record from the panel: the same file as `hoinghi export covenant`
(Markdown, PDF or XLSX by the file's extension). A file that exists is overwritten only after
the user says yes; the store's own files are refused."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.core.storage import refuse_store_files
from store.errors import StoreError
from store.io import exporter
from store.io.covenant_export import FORMATS, export_covenant

from ... import actions, workers
from ...i18n import language, localize_bindings, t
from ...messages import StoreResult
from ...text import literal
from ..common.confirm import ConfirmDialog


class CovenantExportDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    CovenantExportDialog { align: center middle; }
    CovenantExportDialog > Vertical { width: 90; max-width: 98%; height: auto; border: thick $primary;
                                      background: $surface; padding: 0 1; }
    CovenantExportDialog .title { text-style: bold; padding: 0 0 1 0; }
    CovenantExportDialog .hint { color: $text-muted; }
    CovenantExportDialog #export-message { color: $error; text-style: bold; height: auto; }
    """
    PANEL = "export"
    BINDINGS = actions.bindings("export")

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("cov.export.title"), classes="title")
            yield Input(str(Path.cwd() / "giao-uoc.pdf"), id="export-path")
            yield Static(t("cov.export.hint"), classes="hint")
            yield Static(id="export-message")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def _export(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip().strip('"')).expanduser()
        fmt = {"markdown": "md"}.get(path.suffix.lower().lstrip("."), path.suffix.lower().lstrip("."))
        if fmt not in FORMATS:
            self._say(t("export.bad_format", formats=", ".join(FORMATS)))
            return
        service = self.app.service
        try:
            refuse_store_files(path, service.path)
        except StoreError as refused:
            self._say(str(refused))
            return
        if os.path.lexists(path):
            def answered(yes: bool | None) -> None:
                if yes:
                    self._run(path, fmt)
                else:
                    self.query_one("#export-path", Input).focus()

            self.app.push_screen(ConfirmDialog(t("export.overwrite", path=str(path))), answered)
            return
        self._run(path, fmt)

    def _run(self, path: Path, fmt: str) -> None:
        service = self.app.service
        lang = language()

        def run() -> Path:
            exporter.write_export(path, export_covenant(service, fmt, lang), store_path=service.path)
            return path

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
