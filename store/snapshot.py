"""An immutable table of records for readers without the lock (unit_of_work.Records).

A commit does not copy the whole table (100,000 delegates: a copy costs ~10 ms, more than the
check-in's own work): the new snapshot shares the old one's dict and keeps the few records
changed since beside it, and folds them into a new dict once they are many.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterator

#: changed records kept beside the shared dict before they are folded into a new one
_FOLD_AT_LEAST = 64


class Snapshot(Mapping[str, Any]):
    """{code: record}, never changed once made: `updated` gives a new snapshot."""

    __slots__ = ("_base", "_changes", "_len", "_whole")

    def __init__(self, base: dict[str, Any], changes: dict[str, Any] | None = None) -> None:
        """`changes`: code -> the new record, or None for a removed one."""
        self._base, self._changes = base, changes or {}
        removed = sum(1 for code, record in self._changes.items() if record is None and code in base)
        added = sum(1 for code, record in self._changes.items() if record is not None and code not in base)
        self._len = len(base) - removed + added
        self._whole: dict[str, Any] | None = None if self._changes else base

    def updated(self, changes: dict[str, Any]) -> "Snapshot":
        back = any(code in self._changes and self._changes[code] is None for code in changes)
        merged = {**self._changes, **changes}
        if not back and len(merged) < max(_FOLD_AT_LEAST, len(self._base) // 32):
            return Snapshot(self._base, merged)
        # a record removed then given again goes last, as in a dict: fold what came before first
        return Snapshot(_apply(self.whole(), changes))

    def __getitem__(self, code: str) -> Any:
        changes = self._changes
        if code in changes:
            record = changes[code]
            if record is None:
                raise KeyError(code)
            return record
        return self._base[code]

    def __contains__(self, code: object) -> bool:
        changes = self._changes
        if code in changes:
            return changes[code] is not None  # type: ignore[index]
        return code in self._base

    def get(self, code: str, default: Any = None) -> Any:
        try:
            return self[code]
        except KeyError:
            return default

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[str]:
        return iter(self.whole())

    def values(self):  # type: ignore[override]
        return self.whole().values()

    def items(self):  # type: ignore[override]
        return self.whole().items()

    def whole(self) -> dict[str, Any]:
        """The records as one dict (in the order a dict changed the same way would have), made
        once per snapshot; callers never change it."""
        if self._whole is None:
            self._whole = _apply(self._base, self._changes)
        return self._whole


def _apply(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    whole = dict(base)
    for code, record in changes.items():
        if record is None:
            whole.pop(code, None)
        else:
            whole[code] = record
    return whole
