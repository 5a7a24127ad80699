"""Bytes to a store's data: parse, and say in words what is wrong with a file that is not one.

Besides JSON itself, a store must not repeat a key: a table name, a record id in a table or a
field in a record written twice would keep only the last (orjson and TinyDB both do that
silently), hiding the others. Finding repeats costs a second parse, so it is only done when
the bytes are not exactly what this app writes: when `orjson.dumps` of the parsed data gives
back the file byte for byte, no key can be repeated (a dict cannot hold one twice).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

from .journal import STAMP
from .shape import Problem, kind_of, name_of

#: How many repeated keys a message names before "and N more".
SHOWN = 3


def _json_kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return "a number"


class Undecodable(ValueError):
    """The bytes are not a store: `code` and `params` say why (the UI words them as
    "decode.<code>"; a problem of a table is carried as `problem`); `str()` is English."""

    catalog_prefix = "decode"

    def __init__(self, text: str, code: str, problem: Problem | None = None, **params: Any) -> None:
        super().__init__(text)
        self.code = code
        self.problem = problem
        self.params = params


def parse_tables(raw: bytes) -> tuple[bytes, dict]:
    """(the bytes without a byte-order mark, their JSON object of tables); Undecodable when
    the file is empty, not JSON, or not an object."""
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark, as Notepad writes
        raw = raw[3:]
    if not raw.strip():
        raise Undecodable("the file is empty", "empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        detail = " ".join(str(exc).split())
        raise Undecodable(f"it is not valid JSON, probably truncated or damaged ({detail})", "not_json",
                          detail=detail) from None
    if not isinstance(data, dict):
        raise Undecodable(f"it holds {_json_kind(data)}, not a JSON object of tables", "not_tables",
                          got=kind_of(data))
    return raw, data


def decode_store(raw: bytes, *, verified: bool = False, stamp: bool = False) -> dict:
    """Parse the bytes of a store file; ValueError says, in words, what is wrong.

    `verified`: the bytes are exactly ones this program has already checked (a backup it made
    after checking them), so the search for repeated keys is skipped. The journal's generation
    stamp (`store.core.journal.STAMP`) is left in the data only with `stamp`."""
    raw, data = parse_tables(raw)
    for name, table in data.items():
        if not isinstance(table, dict):
            raise _problem(name, "table_not_object", got=kind_of(table))
        if set(map(type, table.values())) - {dict}:
            doc_id, doc = next((k, doc) for k, doc in table.items() if not isinstance(doc, dict))
            raise _problem(name, "not_object", id=name_of(doc_id), got=kind_of(doc))
    if not verified and not is_canonical(data, raw):
        repeated = repeated_keys(raw)
        if repeated:
            more = f" (and {len(repeated) - SHOWN} more)" if len(repeated) > SHOWN else ""
            keys = "; ".join(repeated[:SHOWN])
            raise Undecodable(f"it repeats keys, and all but the last of each would be lost: {keys}{more}",
                              "repeated_keys", keys=keys, more=len(repeated) - SHOWN if len(repeated) > SHOWN else 0)
    if not stamp:
        data.pop(STAMP, None)
    return data


def _problem(table: str, reason: str, **params: Any) -> Undecodable:
    problem = Problem(name_of(table), None, None, reason, params)
    return Undecodable(str(problem), "problem", problem)


def is_canonical(data: Any, raw: bytes) -> bool:
    """Whether `raw` is exactly what this app writes for `data` (compact orjson, same order)."""
    if raw[:1].isspace() or raw[-1:].isspace():
        raw = raw.strip()
    try:
        return orjson.dumps(data) == raw
    except orjson.JSONEncodeError:
        return False


class _Repeats(dict):
    """A JSON object in which some keys were written more than once (`repeats`: key -> times)."""

    repeats: dict[str, int]
    lost: list[tuple[str, Any]]  # the earlier values of the repeated keys (walked too)


def repeated_keys(raw: bytes) -> list[str]:
    """Every key written more than once in the JSON `raw`, in words; [] when none is."""
    marked: list[_Repeats] = []

    def pairs(items: list[tuple[str, Any]]) -> dict:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        counts: dict[str, int] = {}
        for key, _ in items:
            counts[key] = counts.get(key, 0) + 1
        repeats = _Repeats(obj)
        repeats.repeats = {k: n for k, n in counts.items() if n > 1}
        repeats.lost = [(k, v) for k, v in items if v is not obj[k]]
        marked.append(repeats)
        return repeats

    try:
        tree = json.loads(raw, object_pairs_hook=pairs)
    except (ValueError, RecursionError):  # orjson read it; the standard parser is only a witness
        return []
    if not marked:
        return []
    found: list[str] = []
    _walk(tree, (), found)
    return found


def _walk(value: Any, path: tuple[str, ...], found: list[str]) -> None:
    if isinstance(value, dict):
        if type(value) is _Repeats:
            for key, times in value.repeats.items():
                found.append(f"{_where(path, key)} appears {times} times")
        pairs = list(value.items()) + (value.lost if type(value) is _Repeats else [])
        for key, item in pairs:
            if isinstance(item, (dict, list)):
                _walk(item, (*path, key), found)
    elif isinstance(value, list):
        for i, item in enumerate(value, start=1):
            if isinstance(item, (dict, list)):
                _walk(item, (*path, f"[{i}]"), found)


def _where(path: tuple[str, ...], key: str) -> str:
    if not path:
        return f"table {name_of(key)}"
    if len(path) == 1:
        return f"record id {name_of(key)} of table {name_of(path[0])}"
    inner = ".".join(p if p.startswith("[") else name_of(p) for p in path[2:] + (key,)).replace(".[", "[")
    return f"field {inner} of record {name_of(path[1])} of table {name_of(path[0])}"
