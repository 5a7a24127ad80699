"""The one form of the app: a modal of labelled fields, each checked as it is typed.

A form declares only its fields (`compose_fields`, with `field_row` for each labelled row), how a
field is checked (`check`, raising the store's own ValidationError), what it is called
(`label`) and which store call saves it (`save_call`). Everything else is here:

- a field checked as it is typed says why it is wrong on the line under it (`↳ …`);
- Enter saves: every checked field is checked first, and the first wrong one (top first) takes the
  focus, scrolled into view with its reason (the fields scroll at 80x24); then the store call runs
  in a worker (`tui.workers.run`), and a refusal of the store (ValidationError, worded by
  `tui/validation_words.py`) is shown beside the field it names, which takes the focus;
- Escape on a changed form asks before discarding (C/K, `ConfirmDialog`), on an unchanged form (or
  one whose save is under way) closes at once;
- one rule for the keys in every form: Enter saves from any field (a drop-down and a tick box
  too; only a several-line box takes Enter as a new line), ↑/↓ and Tab move between fields, a
  drop-down opens with Space or Alt+↓ only (Textual's Select opens on Enter and ↓ too: the form
  takes those keys before it does).

The dialog dismisses with what the store returned once the write is durable, or None.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Generic, Sequence, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.css.query import NoMatches
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from store.errors import ValidationError

from ... import actions, workers
from ...i18n import localize_bindings, t
from ...messages import StoreResult
from ...validation_words import reason
from ...text import literal
from .confirm import ConfirmDialog

#: the rules every form shares; each form's own .tcss gives only its sizes
FORM_CSS = Path(__file__).with_name("form.tcss")

ResultT = TypeVar("ResultT")
SaveCall = tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]


def field_row(name: str, label: str, widget: Widget, *, reason_line: bool = True,
              area: bool = False) -> ComposeResult:
    """One labelled field (the widget's id is the field's name) and the line under it where its
    reason is shown. `area`: a several-line box (a taller row)."""
    with Horizontal(classes="row area" if area else "row"):
        yield Label(label)
        yield widget
    if reason_line:
        yield Static(id=f"{name}-error", classes="error")


def comparable(values: dict[str, Any]) -> dict[str, str]:
    """Values as compared to tell a changed form: None is empty, spaces around do not count."""
    return {name: "" if value is None else str(value).strip() for name, value in values.items()}


class FormScreen(ModalScreen[ResultT], Generic[ResultT]):
    """The base of every form: subclass it, declare the fields, the checks and the save."""

    PANEL = "form"
    BINDINGS = actions.bindings("form")
    #: the fields checked as typed and before saving, top first (their widgets' ids)
    CHECKED: tuple[str, ...] = ()
    #: when a field changes, the fields checked against it are checked again
    DEPENDENT: dict[str, tuple[str, ...]] = {}
    #: what a choice box holds when nothing is chosen
    NO_CHOICE: Any = ""

    def __init__(self, values: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.css_path = [FORM_CSS, *self.css_path]  # the shared rules first, then the form's sizes
        localize_bindings(self)
        #: field -> its value as typed (kept in step with the widgets)
        self.values: dict[str, Any] = dict(values or {})
        self._initial = comparable(self.values)
        #: field -> why it is wrong, as shown under it
        self.errors: dict[str, str] = {}
        #: Enter was pressed and the form was valid: the write is under way
        self._saving = False

    # ---- what each form declares ---------------------------------------------------------------

    def form_title(self) -> str:
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def label(self, name: str) -> str:
        """The field's name as the form shows it (in the reason said on saving)."""
        return t(f"field.{name}")

    def checked_fields(self) -> Sequence[str]:
        return self.CHECKED

    def check(self, name: str, value: Any) -> None:
        """Raise the store's ValidationError when the value would be refused."""

    def save_call(self) -> SaveCall:
        """(function, args, kwargs): the store call that saves the form."""
        raise NotImplementedError

    def field_of(self, error: ValidationError) -> str | None:
        """The field a refusal of the store names (None: no field of this form)."""
        return error.field if self._reason_line(error.field) is not None else None

    def first_field(self) -> str:
        """The field focused when the form opens."""
        return self.checked_fields()[0]

    def hint(self) -> str:
        return t("form.hint")

    # ---- the form ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(literal(self.form_title()), id="form-title")
            with VerticalScroll(id="form-fields"):
                yield from self.compose_fields()
            yield Static(id="form-message")
            yield Static(self.hint(), id="form-hint")

    def on_mount(self) -> None:
        self.query_one(f"#{self.first_field()}").focus()

    @property
    def AUTO_FOCUS(self) -> str:  # noqa: N802 - Textual's name
        """The first field has the focus from the start (not the box that scrolls the fields):
        keys typed as the form opens land in it (tui/key_order.py waits for the focus)."""
        return f"#{self.first_field()}"

    # ---- checking as typed ---------------------------------------------------------------------

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._set(event.input.id, event.value)

    @on(TextArea.Changed)
    def _typed_lines(self, event: TextArea.Changed) -> None:
        self._set(event.text_area.id, event.text_area.text)

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        self._set(event.select.id, self.NO_CHOICE if event.value == Select.NULL else event.value)

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        self._set(event.checkbox.id, event.value)

    def _set(self, name: str | None, value: Any) -> None:
        if not name:
            return
        self.values[name] = value
        self.field_changed(name)

    def field_changed(self, name: str) -> None:
        """A field changed: check it (and those checked against it); an unchecked field loses the
        reason a refusal of the store gave it."""
        if name in self.checked_fields():
            self._check_field(name)
        else:
            self.show_error(name, "")
        for other in self.DEPENDENT.get(name, ()):
            self._check_field(other)

    def _check_field(self, name: str) -> bool:
        try:
            self.check(name, self.values.get(name))
        except ValidationError as exc:
            self.errors[name] = reason(exc)
            self.show_error(name, self.errors[name])
            return False
        self.errors.pop(name, None)
        self.show_error(name, "")
        return True

    def _reason_line(self, name: str) -> Static | None:
        try:
            return self.query_one(f"#{name}-error", Static)
        except (NoMatches, ValueError):  # a field without a reason line, or no such field
            return None

    def show_error(self, name: str, text: str) -> None:
        line = self._reason_line(name)
        if line is None:
            return
        line.update(literal(f"↳ {text}" if text else ""))
        line.set_class(bool(text), "-shown")

    def focus_field(self, name: str) -> None:
        """Focus the field and scroll so that it and its reason are both in view."""
        self.query_one(f"#{name}").focus(scroll_visible=False)
        line = self._reason_line(name)
        if line is not None:
            self.call_after_refresh(self.query_one("#form-fields", VerticalScroll).scroll_to_center,
                                    line, animate=False)

    # ---- saving --------------------------------------------------------------------------------

    @on(Input.Submitted)
    def action_save(self) -> None:
        if self._saving:
            return
        bad = [name for name in self.checked_fields() if not self._check_field(name)]
        if bad:
            first = bad[0]
            self.say(t("form.field_invalid", field=self.label(first), reason=self.errors[first]))
            self.focus_field(first)
            return
        fn, args, kwargs = self.save_call()
        self._saving = True
        self.say(t("form.saving"))
        workers.run(self, "save", fn, *args, **kwargs)

    def on_store_result(self, message: StoreResult) -> None:
        """The write returned: close with what it saved. (Closed already by Escape? Then this is
        dropped; the panel shows the change from its StoreChanged all the same.)"""
        if message.ok:
            self.dismiss(message.result)
            return
        self._saving = False
        failure = message.failure
        error = failure.error
        if isinstance(error, ValidationError):
            name = self.field_of(error)
            if name is not None:
                self.errors[name] = reason(error)
                self.show_error(name, self.errors[name])
                self.focus_field(name)
        self.say(failure.reason if failure.refused else t("form.not_saved", reason=failure.reason))

    def say(self, text: str) -> None:
        self.query_one("#form-message", Static).update(literal(text))

    # ---- leaving -------------------------------------------------------------------------------

    def changed(self) -> bool:
        """Whether anything differs from what the form opened with."""
        now = comparable(self.values)
        return any(now.get(name, "") != self._initial.get(name, "") for name in now.keys() | self._initial.keys())

    def action_next(self) -> None:
        self.focus_next()

    def action_move(self, step: int) -> None:
        if step < 0:
            self.focus_previous()
        else:
            self.focus_next()

    # ---- the keys every form shares (before the focused field's own) ---------------------------

    def _field_keeps(self, event: events.Key) -> bool:
        """A several-line box keeps Enter and the arrows; so does an open drop-down's list (or
        any widget of a form's own, e.g. a list to choose from): only the form's fields give
        them to the form."""
        return not isinstance(self.focused, (Input, Select, Checkbox))

    def key_enter(self, event: events.Key) -> None:
        if self._field_keeps(event):
            return
        event.stop()
        event.prevent_default()
        self.action_save()

    def key_up(self, event: events.Key) -> None:
        self._arrow(event, -1)

    def key_down(self, event: events.Key) -> None:
        self._arrow(event, 1)

    def _arrow(self, event: events.Key, step: int) -> None:
        if self._field_keeps(event):
            return
        event.stop()
        event.prevent_default()
        self.action_move(step)

    def key_alt_down(self, event: events.Key) -> None:
        if isinstance(self.focused, Select):
            event.stop()
            self.focused.action_show_overlay()

    def action_cancel(self) -> None:
        """Close; a changed form asks first, unless its save is under way (Escape right after
        Enter: the write goes on and the panel shows it)."""
        if self._saving or not self.changed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(t("form.discard_confirm")), answered)
