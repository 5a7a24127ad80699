"""The agenda of the conference (running it live will add its changes here)."""

from __future__ import annotations

from .domain import Domain, locked
from .models import AgendaItem


class AgendaDomain(Domain):
    @locked
    def items(self) -> tuple[AgendaItem, ...]:
        """Agenda items in running order."""
        return tuple(sorted(self._records.objects("agenda").values(), key=lambda a: a.order))

    @locked
    def item(self, code: str) -> AgendaItem:
        return self._records.get("agenda", code)
