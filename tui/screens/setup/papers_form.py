"""The setup panel's papers form: what every printed paper's heading and closing say
(store/io/papers/letterhead.py): the issuing body as printed, the place on the date line, the
issuing body's sign in document numbers, each paper's number, and "Nơi nhận" (one recipient per
line). Each field is checked as typed with the store's rules (store.conference); Enter in a
one-line field saves (the common form)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from store.models import Conference
from store.models.conference import KIND_SIGNS, NUMBERED_PAPERS

from ...i18n import t
from ..common.form import SaveCall, field_row
from .form import Field, SetupForm

TEXT_FIELDS = ("issuer", "doc_place", "doc_symbol")
NUMBER = "number_"
FIELDS = (*(Field(name) for name in TEXT_FIELDS), Field("recipients", "area"),
          *(Field(NUMBER + kind) for kind in NUMBERED_PAPERS))


class PapersForm(SetupForm):
    PREFIX = "papers"

    def __init__(self, conference: Conference) -> None:
        values: dict[str, Any] = {name: getattr(conference, name) for name in TEXT_FIELDS}
        values["recipients"] = "\n".join(conference.recipients)
        values.update({NUMBER + kind: conference.doc_numbers.get(kind, "") for kind in NUMBERED_PAPERS})
        super().__init__(t("papers.form.title"), values)

    def fields(self) -> tuple[Field, ...]:
        return FIELDS

    def first_field(self) -> str:
        return "issuer"

    def label(self, name: str) -> str:
        if name.startswith(NUMBER):
            kind = name[len(NUMBER):]
            return t("papers.form.number", paper=t(f"papers.kind.{kind}"), sign=KIND_SIGNS[kind])
        return t(f"papers.field.{name}")

    def hint(self) -> str:
        return t("papers.form.hint")

    def compose_fields(self) -> ComposeResult:
        for name in TEXT_FIELDS:
            widget = Input(str(self.values.get(name) or ""), id=name, compact=True,
                           placeholder=t(f"papers.placeholder.{name}"))
            yield from field_row(name, self.label(name), widget)
        area = TextArea(self.values["recipients"], id="recipients", soft_wrap=True, show_line_numbers=False)
        yield from field_row("recipients", self.label("recipients"), area, area=True)
        for kind in NUMBERED_PAPERS:
            name = NUMBER + kind
            widget = Input(str(self.values.get(name) or ""), id=name, compact=True,
                           placeholder=t("papers.placeholder.number"))
            yield from field_row(name, self.label(name), widget)

    def check(self, name: str, value: Any) -> None:
        if name.startswith(NUMBER):
            self.app.service.conference.check_field("doc_numbers", {name[len(NUMBER):]: value})
        else:
            self.app.service.conference.check_field(name, value)

    def save_call(self) -> SaveCall:
        values = {name: self.values.get(name) or "" for name in TEXT_FIELDS}
        values["recipients"] = self.values.get("recipients") or ""
        values["doc_numbers"] = {kind: self.values.get(NUMBER + kind) or "" for kind in NUMBERED_PAPERS}
        return self.app.service.conference.save, (), values
