"""The covenant panel (F5): the signing (one line per unit in the signing order), the text
(movements and content groups) and the support handovers, one view at a time (F9 switches).

Signing view: Enter on a unit opens the signing dialog, and after each line the highlight moves
to the unit whose turn it is (the ceremony is Enter, Enter per unit); F7 records it absent;
Ctrl+Z takes back the last line; Ctrl+U / Ctrl+D move a unit in the signing order, + puts a
member unit back at its end and - takes the highlighted one out; F8 seals (then the ceremony's
keys leave the key bar); F6 opens the full-screen ceremony view; Ctrl+K records next year's
cluster head; Ctrl+L prints the record. The seal line turns red, naming what, when the record
no longer matches its seal or its log (seal_line.py).
Text view: Ctrl+E edits year, title and movements; Enter or Ctrl+T edits a group, Ctrl+N adds
one, Ctrl+R removes it, Ctrl+U / Ctrl+D move it. Handovers view: Enter marks a handover as
handed over now (or takes the mark back, after asking); Ctrl+N / Ctrl+T / Ctrl+R add, edit,
remove. Every change is a store call in a worker; rows update in place on StoreChanged. Each view is a
widget of its own (signing_view.py, text_view.py, handovers_view.py); this screen keeps the
switch, the keys and what the three share: the title, the seal line, the message line.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.widgets import ContentSwitcher, DataTable, Static

from wording.numbers import clock_time

from ... import actions
from ...i18n import t
from ...messages import StoreChanged, StoreResult
from ...text import literal
from ..common.panel import PanelScreen
from . import ceremony_actions, order_actions, seal_line
from .forms import CovenantForm, Field
from .handovers_view import HandoversView, unit_options
from .signing_view import SigningView
from .text_view import TextView
from .view import CovenantView

VIEWS = ("signing", "text", "handovers")


class CovenantScreen(PanelScreen):
    PANEL = "covenant"
    HELP_KEY = "cov.help"
    CSS_PATH = "covenant.tcss"
    TABLES = frozenset({"covenant", "signatures", "units", "handovers"})
    BINDINGS = actions.bindings("covenant")

    #: keys of the ceremony and of the text, gone from the key bar once the covenant is sealed
    SEALED_AWAY = frozenset({"absent", "undo", "seal", "move", "order_add", "order_remove", "edit_text"})

    def compose_body(self) -> ComposeResult:
        yield Static(id="covenant-title", classes="panel-title")
        yield Static(id="seal-line")
        with ContentSwitcher(initial="view-signing", id="views"):
            yield SigningView(id="view-signing")
            yield TextView(id="view-text")
            yield HandoversView(id="view-handovers")
        yield Static(id="covenant-message")

    def on_mount(self) -> None:
        self._show()
        self.query_one(SigningView).measure()
        self._fit()
        self.query_one(SigningView).to_turn()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """Long texts share what is left: the target, the time and the amount stay in view."""
        width = self.app.size.width
        for view in self.query(CovenantView):
            view.fit(width)

    def _view(self) -> CovenantView:
        """The view in front."""
        return self.query_one(f"#{self.query_one('#views', ContentSwitcher).current}", CovenantView)

    # ---- what is shown ----------------------------------------------------------------------

    def _show(self) -> None:
        covenant = self.service.covenant.get()
        title = self.query_one("#covenant-title", Static)
        if covenant is None:
            title.update(t("covenant.none"))
            self.query_one("#seal-line", Static).update("")
        else:
            title.update(literal(f"{covenant.title} ({covenant.year})", "bold"))
            seal_line.check(self)
        for view in self.query(CovenantView):
            view.show(covenant)

    def store_changed(self, change: StoreChanged) -> None:
        self._show()
        signing = self.query_one(SigningView)
        if change.tables & {"covenant", "units", "signatures", "delegates"} and signing.measure():
            self._fit()
        if change.tables & {"signatures", "covenant"}:
            signing.to_turn()
        self.refresh_bindings()  # the seal takes the ceremony's keys away

    def say(self, text: str) -> None:
        self.query_one("#covenant-message", Static).update(literal(text))

    # ---- the views ----------------------------------------------------------------------------

    def action_next_view(self) -> None:
        switcher = self.query_one("#views", ContentSwitcher)
        name = VIEWS[(VIEWS.index(switcher.current.removeprefix("view-")) + 1) % len(VIEWS)]
        switcher.current = f"view-{name}"
        self._view().table.focus()
        self.say(t(f"cov.view.{name}"))
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_row()

    def action_open_row(self) -> None:
        view = self._view()
        code = view.current()
        if code is not None:
            view.open(code)

    def action_move(self, delta: int) -> None:
        view = self._view()
        code = view.current()
        if code is not None:
            view.move(code, delta)

    def action_add(self) -> None:
        self._view().add()

    def action_edit(self) -> None:
        view = self._view()
        code = view.current()
        if code is not None:
            view.edit(code)

    def action_remove(self) -> None:
        view = self._view()
        code = view.current()
        if code is not None:
            view.remove(code)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        try:
            covenant = self.service.covenant.get()
            view = self._view()
        except NoMatches:  # not composed yet
            return True
        except Exception:  # noqa: BLE001 - a closed store: every key stays as it is
            return True
        allowed = view.allows(action, covenant)
        if allowed is not None:
            return allowed
        return not (covenant is not None and covenant.sealed and action in self.SEALED_AWAY)

    # ---- the ceremony -------------------------------------------------------------------------

    def action_ceremony(self) -> None:
        from .ceremony import CeremonyScreen

        self.app.push_screen(CeremonyScreen())

    def action_absent(self) -> None:
        view = self._view()
        code = view.current() if isinstance(view, SigningView) else self.service.covenant.progress().current
        if code:
            ceremony_actions.record_absent(self, code)

    def action_undo(self) -> None:
        ceremony_actions.undo_last(self)

    def action_seal(self) -> None:
        ceremony_actions.seal(self)

    def action_order_add(self) -> None:
        order_actions.add(self)

    def action_order_remove(self) -> None:
        view = self._view()
        code = view.current()
        if code is not None and isinstance(view, SigningView):
            view.take_out(code)

    # ---- the covenant's text and next year's head --------------------------------------------

    def action_edit_text(self) -> None:
        service = self.service
        covenant = service.covenant.get()
        if covenant is None:
            conference = service.conference.get()
            year = (conference.year + 1) if conference else ""
            fields = [Field("year", t("cov.field.year"), str(year), store_name="covenant_year"),
                      Field("title", t("cov.field.title"), t("cov.default_title", year=year), store_name="covenant_title")]
            self.app.push_screen(CovenantForm(t("cov.form.create"), fields, service.covenant.create,
                                              convert=_year_title), self.saved)
            return
        fields = [Field("year", t("cov.field.year"), str(covenant.year), store_name="covenant_year"),
                  Field("title", t("cov.field.title"), covenant.title, store_name="covenant_title"),
                  Field("movements", t("cov.field.movements"), "\n".join(covenant.movements), kind="area",
                        store_name="covenant_movements")]
        self.app.push_screen(CovenantForm(t("cov.form.text"), fields, service.covenant.edit_text,
                                          convert=_text_values), self.saved)

    def action_next_head(self) -> None:
        covenant = self.service.covenant.get()
        if covenant is None:
            self.say(t("reason.no_covenant"))
            return
        fields = [Field("next_head_unit", t("cov.field.next_head_unit"), covenant.next_head_unit,
                        kind="select", options=unit_options(self), placeholder=t("cov.no_unit")),
                  Field("next_head_name", t("cov.field.next_head_name"), covenant.next_head_name)]
        self.app.push_screen(CovenantForm(t("cov.form.next_head", year=covenant.year), fields,
                                          self.service.covenant.set_next_head, convert=_head_values),
                             self.saved)

    def action_export(self) -> None:
        from ..common.papers import covenant_dialog

        self.app.push_screen(covenant_dialog())

    # ---- answers ----------------------------------------------------------------------------

    def saved(self, result) -> None:
        """A form's answer: said once saved."""
        if result is not None:
            self.say(t("cov.saved"))

    def on_store_result(self, message: StoreResult) -> None:
        if seal_line.answered(self, message, self.query_one("#seal-line", Static)):
            return
        if ceremony_actions.answered(self, message) or order_actions.answered(self, message):
            return
        if not message.ok:
            self.say(message.failure.reason)
        elif message.request == "handed":
            h = message.result
            self.say(t("cov.handed_ok", what=h.what, time=clock_time(h.handed_at)[:5]) if h.handed_over
                     else t("cov.unhanded_ok", what=h.what))


def _year_title(values: dict) -> dict:
    return {"year": values["year"], "title": values["title"]}


def _text_values(values: dict) -> dict:
    return {"year": values["year"], "title": values["title"],
            "movements": values["movements"].splitlines()}


def _head_values(values: dict) -> dict:
    return {"unit_code": values["next_head_unit"], "name": values["next_head_name"]}
