"""Bytes to a store's data: parse, and say in words what is wrong with a file that is not one."""

from __future__ import annotations

import orjson


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


def decode_store(raw: bytes) -> dict:
    """Parse the bytes of a store file; ValueError says, in words, what is wrong."""
    if raw.startswith(b"\xef\xbb\xbf"):  # a UTF-8 byte-order mark, as Notepad writes
        raw = raw[3:]
    if not raw.strip():
        raise ValueError("the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        detail = " ".join(str(exc).split())
        raise ValueError(f"it is not valid JSON, probably truncated or damaged ({detail})") from None
    if not isinstance(data, dict):
        raise ValueError(f"it holds {_json_kind(data)}, not a JSON object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"table {name!r} holds {_json_kind(table)}, not an object")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise ValueError(f"record {doc_id} of table {name!r} is not an object")
    return data
