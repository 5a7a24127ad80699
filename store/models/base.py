"""Conversion between frozen dataclasses and plain JSON documents, shared by every model."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import fields
from enum import Enum
from typing import Any


class _Record:
    """Conversion between frozen dataclasses and plain JSON documents."""

    def to_doc(self) -> dict[str, Any]:
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_doc(cls, doc: dict[str, Any]):
        return _build(cls, doc)

    @classmethod
    def from_stored(cls, doc: dict[str, Any]):
        """The record of a document the store holds (a model may share it instead of copying)."""
        return cls.from_doc(doc)


_ATOMS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """A JSON document of `value`: what `dataclasses.asdict` then enums as their values and
    tuples as lists give, without asdict's deep copy of every text (an import's audit entry
    lists 100,000 codes)."""
    if type(value) in _ATOMS:
        return value
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _names(type(value))}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _ATOMS else _plain(v) for v in value]
    return value


@functools.lru_cache(maxsize=None)
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


_NESTED: dict[tuple[str, str], type] = {}


def _build(cls: type, doc: dict[str, Any]):
    kwargs = {}
    for name, nested, enum_type in _spec(cls):
        if name not in doc:
            continue
        value = doc[name]
        if nested is not None and value is not None:
            value = tuple(_build(nested, v) for v in value)
        elif isinstance(value, list):
            value = tuple(value)
        if enum_type is not None:
            value = enum_type(value)
        kwargs[name] = value
    return cls(**kwargs)


@functools.lru_cache(maxsize=None)
def _spec(cls: type) -> tuple[tuple[str, type | None, type[Enum] | None], ...]:
    """Per field: its name, the record type of its items (if nested), its enum (if any)."""
    return tuple((f.name, _NESTED.get((cls.__name__, f.name)), _ENUMS.get((cls.__name__, f.name)))
                 for f in fields(cls))


_ENUMS: dict[tuple[str, str], type[Enum]] = {}


def register(cls_name: str, *, nested: dict[str, type] | None = None,
             enums: dict[str, type[Enum]] | None = None) -> None:
    """Say which fields of `cls_name` hold records or enums (before its first `from_doc`)."""
    for name, item in (nested or {}).items():
        _NESTED[(cls_name, name)] = item
    for name, enum in (enums or {}).items():
        _ENUMS[(cls_name, name)] = enum
