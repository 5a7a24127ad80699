"""The audit log's entries and the store's summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .base import _Record


@dataclass(frozen=True)
class AuditEntry(_Record):
    seq: int
    at: str
    operator: str
    action: str
    target: str
    before: Any = None
    after: Any = None
    #: the hash of the entry before (the chain); "" for the first chained entry
    prev: str = ""
    #: SHA-256 (hex) of this entry's canonical JSON without this field; "" in entries written
    #: before the chain existed (the chain starts where hashes start)
    hash: str = ""


@dataclass(frozen=True)
class Summary:
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict)
