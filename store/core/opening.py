"""Opening files: bring a store's schema up to date, or vet a file before it becomes a store.

At open, after the storage has parsed the file (`decode.decode_store`: JSON, tables, repeated
keys), `prepare_schema` reads the schema version (`schema.read_version`), migrates older data in
memory, and checks the shape of every record (`shape`): a store that any record would make
crash is refused with StoreShapeError, and nothing is written. Only then does a migration back
the file up and write it, or a brand-new file get its version stamped.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB

from .. import checks
from ..errors import StoreCorruptError, StoreError, StoreNotFoundError, StoreShapeError
from . import schema, shape
from .backups import default_backup_dir, list_backups, read_backup, store_path
from .decode import decode_store
from .read_only import ReadOnlyStorage
from .regular import read_regular, refuse_unusual
from .store_file import corrupt_error, read_snapshot
from .shape import Problem
from .storage import DurableStorage



class StoreInvalidError(StoreError):
    """A file offered as the start of a new store is not valid; `problems` says why."""

    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(f"{path} is not valid: {shape.summary(problems)}")


def _copy(raw: dict[str, Any]) -> dict[str, Any]:
    return orjson.loads(orjson.dumps(raw))


def current_data(raw: dict[str, Any], file_name: str) -> tuple[int | None, dict[str, Any]]:
    """The version stored in `raw` and the data at the current version (a migrated copy when
    older; `raw` itself otherwise). SchemaError for a malformed meta table, StoreVersionError
    for a newer file."""
    version = schema.read_version(raw)
    if version is None:
        return None, raw
    schema.check_supported(version, file_name)
    if schema.needs_migration(version):
        return version, schema.migrate(_copy(raw), version)
    return version, raw


def prepare_schema(storage: DurableStorage, *, vetted: bool = False) -> int | None:
    """Refuse malformed or newer files; migrate older ones after a backup; stamp brand-new ones.
    Returns the version the file held (None: none yet).

    `vetted`: the storage already ran `vet_data` on this data (or took bytes it had checked)."""
    raw = storage.read() or {}
    if not vetted:
        vet_data(storage, raw)
    version, data = current_data(raw, storage.path.name)
    if version is None:
        schema.set_version(raw, schema.SCHEMA_VERSION)
        storage.write(raw)
    elif data is not raw:
        storage.backup_now(f"before-migration-v{version}")
        storage.write(data)
    return version


def vet_data(storage: DurableStorage, raw: dict[str, Any]) -> None:
    """StoreShapeError (or StoreVersionError) unless `raw` is data open would accept: the
    meta table and schema version, then every record's shape (at the current version)."""
    try:
        _, data = current_data(raw, storage.path.name)
    except schema.SchemaError as exc:
        raise _refusal(storage, exc.problems) from None
    problems, _ = shape.tables_report(data)
    if problems:
        raise _refusal(storage, problems)


def shape_problems(raw_bytes: bytes, file_name: str = "") -> list[Problem]:
    """The shape problems of a file's bytes that would make open refuse it. ValueError when the
    bytes are not a store at all (decode_store), StoreVersionError when newer."""
    raw = decode_store(raw_bytes)
    try:
        _, data = current_data(raw, file_name)
    except schema.SchemaError as exc:
        return exc.problems
    return shape.tables_report(data)[0]


def _refusal(storage: DurableStorage, problems: list[Problem]) -> StoreShapeError:
    backup = _good_backup(storage)
    hint = f"newest good backup: {backup}" if backup else f"no good backup found in {storage.backup_dir}"
    return StoreShapeError(storage.path, problems, hint, backup, storage.backup_dir)


def _good_backup(storage: DurableStorage) -> Path | None:
    """The newest backup that open would accept (shape included), as the storage names one for
    a file that is not JSON."""
    try:
        current = read_regular(storage.path)[0]
    except (OSError, StoreError):
        current = b""
    for candidate in list_backups(storage.path, storage.backup_dir):
        try:
            data = read_backup(candidate)
            if data != current and not shape_problems(data, candidate.name):
                return candidate
        except (OSError, ValueError, StoreError):
            continue
    return None


def _read_store_file(path: Path, not_a_store: type[StoreError]) -> dict[str, Any]:
    """The decoded data of the file at `path` and the whole records of its journal, read
    without opening it as a store (no lock: the app may be running); StoreError when it is
    missing or unreadable, `not_a_store` when it does not parse as one or its journal does not
    replay onto it."""
    try:
        return read_snapshot(path).data
    except StoreNotFoundError:
        raise StoreError(code="source_not_found", path=str(path)) from None
    except ValueError as exc:
        raise not_a_store(code="not_a_store", path=str(path), why=str(exc), cause=exc) from None


def load_checked(path: str | os.PathLike) -> schema.Raw:
    """Read a store file without opening it as a store (no lock, no backups), migrate it in
    memory and validate it (shape and consistency). Raises StoreError naming the file and the
    first problems (StoreInvalidError, with all of them in `problems`, when it parses)."""
    path = Path(path)
    raw = _read_store_file(path, StoreError)
    try:
        version, raw = current_data(raw, path.name)
    except schema.SchemaError as exc:
        raise StoreInvalidError(path, exc.problems) from None
    if version is None:
        schema.set_version(raw, schema.SCHEMA_VERSION)
    problems = checks.check_problems(raw)
    if problems:
        raise StoreInvalidError(path, problems)
    return raw


def check_file(path: str | os.PathLike) -> list[Problem]:
    """Every problem of the store file at `path`, read without opening it (no lock, no backup,
    no write): what `hoinghi check` can list for a file that open refuses. StoreError when the
    file cannot be read or parsed, StoreVersionError when it is newer."""
    path = Path(path)
    raw = _read_store_file(path, StoreCorruptError)
    try:
        _, data = current_data(raw, path.name)
    except schema.SchemaError as exc:
        return exc.problems
    return checks.check_problems(data)


def open_snapshot_storage(path: str | os.PathLike) -> ReadOnlyStorage:
    """The store at `path` as it was last saved, read without its lock (the app may hold it),
    checked as open checks it and brought to the current schema in memory; nothing is written,
    locked, backed up or created beside it. StoreNotFoundError, StoreError (not a regular file,
    too large, kept changing), StoreCorruptError or StoreShapeError (naming the newest good
    backup) as open would refuse it; StoreVersionError when newer."""
    given = path
    path = store_path(path)
    if not path.parent.is_dir():
        raise StoreNotFoundError(code="no_folder", path=str(path), folder=str(path.parent))
    refuse_unusual(path, given)
    try:
        snapshot = read_snapshot(path)
    except ValueError as exc:
        raise corrupt_error(path, default_backup_dir(path), "corrupt", exc) from None
    storage = ReadOnlyStorage(path, snapshot.data)
    vet_data(storage, snapshot.data)  # type: ignore[arg-type]
    version, data = current_data(snapshot.data, path.name)
    return ReadOnlyStorage(path, data, version=version)


def open_tinydb(path: str | os.PathLike[str], **kwargs: Any) -> TinyDB:
    """`TinyDB(path, storage=DurableStorage, **kwargs)`, plus what keeps TinyDB's query cache honest.

    The store itself never queries through TinyDB (the unit of work reads and writes documents by
    code), but the file stays a TinyDB database: a `Table.search()` through this object caches its
    results per table and TinyDB clears them only after its own writes. Memory also changes under
    it (the unit of work's staged changes, a rolled-back transaction, a reload), so the storage's
    memory hook clears every table's query cache then. Use this rather than bare `TinyDB(...)`.
    """
    db = TinyDB(path, storage=DurableStorage, **kwargs)
    ref = weakref.ref(db)

    def clear_query_caches() -> None:
        current = ref()
        if current is not None:
            for table in list(current._tables.values()):  # TinyDB keeps its Table objects here
                table.clear_cache()

    db.storage.add_memory_hook(clear_query_caches)
    return db
