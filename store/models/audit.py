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


@dataclass(frozen=True)
class Summary:
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict)


