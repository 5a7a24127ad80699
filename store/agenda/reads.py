"""What the agenda's programme edits and its live run both read: the items in running order, the
run's record (message, warning minutes, steps to undo), the day, its timing and gaps, and the
clock (the service's, `Service(now=...)`: tests and the app's own clock both reach it)."""

from __future__ import annotations

import datetime as dt

from ..domain import Domain, locked
from ..errors import ValidationError
from ..models.agenda import AgendaItem, AgendaRun, AgendaStep
from ..models import timing


class AgendaReads(Domain):
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

    def _stamp(self, at: dt.datetime | None) -> str:
        return (at or self._now()).replace(microsecond=0, tzinfo=None).isoformat(timespec="seconds")

    @staticmethod
    def _check_mode(mode: str) -> None:
        if mode not in timing.MODES:
            raise ValidationError("agenda_replan_mode", "one_of", allowed=", ".join(timing.MODES))
