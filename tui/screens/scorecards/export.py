"""Export the ranking from the panel (the same as `hoinghi export ranking`): CSV, XLSX, Markdown
or a PDF laid out as a Party document, the format from the file's extension. A file that exists
is overwritten only after the user says yes; the store's own files are refused."""

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
from store.io.ranking_export import export_ranking

from ... import actions, workers
from ...i18n import language, localize_bindings, t
from ...messages import StoreResult
from ...text import literal
from ..common.confirm import ConfirmDialog

FORMATS = ("csv", "xlsx", "md", "pdf")


class RankingExportDialog(ModalScreen[None]):
    CSS_PATH = "export.tcss"
    PANEL = "scoreform"
    BINDINGS = actions.bindings("scoreform")

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("scorecards.export.title"), classes="title")
            yield Input(str(Path.cwd() / t("scorecards.export.file")), id="export-path")
            yield Static(t("scorecards.export.hint"), classes="hint")
            yield Static(id="export-message", classes="reason")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def _export(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip().strip('"')).expanduser()
        fmt = path.suffix.lower().lstrip(".")
        fmt = "md" if fmt == "markdown" else fmt
        if fmt not in FORMATS:
            self._say(t("scorecards.export.bad_format", formats=", ".join(FORMATS)))
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

            self.app.push_screen(ConfirmDialog(t("scorecards.export.overwrite", path=str(path))), answered)
            return
        self._run(path, fmt)

    def _run(self, path: Path, fmt: str) -> None:
        service, lang = self.app.service, language()

        def run() -> Path:
            exporter.write_export(path, export_ranking(service, fmt, lang), store_path=service.path)
            return path

        self._say(t("scorecards.export.writing"))
        workers.run(self, "export", run, writes=False)

    def on_store_result(self, message: StoreResult) -> None:
        if message.request != "export":
            return
        if not message.ok:
            self._say(message.failure.reason if message.failure else "")
            return
        self.app.notify(t("scorecards.export.done", path=str(message.result)))
        self.dismiss(None)

    def _say(self, text: str) -> None:
        self.query_one("#export-message", Static).update(literal(text))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_move(self, step: int) -> None:
        pass
