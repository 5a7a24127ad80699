"""The ceremony view: the unit whose turn it is, large, the progress ("Đã ký 5/14"), the last
line recorded, who comes next, and the seal's fingerprint once sealed. Full screen, readable from
the back of the hall (what a projector shows until the projector view takes it over).

Enter opens the signing dialog for the unit whose turn it is; F7 records it absent; Ctrl+Z takes
back the last line; F8 seals; Escape (or F6) goes back to the panel. Every change comes back as
StoreChanged, so the view follows changes made anywhere (another window, the command line).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from wording.numbers import clock_time

from ... import actions
from ...i18n import t
from ...messages import StoreChanged
from ...text import literal
from ..common.panel import PanelScreen
from . import ceremony_actions, seal_line


class CeremonyScreen(PanelScreen):
    PANEL = "ceremony"
    HELP_KEY = "cov.help.ceremony"
    CSS_PATH = "ceremony.tcss"
    TABLES = frozenset({"covenant", "signatures", "units"})
    BINDINGS = actions.bindings("ceremony")

    def compose_body(self) -> ComposeResult:
        with Vertical(id="ceremony"):
            yield Static(id="ceremony-title")
            yield Static(id="turn-label")
            yield Static(id="turn-unit")
            yield Static(id="turn-full")
            yield Static(id="progress-line")
            yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
            yield Static(id="last-line")
            yield Static(id="next-line")
            yield Static(id="seal-line")
            yield Static(id="ceremony-message")

    def on_mount(self) -> None:
        self._show()

    def store_changed(self, change: StoreChanged) -> None:
        self._show()

    def _show(self) -> None:
        service = self.service
        covenant = service.covenant.get()
        progress = service.covenant.progress()
        units = {u.code: u for u in service.conference.units()}
        title = self.query_one("#ceremony-title", Static)
        if covenant is None:
            title.update(t("covenant.none"))
            return
        title.update(literal(t("cov.ceremony.title", title=covenant.title)))
        turn = units.get(progress.current)
        if covenant.sealed:
            self.query_one("#turn-label", Static).update(t("cov.ceremony.sealed_label"))
            self.query_one("#turn-unit", Static).update(Text(t("cov.ceremony.sealed_big"), style="bold"))
            self.query_one("#turn-full", Static).update("")
        elif turn is None:
            self.query_one("#turn-label", Static).update(t("cov.ceremony.all_recorded"))
            self.query_one("#turn-unit", Static).update(Text(t("cov.ceremony.ready_to_seal"), style="bold"))
            self.query_one("#turn-full", Static).update(t("cov.ceremony.seal_hint"))
        else:
            self.query_one("#turn-label", Static).update(t("cov.ceremony.turn"))
            self.query_one("#turn-unit", Static).update(Text(turn.short_name.upper(), style="bold"))
            self.query_one("#turn-full", Static).update(literal(turn.full_name))
        self.query_one("#progress-line", Static).update(
            Text(t("cov.progress", signed=progress.signed, total=progress.total)
                 + (t("cov.progress_absent", absent=progress.absent) if progress.absent else ""), style="bold"))
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(progress.total, 1), progress=progress.recorded)
        lines = service.covenant.signatures()
        last = self.query_one("#last-line", Static)
        if lines:
            line = lines[-1]
            unit = units.get(line.unit_code)
            name = unit.short_name if unit else line.unit_code
            if line.absent:
                last.update(literal(t("cov.ceremony.last_absent", unit=name, time=clock_time(line.signed_at)[:5])))
            else:
                last.update(literal(t("cov.ceremony.last", unit=name, signer=line.signer,
                                      authority=line.authority_line, time=clock_time(line.signed_at)[:5])))
        else:
            last.update("")
        recorded = {s.unit_code for s in lines}
        waiting = [units[c].short_name if c in units else c for c in covenant.signing_order
                   if c not in recorded and c != progress.current]
        self.query_one("#next-line", Static).update(
            literal(t("cov.ceremony.next", units=", ".join(waiting[:6]) + (" …" if len(waiting) > 6 else "")))
            if waiting and not covenant.sealed else "")
        seal_line.check(self)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Once sealed, the ceremony's keys leave the key bar (Escape stays)."""
        if action in ("sign", "absent", "undo", "seal"):
            covenant = self.service.covenant.get()
            return not (covenant is not None and covenant.sealed)
        return True

    def say(self, text: str) -> None:
        self.query_one("#ceremony-message", Static).update(literal(text))

    # ---- actions (shared with the panel) --------------------------------------------------

    def action_sign(self) -> None:
        code = self.service.covenant.progress().current
        if code:
            ceremony_actions.open_signing(self, code)

    def action_absent(self) -> None:
        code = self.service.covenant.progress().current
        if code:
            ceremony_actions.record_absent(self, code)

    def action_undo(self) -> None:
        ceremony_actions.undo_last(self)

    def action_seal(self) -> None:
        ceremony_actions.seal(self)

    def action_close(self) -> None:
        self.dismiss()

    def on_store_result(self, message) -> None:
        seal = self.query_one("#seal-line", Static)
        if not seal_line.answered(self, message, seal, unsealed=""):
            ceremony_actions.answered(self, message)
        elif seal.has_class("-broken"):  # a record that no longer matches is not "signed"
            self.query_one("#turn-label", Static).update("")
            self.query_one("#turn-unit", Static).update(Text(t("projector.signing.broken"), style="bold red"))
