"""The conference and its member units (setup will add their changes here)."""

from __future__ import annotations

from .domain import Domain, locked
from .models import Conference, Unit


class ConferenceDomain(Domain):
    @locked
    def get(self) -> Conference | None:
        return self._records.single("conference")

    @locked
    def units(self) -> tuple[Unit, ...]:
        """Member units in the cluster's order."""
        return tuple(sorted(self._records.objects("units").values(), key=lambda u: u.order))

    @locked
    def unit(self, code: str) -> Unit:
        return self._records.get("units", code)

    @locked
    def unit_codes(self) -> set[str]:
        return self._records.codes("units")
