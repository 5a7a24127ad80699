"""Export something to a file from a panel: the delegate list, the introduction list, the ranking,
the signed covenant. One dialog for all of them, told what it exports: a title, the formats
offered, a suggested file name, and the function that makes the file's bytes
(`make(service, fmt, lang=...)`, as in `store.io.exports.EXPORTS`).

The user types a path; its extension picks the format (as `hoinghi export -o`). The store's own
files are refused; a file that exists is overwritten only after the user says yes (C/K); the
export runs in a thread and what went wrong is said in the dialog, in the interface language."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.core.storage import refuse_store_files
from store.errors import StoreError
from store.io import exporter
from store.io.exports import EXPORTS, EXTENSIONS

from ... import actions, workers
from ...i18n import language, localize_bindings, t
from ...messages import StoreResult
from ...text import literal_lines
from .confirm import ConfirmDialog

#: `make(service, fmt, lang=...) -> bytes`
MakeExport = Callable[..., bytes]


class ExportDialog(ModalScreen[None]):
    CSS_PATH = "export_dialog.tcss"
    PANEL = "export"
    BINDINGS = actions.bindings("export")

    def __init__(self, title: str, formats: Sequence[str], filename: str, make: MakeExport) -> None:
        """`formats`: what may be written ("csv", "xlsx", "md", "pdf"); `filename`: the suggested
        file (in the current directory); `make`: the export function, e.g. a `functools.partial`
        of one that takes more than the service, the format and the language."""
        super().__init__()
        localize_bindings(self)
        self.title_text = title
        self.formats = tuple(formats)
        self.filename = filename
        self.make = make

    @classmethod
    def of(cls, what: str, title: str, filename: str) -> ExportDialog:
        """The dialog for an export of the registry (`hoinghi export WHAT`)."""
        spec = EXPORTS[what]
        return cls(title, spec.formats, filename, spec.load())

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            yield Input(str(Path.cwd() / self.filename), id="export-path")
            yield Static(t("export.hint", formats=self._listed()), classes="hint")
            yield Static(id="export-message")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    def _export(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip().strip('"')).expanduser()
        fmt = EXTENSIONS.get(path.suffix.lower().lstrip("."))
        if fmt not in self.formats:
            self._say(t("export.bad_format", formats=self._listed()))
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
        service, make, lang = self.app.service, self.make, language()

        def run() -> Path:
            exporter.write_export(path, make(service, fmt, lang=lang), store_path=service.path)
            return path

        self._say(t("export.writing"), working=True)
        # writes=False: an export that fails is said here; the store itself was not written
        workers.run(self, "export", run, writes=False)

    def on_store_result(self, message: StoreResult) -> None:
        if message.request != "export":
            return
        if not message.ok:
            self._say(message.failure.reason if message.failure else "")
            return
        self.app.notify(t("export.done", path=str(message.result)))
        self.dismiss(None)

    def _listed(self) -> str:
        return ", ".join(f".{fmt}" for fmt in self.formats)

    def _say(self, text: str, working: bool = False) -> None:
        message = self.query_one("#export-message", Static)
        message.set_class(working, "working")
        message.update(literal_lines(text))

    def action_cancel(self) -> None:
        self.dismiss(None)

