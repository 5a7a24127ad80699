"""The seal (`store.integrity.hashes`): SHA-256 over the canonical JSON of the NFC text, the signatures
and the time; after it the text and the signatures no longer change."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.problems import Problem
from ..domain import locked
from ..errors import ValidationError
from ..integrity.anchor import read_anchor
from ..integrity.hashes import fingerprint, seal_fields, seal_hash, seal_parts
from ..integrity.store_check import store_problems
from .base import ACTIONS, CovenantBase


@dataclass(frozen=True)
class SealInfo:
    hash: str
    fingerprint: str
    sealed_at: str
    signed: int
    absent: int
    total: int
    #: units in the order with no line at the seal (neither signed nor recorded absent)
    missing: tuple[str, ...]


class Sealing(CovenantBase):
    """The seal over the text and the signatures."""

    @locked
    def seal_info(self) -> SealInfo | None:
        covenant = self.get()
        if covenant is None or not covenant.sealed:
            return None
        lines = self._records.objects("signatures")
        order = covenant.signing_order
        return SealInfo(covenant.seal_hash, fingerprint(covenant.seal_hash), covenant.sealed_at or "",
                        sum(1 for c in order if c in lines and not lines[c].absent),
                        sum(1 for c in order if c in lines and lines[c].absent), len(order),
                        tuple(c for c in order if c not in lines))

    @locked
    def verify(self, *, hashes: bool = False, chain: bool = True) -> tuple[Problem, ...]:
        """What no longer matches in the signed record: the seal against the text and the
        signatures, each signature against the entry that recorded it, and the audit chain
        against its anchor (`hashes`: every entry hashed again, as `hoinghi check` does; without
        it, only the links and the anchor). Empty when the record holds (sealed or not)."""
        data = self._records.storage.read()
        docs = {name: list((data.get(name) or {}).values()) for name in ("audit", "covenant", "signatures")}
        return tuple(store_problems(docs, read_anchor(data.get("meta")), hashes=hashes, chain=chain,
                                    coverage=False))

    @locked
    def seal(self, *, incomplete: bool = False) -> SealInfo:
        """Seal the text and the signatures. Every unit must have its line (signed or absent)
        unless `incomplete` (the cluster head seals with fewer; the record says so)."""
        old = self._open_covenant()
        lines = self._records.objects("signatures")
        signed = sum(1 for c in old.signing_order if c in lines and not lines[c].absent)
        if not signed:
            raise ValidationError("signatures", "none_signed")
        total = len(old.signing_order)
        if signed < total and not incomplete:
            raise ValidationError("signatures", "seal_incomplete", signed=signed, total=total)
        sealed_at = self._stamp()
        digest = seal_hash(old, lines.values(), sealed_at)
        new = replace(old, sealed_at=sealed_at, seal_hash=digest, sealed_by=self._session.operator)
        missing = [c for c in old.signing_order if c not in lines]
        with self._work() as work:
            work.put("covenant", new.to_doc())
            work.audit(ACTIONS["seal"], "covenant", None, {
                "hash": digest, "sealed_at": sealed_at, "signed": signed, "total": total,
                "absent": [c for c in old.signing_order if c in lines and lines[c].absent],
                "missing": missing, "parts": seal_parts(old, lines.values()),
                "fields": seal_fields(old, lines.values()), "by": new.sealed_by})
        return self.seal_info()  # type: ignore[return-value]
