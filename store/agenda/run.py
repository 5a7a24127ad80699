"""The agenda's live run: start, finish, skip, a minute more or less, re-plan, undo, and what the
projector shows beside the running item (the message for the speaker, the warning minutes).

Run steps keep the items as they were before and after in the `agenda_run` record, so that the
last one can be undone after a restart too; an undo is refused when the programme changed since
that step."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from .. import validation
from ..domain import locked
from ..errors import ValidationError
from ..models.agenda import MAX_WARNING, MESSAGE_MAX, AgendaItem, AgendaRun, AgendaStatus, AgendaStep
from ..models import timing
from .programme import MAX_MINUTES
from .reads import AgendaReads

#: run steps kept for undo
UNDO_KEEP = 50


class LiveRun(AgendaReads):
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

    # ---- what the projector shows beside the running item ----------------------------------

    @staticmethod
    def check_message(text: Any) -> str:
        """The message for the speaker as typed, cleaned as `set_message` cleans it."""
        return validation.text("agenda_message", text, max_len=MESSAGE_MAX)

    @staticmethod
    def check_warning(minutes: Any) -> int:
        """The warning minutes as typed, checked as `set_warning` checks them."""
        return validation.integer("agenda_warning", minutes, low=0, high=MAX_WARNING)

    @locked
    def set_message(self, text: str, *, blink: bool = False) -> AgendaRun:
        """The message for the speaker (shown on the projector only); "" clears it."""
        text = self.check_message(text)
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
        minutes = self.check_warning(minutes)
        state = self.run_state()
        if minutes == state.warning_min:
            return state
        new = replace(state, warning_min=minutes)
        with self._work() as work:
            work.put("agenda_run", new.to_doc())
            work.audit("agenda.warning", "agenda_run", {"warning_min": state.warning_min},
                       {"warning_min": minutes})
        return new
