"""Schema version of the store file and the step-by-step migrations to reach it.

The file is TinyDB's layout: {table_name: {doc_id: document}}. The table `meta` holds one
document with `schema_version`. A migration takes the raw data of version N and returns
version N+1; they run in order at open, after a backup.
"""

from __future__ import annotations

from typing import Any, Callable

from ..errors import StoreVersionError
from ..vntext import split_full_name

SCHEMA_VERSION = 2

META_TABLE = "meta"

Raw = dict[str, dict[str, dict[str, Any]]]


def read_version(raw: Raw) -> int | None:
    """The schema version stored in `raw`, or None for a brand-new empty file."""
    meta = raw.get(META_TABLE) or {}
    for doc in meta.values():
        version = doc.get("schema_version")
        if isinstance(version, int):
            return version
    if not any(raw.values()):
        return None
    return 1  # files written before the version was recorded


def _v1_to_v2(raw: Raw) -> Raw:
    """Version 1 kept a delegate's full name in `name`; version 2 keeps its parts."""
    for doc in (raw.get("delegates") or {}).values():
        if "name" in doc and "given" not in doc:
            family, middle, given = split_full_name(doc.pop("name"))
            doc.update(family=family, middle=middle, given=given)
    return raw


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2}


def needs_migration(version: int) -> bool:
    return version < SCHEMA_VERSION


def check_supported(version: int, file_name: str) -> None:
    if version > SCHEMA_VERSION:
        raise StoreVersionError(
            f"{file_name} was written by a newer hoinghi (schema {version}, this one knows "
            f"{SCHEMA_VERSION}): update hoinghi to open it; the file was not changed"
        )


def migrate(raw: Raw, version: int) -> Raw:
    """Run every migration from `version` up to SCHEMA_VERSION and stamp the new version."""
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    set_version(raw, SCHEMA_VERSION)
    return raw


def set_version(raw: Raw, version: int) -> None:
    meta = raw.setdefault(META_TABLE, {})
    if meta:
        next(iter(meta.values()))["schema_version"] = version
    else:
        meta["1"] = {"schema_version": version}
