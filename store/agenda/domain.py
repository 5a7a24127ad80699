"""The agenda: the programme (add, edit, remove, reorder) and its live run (start, finish, skip,
a minute more or less, re-plan, undo), and what the projector shows beside it (the message for
the speaker, the warning minutes).

Every change is one unit of work: validated first (ValidationError with a reason code; nothing
changed), durable, audited with the wall-clock time of the step. Run steps keep the items as they
were before and after in the `agenda_run` record, so that the last one can be undone after a
restart too; an undo is refused when the programme changed since that step.

The clock is the service's (`Service(now=...)`): tests and the app's own clock both reach it.
The arithmetic of the day lives in `store.agenda.timing`, pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Sequence

from .. import validation
from ..domain import Domain, locked
from ..errors import NotFoundError, ValidationError
from ..models.agenda import AgendaItem, AgendaKind, AgendaRun, AgendaStatus, AgendaStep
from . import timing
from .reasons import register

register()

CODE_PREFIX = "A"
#: run steps kept for undo
UNDO_KEEP = 50
TITLE_MAX = validation.POSITION_MAX
PRESENTER_MAX = validation.POSITION_MAX
MESSAGE_MAX = 200
MAX_MINUTES = 600
MAX_WARNING = 60
#: the fields of an item a person edits, as the form and the CLI name them
FIELDS = ("planned_start", "duration_min", "title", "kind", "presenter", "fixed_start")
#: the name of each field in a ValidationError (catalog keys field.agenda_*)
FIELD_NAMES = {
    "planned_start": "agenda_start", "duration_min": "agenda_minutes", "title": "agenda_title",
    "kind": "agenda_kind", "presenter": "agenda_presenter", "fixed_start": "agenda_fixed",
}


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


class AgendaDomain(Domain):
    # ---- reads ---------------------------------------------------------------------------

    @locked
    def items(self) -> tuple[AgendaItem, ...]:
        """Agenda items in running order."""
        return tuple(sorted(self._records.objects("agenda").values(), key=lambda a: (a.order, a.code)))

    @locked
    def item(self, code: str) -> AgendaItem:
        return self._records.get("agenda", code)

    @locked
    def run_state(self) -> AgendaRun:
        """The message for the speaker, the warning minutes and the steps that can be undone."""
        return self._records.single("agenda_run") or AgendaRun()

    @locked
    def day(self) -> dt.date:
        """The conference's day (today by the clock when the store has none)."""
        conference = self._records.single("conference")
        try:
            return dt.date.fromisoformat(conference.date)
        except (AttributeError, TypeError, ValueError):
            return self._now().date()

    @locked
    def timing(self, now: dt.datetime | None = None) -> timing.Timing:
        """The day as it stands at `now` (the service's clock by default)."""
        return timing.project(self.items(), now or self._now(), self.day(), self.run_state().warning_min)

    @locked
    def gaps(self) -> dict[str, int]:
        """code -> planned gap (+) or overlap (-) in minutes after the item before."""
        return timing.plan_gaps(self.items())

    @locked
    def last_step(self) -> AgendaStep | None:
        """The run step the next undo would take back (None: nothing to undo)."""
        steps = self.run_state().steps
        return steps[-1] if steps else None

    @locked
    def replan_preview(self, mode: str = "shift", now: dt.datetime | None = None) -> list[timing.Move]:
        """The remaining items as `replan(mode)` would move them (nothing is changed)."""
        self._check_mode(mode)
        return timing.replan(self.items(), now or self._now(), self.day(), mode)

    def _now(self) -> dt.datetime:
        return self._records.now().replace(microsecond=0)

    # ---- the programme -------------------------------------------------------------------

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

    # ---- the run ---------------------------------------------------------------------------

    @locked
    def start(self, code: str, *, at: dt.datetime | None = None) -> AgendaItem:
        """Start the item now; the one running is finished at the same moment."""
        item = self.item(code)
        if item.status is AgendaStatus.RUNNING:
            raise ValidationError("agenda_item", "agenda_already_running", title=item.title)
        if item.status is AgendaStatus.DONE:
            raise ValidationError("agenda_item", "agenda_already_done", title=item.title)
        stamp = self._stamp(at)
        changes: list[AgendaItem] = []
        running = self._running()
        if running is not None:
            changes.append(replace(running, status=AgendaStatus.DONE, actual_end=stamp))
        changes.append(replace(item, status=AgendaStatus.RUNNING, actual_start=stamp, actual_end=None))
        self._step("agenda.start", code, stamp, changes)
        return self.item(code)

    @locked
    def finish(self, *, at: dt.datetime | None = None) -> AgendaItem:
        """Finish the running item now, starting none."""
        running = self._require_running()
        stamp = self._stamp(at)
        self._step("agenda.finish", running.code, stamp,
                   [replace(running, status=AgendaStatus.DONE, actual_end=stamp)])
        return self.item(running.code)

    @locked
    def skip(self, code: str, *, at: dt.datetime | None = None) -> AgendaItem:
        """Mark an item still to run as skipped (it will not run)."""
        item = self.item(code)
        if item.status is not AgendaStatus.PLANNED:
            raise ValidationError("agenda_item", "agenda_not_planned", title=item.title)
        self._step("agenda.skip", code, self._stamp(at), [replace(item, status=AgendaStatus.SKIPPED)])
        return self.item(code)

    @locked
    def nudge(self, minutes: int, *, at: dt.datetime | None = None) -> AgendaItem:
        """Give the running item `minutes` more (negative: fewer)."""
        minutes = validation.integer("agenda_minutes", minutes, low=-MAX_MINUTES, high=MAX_MINUTES)
        running = self._require_running()
        new_extra = running.extra_min + minutes
        total = timing.bounded(running.duration_min) + new_extra
        if total < 0:
            raise ValidationError("agenda_minutes", "agenda_no_minutes_left", title=running.title)
        if total > MAX_MINUTES:
            raise ValidationError("agenda_minutes", "between", low=0, high=MAX_MINUTES)
        self._step("agenda.nudge", running.code, self._stamp(at), [replace(running, extra_min=new_extra)],
                   detail={"minutes": minutes})
        return self.item(running.code)

    @locked
    def replan(self, mode: str = "shift", *, at: dt.datetime | None = None) -> list[timing.Move]:
        """Move the remaining items after the current delay (see `timing.replan`); fixed items
        stay. `at`: the moment the preview was made, so that what was shown is what is applied."""
        self._check_mode(mode)
        moment = (at or self._now()).replace(microsecond=0)
        moves = [m for m in timing.replan(self.items(), moment, self.day(), mode) if m.changed]
        if not moves:
            raise ValidationError("agenda_item", "agenda_nothing_to_replan")
        changes = []
        for move in moves:
            item = move.item
            changes.append(replace(
                item, planned_start=move.new_start, duration_min=move.new_min,
                original_start=item.original_start or item.planned_start,
                original_min=item.original_min if item.original_min is not None else item.duration_min))
        self._step("agenda.replan", mode, self._stamp(at), changes, detail={"mode": mode})
        return moves

    @locked
    def undo(self) -> AgendaStep:
        """Take back the last run step (start, finish, skip, a minute, re-plan)."""
        state = self.run_state()
        if not state.steps:
            raise ValidationError("agenda_item", "agenda_nothing_to_undo")
        step = state.steps[-1]
        current = self._records.objects("agenda")
        for after in step.after:
            if current.get(after.code) != after:
                raise ValidationError("agenda_item", "agenda_undo_changed", title=after.title)
        with self._work() as work:
            for before in step.before:
                work.put("agenda", before.to_doc())
            work.put("agenda_run", replace(state, steps=state.steps[:-1]).to_doc())
            work.audit("agenda.undo", step.action, {c.code: c.to_doc() for c in step.after},
                       {"undone_seq": step.seq, "items": {c.code: c.to_doc() for c in step.before}})
        return step

    def _running(self) -> AgendaItem | None:
        return next((i for i in self.items() if i.status is AgendaStatus.RUNNING), None)

    def _require_running(self) -> AgendaItem:
        running = self._running()
        if running is None:
            raise ValidationError("agenda_item", "agenda_nothing_running")
        return running

    def _stamp(self, at: dt.datetime | None) -> str:
        return (at or self._now()).replace(microsecond=0, tzinfo=None).isoformat(timespec="seconds")

    def _step(self, action: str, target: str, stamp: str, changes: list[AgendaItem],
              detail: dict[str, Any] | None = None) -> None:
        """One run step: the changed items, the audit entry, the step kept for undo."""
        current = self._records.objects("agenda")
        before = tuple(current[c.code] for c in changes)
        state = self.run_state()
        with self._work() as work:
            for item in changes:
                work.put("agenda", item.to_doc())
            seq = work.audit(action, target, {c.code: c.to_doc() for c in before},
                             {"at": stamp, **(detail or {}), "items": {c.code: c.to_doc() for c in changes}})
            step = AgendaStep(seq=seq, action=action, at=stamp, before=before, after=tuple(changes))
            work.put("agenda_run", replace(state, steps=(*state.steps, step)[-UNDO_KEEP:]).to_doc())

    @staticmethod
    def _check_mode(mode: str) -> None:
        if mode not in timing.MODES:
            raise ValidationError("agenda_replan_mode", "one_of", allowed=", ".join(timing.MODES))

    # ---- what the projector shows beside the running item ----------------------------------

    @locked
    def set_message(self, text: str, *, blink: bool = False) -> AgendaRun:
        """The message for the speaker (shown on the projector only); "" clears it."""
        text = validation.text("agenda_message", text, max_len=MESSAGE_MAX)
        blink = validation.boolean("agenda_blink", blink)
        state = self.run_state()
        new = replace(state, message=text, blink=blink and bool(text),
                      message_at=self._stamp(None) if text else None)
        if (new.message, new.blink) == (state.message, state.blink):
            return state
        with self._work() as work:
            work.put("agenda_run", new.to_doc())
            work.audit("agenda.message" if text else "agenda.message.clear", "agenda_run",
                       {"message": state.message, "blink": state.blink},
                       {"message": new.message, "blink": new.blink})
        return new

    @locked
    def clear_message(self) -> AgendaRun:
        return self.set_message("")

    @locked
    def set_warning(self, minutes: Any) -> AgendaRun:
        """How many minutes before the end the remaining time turns to the warning colour."""
        minutes = validation.integer("agenda_warning", minutes, low=0, high=MAX_WARNING)
        state = self.run_state()
        if minutes == state.warning_min:
            return state
        new = replace(state, warning_min=minutes)
        with self._work() as work:
            work.put("agenda_run", new.to_doc())
            work.audit("agenda.warning", "agenda_run", {"warning_min": state.warning_min},
                       {"warning_min": minutes})
        return new
