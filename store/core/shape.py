"""Type and shape of every record: what a store must hold before anything reads it.

Every document of a table in `store.tables.TABLES` must be an object whose doc id is a decimal
integer ("1", "2", ... as TinyDB writes them), with every required field of its model, no field
the model does not have (an unknown field is a problem: a typo such as "unit" for "unit_code"
would otherwise be dropped silently), and each value of the type its dataclass annotation says:

    str                 text
    int                 a whole number (not true/false)
    float               a number (a whole number is accepted)
    bool                true or false
    X | None            X or null
    an Enum             one of its values
    tuple[X, ...]       a list of X (nested records checked recursively)
    dict[str, X]        an object whose values are X
    Any                 anything

A table keyed by a field (`TableSpec.key`) must not use the same key twice. Tables the app does
not know are a problem too (a misspelt table would be ignored).

Each problem is a `Problem` (store.core.problems: table, record code, field, reason code, parameters): `str()` words it
in English on one line; the UI can word the same reason codes in its own language.

Speed: specs are computed once per model. A table is first checked column by column with
C-level loops (types of each column as a set, a few hundred records at a time); only a table
that fails is walked record by record to say exactly what is wrong.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


from .. import tables

from .problems import (  # noqa: F401  (Problem, REASONS, KINDS, summary: part of this module's API)
    KINDS, REASONS, Problem, kind_of, name_of, show, summary,
)


# ---- specs: what each field may hold, computed once per model -----------------------------------


@dataclass(frozen=True, eq=False)
class TypeSpec:
    """What a JSON value may be. `types` are the Python types orjson gives for it (None: any)."""

    types: frozenset[type] | None
    expected: tuple[str, ...] = ()
    #: allowed values when an enum is among the alternatives (None included if null is allowed)
    enum: frozenset[Any] | None = None
    allowed: tuple[str, ...] = ()
    items: TypeSpec | None = None       # for lists
    values: TypeSpec | None = None      # for dict[str, X]
    record: ModelSpec | None = None     # for nested records


@dataclass(frozen=True, eq=False)
class ModelSpec:
    name: str
    names: tuple[str, ...]
    fields: tuple[TypeSpec, ...]
    by_name: Mapping[str, TypeSpec]
    required: frozenset[str]


_ANY = TypeSpec(None)
_SCALARS = (str, int, float, type(None))
_NONE_TYPE = type(None)
_SIMPLE: dict[Any, TypeSpec] = {
    str: TypeSpec(frozenset({str}), ("text",)),
    int: TypeSpec(frozenset({int}), ("integer",)),
    float: TypeSpec(frozenset({int, float}), ("number",)),
    bool: TypeSpec(frozenset({bool}), ("boolean",)),
    _NONE_TYPE: TypeSpec(frozenset({_NONE_TYPE}), ("null",)),
    Any: _ANY,
}


@functools.lru_cache(maxsize=None)
def model_spec(model: type) -> ModelSpec:
    """The field specs of a record dataclass, from its annotations (cached)."""
    hints = typing.get_type_hints(model)
    names, specs, required = [], [], set()
    for f in dataclasses.fields(model):
        names.append(f.name)
        specs.append(type_spec(hints[f.name], f"{model.__name__}.{f.name}"))
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.add(f.name)
    return ModelSpec(model.__name__, tuple(names), tuple(specs), dict(zip(names, specs)),
                     frozenset(required))


def type_spec(annotation: Any, where: str = "") -> TypeSpec:
    """The spec of one annotation; TypeError for an annotation this module cannot check."""
    if annotation in _SIMPLE:
        return _SIMPLE[annotation]
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return _union([type_spec(a, where) for a in typing.get_args(annotation)])
    if origin is tuple:
        args = typing.get_args(annotation)
        if len(args) == 2 and args[1] is Ellipsis:
            return TypeSpec(frozenset({list}), ("list",), items=type_spec(args[0], where))
        raise TypeError(f"{where}: only tuple[X, ...] can be checked, not {annotation}")
    if origin is dict:
        key, value = typing.get_args(annotation)
        if key is not str:
            raise TypeError(f"{where}: JSON objects have text keys, not {key}")
        return TypeSpec(frozenset({dict}), ("object",), values=type_spec(value, where))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = tuple(member.value for member in annotation)
        value_types = frozenset(type(v) for v in values)
        kinds = tuple(dict.fromkeys(kind_of(v) for v in values))
        return TypeSpec(value_types, kinds, enum=frozenset(values), allowed=tuple(map(str, values)))
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return TypeSpec(frozenset({dict}), ("object",), record=model_spec(annotation))
    raise TypeError(f"{where}: cannot check values annotated {annotation!r}")


def _union(parts: list[TypeSpec]) -> TypeSpec:
    if any(p.types is None for p in parts):
        return _ANY
    enum = None
    for p in parts:
        if p.enum is not None:
            enum = (enum or frozenset()) | p.enum
    if enum is not None:
        plain = frozenset().union(*(p.types for p in parts if p.enum is None and p.types))
        if (plain - {_NONE_TYPE}) & frozenset(map(type, enum)):
            enum = None  # e.g. `SomeEnum | str`: any text goes
        elif _NONE_TYPE in plain:
            enum = enum | {None}
    pick = lambda attr: next((getattr(p, attr) for p in parts if getattr(p, attr) is not None), None)  # noqa: E731
    return TypeSpec(
        frozenset().union(*(p.types for p in parts if p.types is not None)),
        tuple(dict.fromkeys(k for p in parts for k in p.expected)),
        enum=enum,
        allowed=tuple(a for p in parts for a in p.allowed),
        items=pick("items"), values=pick("values"), record=pick("record"),
    )


# ---- the fast path: whole columns at once ------------------------------------------------------


#: Records checked together: small enough that the lists laid out for them are reused memory
#: (a list of all 180,000 values of 10,000 delegates would be fresh pages, slower to touch).
CHUNK = 512


def _docs_fast(spec: ModelSpec, docs: list, key: str | None = None) -> bool:
    """Whether every doc is a complete, well-typed record with its fields in the model's order
    (as `to_doc` writes them) and, given `key`, no two share its value. False says only "look
    closer", not what is wrong.

    Whole columns at once, in C loops, CHUNK records at a time: their keys and values are laid
    end to end, so column i is every k-th item from i; a column's values are checked by the set
    of their Python types."""
    n, k = len(docs), len(spec.names)
    if not n:
        return True
    if set(map(type, docs)) != {dict} or set(map(len, docs)) != {k}:
        return False
    if not k:
        return True
    names, fields = spec.names, spec.fields
    seen: set | None = set() if key is not None else None
    at = names.index(key) if key is not None else 0
    for start in range(0, n, CHUNK):
        part = docs[start:start + CHUNK]
        m = len(part)
        keys = list(_chain(part))
        for i, name in enumerate(names):
            if keys[i::k].count(name) != m:
                return False
        values = list(_chain(map(dict.values, part)))
        for i, ts in enumerate(fields):
            if ts.types is not None and not _column_fast(ts, values[i::k]):
                return False
        if seen is not None:
            seen.update(values[at::k])
    return seen is None or len(seen) == n


_chain = itertools.chain.from_iterable


def _column_fast(ts: TypeSpec, column: list) -> bool:
    if ts.types is None:
        return True
    if not set(map(type, column)) <= ts.types:
        return False
    if ts.enum is not None:
        try:
            if not set(column) <= ts.enum:
                return False
        except TypeError:  # an unhashable alternative (a list): let the slow path look
            return False
    if ts.items is not None:
        items = list(_chain(v for v in column if type(v) is list))
        if not _column_fast(ts.items, items):
            return False
    if ts.values is not None:
        values = list(_chain(map(dict.values, (v for v in column if type(v) is dict))))
        if not _column_fast(ts.values, values):
            return False
    if ts.record is not None:
        return _docs_fast(ts.record, [v for v in column if type(v) is dict])
    return True


# ---- the slow path: one record at a time, saying what is wrong -----------------------------------


def doc_id_ok(doc_id: str) -> bool:
    """TinyDB's doc ids: a positive whole number in decimal digits without leading zeros."""
    return doc_id.isdigit() and doc_id.isascii() and doc_id[0] != "0"


def _doc_ids_fast(ids: list[str]) -> bool:
    if not ids:
        return True
    joined = "".join(ids)
    # the smallest id sorts first: it would be "" or start with "0" if any id did
    return joined.isdigit() and joined.isascii() and min(ids)[:1] not in ("", "0")


def record_problems(spec: ModelSpec, doc: Mapping[str, Any], table: str, code: str | None,
                    prefix: str = "") -> list[Problem]:
    """Everything wrong with one record `doc` of `spec` (an empty list when it is well formed)."""
    out = []
    for name in spec.names:
        if name not in doc:
            if name in spec.required:
                out.append(Problem(table, code, prefix + name, "missing_field"))
            continue
        out.extend(value_problems(spec.by_name[name], doc[name], table, code, prefix + name))
    for name in doc:
        if name not in spec.by_name:
            out.append(Problem(table, code, prefix + name_of(name), "extra_field"))
    return out


def puts_problems(model: type, docs: list[tuple[str, Mapping[str, Any]]], table: str) -> list[Problem]:
    """`record_problems` of each (code, doc) of one table: the well-formed case (every doc as
    `to_doc` writes it) is told column by column by the open's fast path, and only when that
    says "look closer" is each doc walked (the unit of work's check of an import of 100,000
    people: 0.1 s instead of 0.7 s)."""
    spec = model_spec(model)
    if _docs_fast(spec, [doc for _code, doc in docs]):
        return []
    return [p for code, doc in docs for p in record_problems(spec, doc, table, code)]


def value_problems(ts: TypeSpec, value: Any, table: str, code: str | None, where: str) -> list[Problem]:
    if ts.types is None:
        return []
    if type(value) not in ts.types:
        return [Problem(table, code, where, "wrong_type",
                        {"value": show(value), "got": kind_of(value), "expected": ts.expected})]
    if ts.enum is not None and isinstance(value, _SCALARS) and value not in ts.enum:
        return [Problem(table, code, where, "not_one_of", {"value": show(value), "allowed": ts.allowed})]
    out: list[Problem] = []
    if type(value) is list and ts.items is not None:
        for i, item in enumerate(value, start=1):
            out.extend(value_problems(ts.items, item, table, code, f"{where}[{i}]"))
    elif type(value) is dict and ts.values is not None:
        for key, item in value.items():
            out.extend(value_problems(ts.values, item, table, code, f"{where}.{name_of(key)}"))
    elif type(value) is dict and ts.record is not None:
        out.extend(record_problems(ts.record, value, table, code, where + "."))
    return out


def label(doc: Any, key: str | None, doc_id: str, spec: ModelSpec | None = None) -> str | None:
    """How a problem names a record: its code (when of its field's type, and plain), else
    "#<doc id>"; None for a one-record table."""
    if key is None:
        return None
    value = doc.get(key) if isinstance(doc, dict) else None
    types = spec.by_name[key].types if spec is not None and key in spec.by_name else None
    if type(value) in (types or (str, int)) and type(value) in (str, int):
        text = str(value)
        if text and name_of(text) == text:
            return text
    return f"#{name_of(doc_id)}"


# ---- tables --------------------------------------------------------------------------------------


def table_report(name: str, model: type, key: str | None, table: Any) -> tuple[list[Problem], list[dict]]:
    """The problems of one table, and its well-formed documents (all of them when none)."""
    if not isinstance(table, dict):
        return [Problem(name, None, None, "table_not_object", {"got": kind_of(table)})], []
    spec = model_spec(model)
    ids, docs = list(table), list(table.values())
    if _doc_ids_fast(ids) and _docs_fast(spec, docs, key):
        return [], docs
    problems: list[Problem] = []
    good: list[dict] = []
    for doc_id, doc in table.items():
        code = label(doc, key, doc_id, spec)
        found = []
        if not doc_id_ok(doc_id):
            found.append(Problem(name, code, None, "doc_id", {"id": show(doc_id)}))
        if not isinstance(doc, dict):
            found.append(Problem(name, code, None, "not_object", {"id": name_of(doc_id), "got": kind_of(doc)}))
        else:
            found.extend(record_problems(spec, doc, name, code))
        if found:
            problems.extend(found)
        else:
            good.append(doc)
    if key is not None:
        problems.extend(_duplicate_keys(name, key, good))
    return problems, good


def _duplicate_keys(name: str, key: str, docs: list[dict]) -> list[Problem]:
    counts: dict[Any, int] = {}
    for doc in docs:
        value = doc.get(key)
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    return [Problem(name, str(value) if name_of(str(value)) == str(value) else show(value),
                    key, "duplicate_key", {"value": show(value), "count": n})
            for value, n in counts.items() if n > 1]


def tables_report(raw: Mapping[str, Any]) -> tuple[list[Problem], dict[str, list[dict]]]:
    """Problems of every table of `store.tables` (and of tables hoinghi does not know), and the
    well-formed documents of each table. The meta table is left to `schema.meta_problems`."""
    problems: list[Problem] = []
    good: dict[str, list[dict]] = {}
    for spec in tables.TABLES:
        table = raw.get(spec.name)
        found, docs = table_report(spec.name, spec.model, spec.key, {} if table is None else table)
        problems.extend(found)
        good[spec.name] = docs
    for name in raw:
        if name not in tables.BY_NAME and name != tables.META:
            problems.append(Problem(name_of(name), None, None, "unknown_table"))
    return problems, good


def store_problems(raw: Mapping[str, Any]) -> list[Problem]:
    """Every shape problem of a store's data (already migrated): meta first, then each table.
    Empty means every record can be read into its model without error."""
    from . import schema  # schema imports Problem from here

    problems = schema.meta_problems(raw)
    problems.extend(tables_report(raw)[0])
    return problems
