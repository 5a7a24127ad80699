"""Export the attendance list or the introduction list to CSV, XLSX or Markdown.

The delegate list follows the desk: its order and its unit filter (given, or read from the desk
that opens the dialog). A file that exists is overwritten only after the user says yes."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.core.storage import refuse_store_files
from store import roster
from store.errors import StoreError
from store.io import exporter

from ... import actions, workers
from ...messages import StoreResult
from ...i18n import language, localize_bindings, t
from ...text import literal
from ..common.confirm import ConfirmDialog


class ExportDialog(ModalScreen[None]):
    CSS_PATH = "export_dialog.tcss"
    PANEL = "export"
    BINDINGS = actions.bindings("export")

    def __init__(self, what: str, order: str, unit: str | None = None) -> None:
        """`unit`: only that unit's delegates (the desk's unit filter); None: everyone."""
        super().__init__()
        localize_bindings(self)
        self.what = what
        self.order = order
        self.unit: str | None = unit if what == "delegates" else None

    def compose(self) -> ComposeResult:
        default = Path.cwd() / f"{'dai-bieu' if self.what == 'delegates' else 'gioi-thieu'}.xlsx"
        with Vertical():
            yield Static(self._title(), classes="title")
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
        try:  # the store's own files: refused before asking whether to overwrite them
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
        what, order, unit = self.what, self.order, self.unit

        def run() -> Path:
            if what == "introduction":
                data = exporter.export_introduction(service, fmt, lang=language())
            else:
                data = exporter.export_delegates(service, fmt, order, lang=language(), unit=unit)
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

    def _title(self) -> str:
        order = t(f"order.{self.order}")
        if self.unit is None:
            return t(f"export.title.{self.what}", order=order)
        if self.unit == roster.GUESTS:
            name = t("picker.guests")
        else:
            units = {u.code: u for u in self.app.service.conference.units()}
            unit = units.get(self.unit)
            name = (unit.short_name or unit.full_name) if unit else self.unit
        return t("export.title.delegates_unit", order=order, unit=name)

    def _say(self, text: str) -> None:
        self.query_one("#export-message", Static).update(literal(text))

    def action_cancel(self) -> None:
        self.dismiss(None)
