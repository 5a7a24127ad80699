"""The agenda's programme: an item's fields cleaned (the form checks each as it is typed, the CLI
all at once) and the edits (add, edit, remove, reorder). Each edit renumbers the items and lets
the planned starts follow from the items before (fixed ones stay), in one unit of work, audited
with the items it moved."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence

from .. import validation
from ..domain import locked
from ..errors import NotFoundError, ValidationError
from ..models.agenda import FIELD_NAMES, AgendaItem, AgendaKind, AgendaStatus
from ..models import timing
from .reads import AgendaReads

CODE_PREFIX = "A"
TITLE_MAX = validation.POSITION_MAX
PRESENTER_MAX = validation.POSITION_MAX
MAX_MINUTES = 600
#: the fields of an item a person edits, as the form and the CLI name them
FIELDS = ("planned_start", "duration_min", "title", "kind", "presenter", "fixed_start")


def clean_time(field: str, value: Any) -> str:
    """"8:05", "08:05", "0805", "8.05", "8h05" -> "08:05"; ValidationError otherwise."""
    raw = "" if value is None else str(value).strip().lower().replace("h", ":").replace(".", ":")
    if not raw:
        raise ValidationError(field, "required")
    if ":" not in raw and raw.isdigit() and len(raw) in (3, 4):
        raw = f"{raw[:-2]}:{raw[-2:]}"
    hours, _, minutes = raw.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2 and 1 <= len(hours) <= 2):
        raise ValidationError(field, "time")
    if int(hours) > 23 or int(minutes) > 59:
        raise ValidationError(field, "time")
    return f"{int(hours):02d}:{minutes}"


def item_field(name: str, value: Any) -> Any:
    """One field of an item, cleaned; ValidationError naming `FIELD_NAMES[name]` otherwise (the
    form checks each field as it is typed)."""
    field = FIELD_NAMES[name]
    if name == "planned_start":
        return clean_time(field, value)
    if name == "duration_min":
        return validation.integer(field, "" if value is None else value, low=0, high=MAX_MINUTES)
    if name == "title":
        return validation.text(field, value, max_len=TITLE_MAX, required=True)
    if name == "presenter":
        return validation.text(field, value, max_len=PRESENTER_MAX)
    if name == "kind":
        return validation.choice(field, value or AgendaKind.OTHER.value, AgendaKind).value
    if name == "fixed_start":
        return validation.boolean(field, value)
    raise ValidationError("agenda_field", "unknown_field")


def item_fields(values: dict[str, Any], *, partial: bool = False) -> dict[str, Any]:
    """Every editable field cleaned (or those given, when `partial`); unknown names refused."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError("agenda_field", "unknown_field")
    names = [n for n in FIELDS if n in values] if partial else list(FIELDS)
    defaults = {"duration_min": None, "kind": "other", "presenter": "", "fixed_start": False}
    return {name: item_field(name, values.get(name, defaults.get(name))) for name in names}


class ProgrammeEdits(AgendaReads):
    @staticmethod
    def check_field(name: str, value: Any) -> Any:
        """One field of the item form as typed, cleaned by the rules `add` and `update` apply
        (ValidationError naming `FIELD_NAMES[name]` otherwise)."""
        return item_field(name, value)

    @locked
    def add(self, *, after: str | None = None, **values: Any) -> AgendaItem:
        """A new item after `after` (a code; at the end when None). Its planned start follows
        from the items before it unless it is fixed (the first item keeps the start given)."""
        fields = item_fields(values)
        items = list(self.items())
        position = len(items)
        if after is not None:
            position = self._index(items, after) + 1
        with self._work() as work:
            code = self._free_code(work)
            item = AgendaItem.from_doc({"code": code, "order": position + 1, **fields})
            items.insert(position, item)
            changed = self._put_programme(work, items)
            work.audit("agenda.add", code, None, {"item": changed.get(code, item).to_doc(),
                                                 "moved": self._moved(changed, code)})
        return self.item(code)

    @locked
    def update(self, code: str, **changes: Any) -> AgendaItem:
        """Edit an item's plan (start, minutes, title, kind, presenter, fixed)."""
        old = self.item(code)
        fields = item_fields(changes, partial=True)
        new = replace(old, **{k: (AgendaKind(v) if k == "kind" else v) for k, v in fields.items()})
        items = [new if i.code == code else i for i in self.items()]
        if new == old and timing.follow(items) == items:
            return old
        with self._work() as work:
            changed = self._put_programme(work, items, force=(code,))
            work.audit("agenda.edit", code, old.to_doc(), {"item": changed[code].to_doc(),
                                                          "moved": self._moved(changed, code)})
        return self.item(code)

    @locked
    def remove(self, code: str) -> AgendaItem:
        """Remove an item from the programme (not the running one: finish it first)."""
        old = self.item(code)
        if old.status is AgendaStatus.RUNNING:
            raise ValidationError("agenda_item", "agenda_remove_running", title=old.title)
        items = [i for i in self.items() if i.code != code]
        with self._work() as work:
            work.remove("agenda", code)
            changed = self._put_programme(work, items)
            work.audit("agenda.remove", code, old.to_doc(), {"moved": self._moved(changed, code)})
        return old

    @locked
    def move(self, code: str, delta: int) -> AgendaItem:
        """Move an item `delta` places up (-) or down (+) in the running order."""
        items = list(self.items())
        index = self._index(items, code)
        target = max(0, min(len(items) - 1, index + delta))
        if target == index:
            raise ValidationError("agenda_item", "agenda_cannot_move")
        item = items.pop(index)
        items.insert(target, item)
        with self._work() as work:
            changed = self._put_programme(work, items)
            work.audit("agenda.move", code, {"order": index + 1}, {"order": target + 1,
                                                                  "moved": self._moved(changed, code)})
        return self.item(code)

    def _put_programme(self, work, items: list[AgendaItem], force: Sequence[str] = ()) -> dict[str, AgendaItem]:
        """Number `items` 1..n, let the planned starts follow, put what changed (and `force`)."""
        numbered = [i if i.order == n else replace(i, order=n) for n, i in enumerate(items, start=1)]
        followed = timing.follow(numbered)
        current = self._records.objects("agenda")
        changed: dict[str, AgendaItem] = {}
        for item in followed:
            if item.code in force or current.get(item.code) != item:
                work.put("agenda", item.to_doc())
                changed[item.code] = item
        return changed

    @staticmethod
    def _moved(changed: dict[str, AgendaItem], code: str) -> dict[str, str]:
        """The other items whose planned start or order changed with this edit."""
        return {c: f"{i.order}. {i.planned_start}" for c, i in changed.items() if c != code}

    @staticmethod
    def _index(items: Sequence[AgendaItem], code: str) -> int:
        for n, item in enumerate(items):
            if item.code == code:
                return n
        raise NotFoundError(code="no_record", record=code, table="agenda")

    def _free_code(self, work) -> str:
        while True:
            code = work.new_code("agenda", CODE_PREFIX, width=2)
            if not self._records.has("agenda", code):
                return code
