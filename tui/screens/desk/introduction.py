"""The introduction list the MC reads: present delegates in protocol order."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from store.models.roster import introduction_rows

from ... import actions
from ...i18n import localize_bindings, t
from ...text import literal


class IntroductionScreen(ModalScreen[None]):
    CSS_PATH = "introduction.tcss"
    PANEL = "intro"
    BINDINGS = actions.bindings("intro")

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="intro-title")
            yield DataTable(id="intro", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        service = self.app.service
        rows = introduction_rows(service.delegates.all(), service.conference.units())
        self.query_one("#intro-title", Static).update(t("intro.title", count=len(rows)))
        table = self.query_one("#intro", DataTable)
        table.add_columns(*(t(f"intro.col.{c}") for c in ("no", "name", "position", "unit", "behalf")))
        for number, *cells in rows:
            table.add_row(str(number), *map(literal, cells))
        table.focus()

    def action_export(self) -> None:
        from .export_dialog import introduction_export

        self.app.push_screen(introduction_export())

    def action_close(self) -> None:
        self.dismiss(None)
