"""Schema version of the store file and the step-by-step migrations to reach it.

The file is TinyDB's layout: {table_name: {doc_id: document}}. The table `meta` holds one
document with `schema_version` (and the code counters, `last_codes`). A migration takes the raw
data of version N and returns version N+1; they run in order at open, after a backup.

The version is an int from 1 to SCHEMA_VERSION (not true/false, not "2"); a non-empty file
without one is version 1 (files written before the version was recorded); an empty file has
none. A malformed meta table (not an object, a record that is not an object, versions that
disagree, a field hoinghi does not know) is refused with SchemaError, a ValueError whose message
is one line; a newer version is refused by `check_supported` with StoreVersionError.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..errors import StoreVersionError
from wording.text import split_full_name
from .shape import Problem, doc_id_ok, kind_of, model_spec, name_of, record_problems, show, summary

SCHEMA_VERSION = 2

META_TABLE = "meta"

Raw = dict[str, dict[str, dict[str, Any]]]


@dataclass(frozen=True)
class ChainAnchor:
    """Where the audit log's hash chain stands (store.integrity.anchor): the seq of its first hashed
    entry, how many entries it holds and the hash of the newest; written with every entry."""

    start: int
    length: int
    head: str


@dataclass(frozen=True)
class MetaRecord:
    """What a record of the meta table may hold (the version is checked apart: see below)."""

    schema_version: Any = None
    last_codes: dict[str, int] = field(default_factory=dict)
    #: the audit chain's anchor; absent in stores written before it existed
    chain: ChainAnchor | None = None
    #: printed in every delegate's check-in code (store/models/checkin_code.py); given at creation
    conference_key: str | None = None


class SchemaError(ValueError):
    """The meta table is malformed; `problems` says how, `str()` in one line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(summary(problems))


def meta_problems(raw: dict[str, Any]) -> list[Problem]:
    """What is wrong with the meta table of `raw` (an empty list when nothing is)."""
    meta = raw.get(META_TABLE)
    if meta is None:
        return []
    if not isinstance(meta, dict):
        return [Problem(META_TABLE, None, None, "table_not_object", {"got": kind_of(meta)})]
    problems: list[Problem] = []
    versions: dict[str, int] = {}
    spec = model_spec(MetaRecord)
    for doc_id, doc in meta.items():
        code = None if len(meta) == 1 else f"#{name_of(doc_id)}"
        if not doc_id_ok(doc_id):
            problems.append(Problem(META_TABLE, code, None, "doc_id", {"id": show(doc_id)}))
        if not isinstance(doc, dict):
            problems.append(Problem(META_TABLE, code, None, "not_object", {"id": name_of(doc_id), "got": kind_of(doc)}))
            continue
        problems.extend(record_problems(spec, doc, META_TABLE, code))
        if "schema_version" in doc:
            version = doc["schema_version"]
            if type(version) is not int or version < 1:
                problems.append(Problem(META_TABLE, code, "schema_version", "bad_version",
                                        {"value": show(version), "newest": SCHEMA_VERSION}))
            else:
                versions[doc_id] = version
    if len(set(versions.values())) > 1:
        problems.append(Problem(META_TABLE, None, None, "versions_disagree",
                                {"versions": ", ".join(map(str, sorted(set(versions.values()))))}))
    return problems


def read_version(raw: Raw) -> int | None:
    """The schema version stored in `raw`, or None for a brand-new empty file.
    SchemaError when the meta table is malformed. A newer version is returned as it is, whatever
    else its meta table holds (a newer hoinghi may keep more there), for `check_supported`."""
    meta = raw.get(META_TABLE)
    docs = list(meta.values()) if isinstance(meta, dict) else []
    declared = [doc["schema_version"] for doc in docs if isinstance(doc, dict)
                and type(doc.get("schema_version")) is int and doc["schema_version"] >= 1]
    if declared and max(declared) > SCHEMA_VERSION:
        return max(declared)
    problems = meta_problems(raw)
    if problems:
        raise SchemaError(problems)
    if declared:
        return declared[0]
    if not any(raw.values()):
        return None
    return 1  # files written before the version was recorded


def _v1_to_v2(raw: Raw) -> Raw:
    """Version 1 kept a delegate's full name in `name`; version 2 keeps its parts."""
    delegates = raw.get("delegates")
    for doc in (delegates.values() if isinstance(delegates, dict) else ()):
        # a malformed record is left as it is, for the shape check to name
        if isinstance(doc, dict) and isinstance(doc.get("name"), str) and "given" not in doc:
            family, middle, given = split_full_name(doc.pop("name"))
            doc.update(family=family, middle=middle, given=given)
    return raw


MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {1: _v1_to_v2}


def needs_migration(version: int) -> bool:
    return version < SCHEMA_VERSION


def check_supported(version: int, file_name: str) -> None:
    if version > SCHEMA_VERSION:
        raise StoreVersionError(code="newer_schema", path=file_name, version=version, known=SCHEMA_VERSION)


def migrate(raw: Raw, version: int) -> Raw:
    """Run every migration from `version` up to SCHEMA_VERSION and stamp the new version."""
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
    set_version(raw, SCHEMA_VERSION)
    return raw


def set_conference_key(raw: Raw, key: str) -> None:
    """Keep `key` as the conference's key in the meta record (on every one)."""
    meta = raw.setdefault(META_TABLE, {})
    for doc in (meta.values() if meta else [meta.setdefault("1", {})]):
        doc["conference_key"] = key


def set_version(raw: Raw, version: int) -> None:
    """Stamp `version` on the meta record (on every one, should there be several)."""
    meta = raw.setdefault(META_TABLE, {})
    if meta:
        for doc in meta.values():
            doc["schema_version"] = version
    else:
        meta["1"] = {"schema_version": version}
