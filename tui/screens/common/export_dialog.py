"""Export something to a file from a panel: the delegate list, the introduction list, the ranking,
the signed covenant. One dialog for all of them, told what it exports: a title, the formats
offered, a suggested file name, and the function that makes the file's bytes
(`make(service, fmt, lang=...)`, as in `store.io.exports.EXPORTS`). Given several `Paper`s
(`ExportDialog.choosing`), it lists them and ↑/↓ choose which one is written; the suggested file
name follows the choice.

The user types a path; its extension picks the format (as `hoinghi export -o`). The store's own
files are refused; a file that exists is overwritten only after the user says yes (C/K); the
export runs in a thread and what went wrong is said in the dialog, in the interface language."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from store.errors import StoreError
from store.io.exports import EXPORTS, EXTENSIONS, refuse_target, write

from ... import actions, workers
from ...i18n import language, localize_bindings, t
from ...messages import StoreResult
from ...text import literal_lines
from .confirm import ConfirmDialog

#: `make(service, fmt, lang=...) -> bytes`
MakeExport = Callable[..., bytes]


@dataclass(frozen=True)
class Paper:
    """One thing the dialog can write: its name in the list, formats, file name and maker."""

    label: str
    formats: tuple[str, ...]
    filename: str
    make: MakeExport

    @classmethod
    def of(cls, what: str, label: str, filename: str) -> Paper:
        spec = EXPORTS[what]
        return cls(label, spec.formats, filename, spec.load())


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
        self.papers: tuple[Paper, ...] = ()
        self.chosen = 0

    @classmethod
    def of(cls, what: str, title: str, filename: str) -> ExportDialog:
        """The dialog for an export of the registry (`hoinghi export WHAT`)."""
        spec = EXPORTS[what]
        return cls(title, spec.formats, filename, spec.load())

    @classmethod
    def choosing(cls, title: str, papers: Sequence[Paper], first: int = 0) -> ExportDialog:
        """The dialog offering `papers` (↑/↓ choose), `first` chosen when it opens."""
        paper = papers[first]
        dialog = cls(title, paper.formats, paper.filename, paper.make)
        dialog.papers = tuple(papers)
        dialog.chosen = first
        return dialog

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.title_text, classes="title", markup=False)
            if self.papers:
                papers = OptionList(*(literal_lines(p.label) for p in self.papers), id="export-papers")
                papers.can_focus = False
                papers.highlighted = self.chosen
                yield papers
            yield Input(str(Path.cwd() / self.filename), id="export-path")
            yield Static(self._hint(), classes="hint")
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
            refuse_target(path, service.path)
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
            write(path, make(service, fmt, lang=lang), store=service.path)
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return bool(self.papers)
        return True

    def action_choose(self, delta: int) -> None:
        """Choose the paper `delta` places down the list; the path keeps its folder and takes
        the new paper's file name."""
        if not self.papers:
            return
        self.chosen = (self.chosen + delta) % len(self.papers)
        paper = self.papers[self.chosen]
        self.formats, self.filename, self.make = paper.formats, paper.filename, paper.make
        self.query_one("#export-papers", OptionList).highlighted = self.chosen
        path = self.query_one("#export-path", Input)
        typed = Path(path.value.strip().strip('"') or paper.filename)
        path.value = str(typed.with_name(paper.filename))
        self.query_one(".hint", Static).update(self._hint())
        self._say("")

    def _hint(self) -> str:
        return t("papers.hint" if self.papers else "export.hint", formats=self._listed())

    def _listed(self) -> str:
        return ", ".join(f".{fmt}" for fmt in self.formats)

    def _say(self, text: str, working: bool = False) -> None:
        message = self.query_one("#export-message", Static)
        message.set_class(working, "working")
        message.update(literal_lines(text))

    def action_cancel(self) -> None:
        self.dismiss(None)

