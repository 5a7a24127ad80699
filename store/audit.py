"""The audit log: every change, who made it and when, in order (appended by the unit of work),
each entry holding the hash of the one before (`store.integrity.chain`)."""

from __future__ import annotations

from .domain import Domain, locked
from .integrity.chain import ChainReport, ordered_entries, verify_chain
from .models import AuditEntry


class AuditDomain(Domain):
    @locked
    def entries(self, *, since_seq: int = 0) -> tuple[AuditEntry, ...]:
        entries = (e for e in self._records.objects("audit").values() if e.seq > since_seq)
        return tuple(sorted(entries, key=lambda e: e.seq))

    @locked
    def last_seq(self) -> int:
        return self._records.seq

    @locked
    def chain(self) -> ChainReport:
        """The chain of the audit log as stored now."""
        return verify_chain(ordered_entries(self._records.storage.read().get("audit")))
