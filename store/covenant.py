"""The covenant, its signatures and the support handovers (the signing issue adds changes)."""

from __future__ import annotations

from .domain import Domain, locked
from .models import Covenant, Handover, Signature


class CovenantDomain(Domain):
    @locked
    def get(self) -> Covenant | None:
        return self._records.single("covenant")

    @locked
    def signatures(self) -> tuple[Signature, ...]:
        return tuple(sorted(self._records.objects("signatures").values(), key=lambda s: s.signed_at))

    @locked
    def handovers(self) -> tuple[Handover, ...]:
        return tuple(sorted(self._records.objects("handovers").values(), key=lambda h: h.code))
