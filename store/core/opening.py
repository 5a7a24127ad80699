"""Opening files: bring a store's schema up to date, or vet a file before it becomes a store."""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB

from .. import checks
from . import schema
from ..errors import StoreError
from .storage import DurableStorage


def prepare_schema(storage: DurableStorage) -> None:
    """Refuse newer files; migrate older ones after a backup; stamp brand-new ones."""
    raw = storage.read() or {}
    version = schema.read_version(raw)
    if version is None:
        schema.set_version(raw, schema.SCHEMA_VERSION)
        storage.write(raw)
        return
    schema.check_supported(version, storage.path.name)
    if schema.needs_migration(version):
        storage.backup_now(f"before-migration-v{version}")
        storage.write(schema.migrate(raw, version))


def load_checked(path: str | os.PathLike) -> schema.Raw:
    """Read a store file without opening it as a store (no lock, no backups), migrate it in
    memory and validate it. Raises StoreError naming the file and the first problems."""
    path = Path(path)
    try:
        raw = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise StoreError(f"{path} does not exist") from None
    except (OSError, orjson.JSONDecodeError) as exc:
        raise StoreError(f"{path} cannot be read as a store: {exc}") from None
    if not isinstance(raw, dict):
        raise StoreError(f"{path} is not a store file (expected a JSON object)")
    version = schema.read_version(raw) or schema.SCHEMA_VERSION
    schema.check_supported(version, path.name)
    raw = schema.migrate(raw, version)
    problems = checks.check_raw(raw)
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise StoreError(f"{path} is not valid: " + "; ".join(problems[:3]) + more)
    return raw


def open_tinydb(path: str | os.PathLike[str], **kwargs: Any) -> TinyDB:
    """`TinyDB(path, storage=DurableStorage, **kwargs)`, plus what keeps TinyDB honest on rollback.

    TinyDB caches `search()` results per table and clears them only after a successful write, so
    after a rolled-back transaction `search()` could still return the discarded changes (measured:
    `get()` saw the restored state, `search()` the rolled-back one). The hook clears every table's
    query cache whenever the storage restores memory. Use this rather than bare `TinyDB(...)`.
    """
    db = TinyDB(path, storage=DurableStorage, **kwargs)
    ref = weakref.ref(db)

    def clear_query_caches() -> None:
        current = ref()
        if current is not None:
            for table in list(getattr(current, "_tables", {}).values()):  # TinyDB keeps Table objects here
                table.clear_cache()

    db.storage.add_restore_hook(clear_query_caches)
    return db
