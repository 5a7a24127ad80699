"""The audit log: every change, who made it and when, in order (appended by the unit of work)."""

from __future__ import annotations

from .domain import Domain, locked
from .models import AuditEntry


class AuditDomain(Domain):
    @locked
    def entries(self, *, since_seq: int = 0) -> tuple[AuditEntry, ...]:
        entries = (e for e in self._records.objects("audit").values() if e.seq > since_seq)
        return tuple(sorted(entries, key=lambda e: e.seq))

    @locked
    def last_seq(self) -> int:
        return self._records.seq
