"""Canonical JSON and the hashes of the seal and the audit chain.

    canonical({"b": "Hoà", "a": 1})   # b'{"a":1,"b":"Ho\xc3\xa0"}': keys sorted, no spaces,
                                      # UTF-8, every text NFC
    digest(value)                     # SHA-256 hex of that
    entry_hash(doc)                   # an audit entry's hash: all its fields but "hash"
    fingerprint(hash)                 # "3F9A 1C2B 77D0 E4A1": what people read and compare

The same value always gives the same bytes, whatever the order of its keys or whether its
Vietnamese text was typed composed or decomposed, so a hash computed today can be computed
again by `hoinghi check` (or by anyone with the record and this definition) later.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from typing import Any, Iterable

import orjson

from ..models.base import _plain

#: hex digits of the hash shown as the fingerprint
FINGERPRINT_DIGITS = 16


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc(v) for v in value]
    return value


def canonical(value: Any) -> bytes:
    """The canonical JSON bytes of `value`: keys sorted, compact, UTF-8, texts NFC."""
    return orjson.dumps(_nfc(value), option=orjson.OPT_SORT_KEYS)


def digest(value: Any) -> str:
    """SHA-256 (lowercase hex) of the canonical JSON of `value`."""
    return hashlib.sha256(canonical(value)).hexdigest()


def entry_hash(doc: dict[str, Any]) -> str:
    """The hash of an audit entry document: every field except "hash" itself ("prev" included,
    which links it to the entry before)."""
    return digest({k: v for k, v in doc.items() if k != "hash"})


def fingerprint(hash_hex: str) -> str:
    """The first digits of a hash in groups of four, upper case: "3F9A 1C2B 77D0 E4A1"."""
    head = hash_hex[:FINGERPRINT_DIGITS].upper()
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


#: the covenant's fields that are its text (the seal covers them; the seal fields and the next
#: cluster head are not text)
TEXT_FIELDS = ("year", "title", "movements", "groups", "signing_order")


def lean(record: Any) -> dict[str, Any]:
    """A record's document without the fields that hold their default value: the same record
    gives the same document after a later version adds a field with a default."""
    doc = record.to_doc()
    out = {}
    for f in dataclasses.fields(record):
        if f.default is not dataclasses.MISSING and doc[f.name] == _plain(f.default):
            continue
        if f.default_factory is not dataclasses.MISSING and doc[f.name] == _plain(f.default_factory()):
            continue
        out[f.name] = doc[f.name]
    return out


def text_part(covenant: Any) -> dict[str, Any]:
    doc = lean(covenant)
    return {name: doc[name] for name in TEXT_FIELDS if name in doc}


def seal_parts(covenant: Any, signatures: Iterable[Any]) -> dict[str, str]:
    """The hash of each sealed part: "text", then one per signature ("signature:<unit>")."""
    parts = {"text": digest(text_part(covenant))}
    for s in sorted(signatures, key=lambda s: s.unit_code):
        parts[f"signature:{s.unit_code}"] = digest(lean(s))
    return parts


def seal_fields(covenant: Any, signatures: Iterable[Any]) -> dict[str, dict[str, str]]:
    """The hash of each field of each sealed part ("text", "signature:<unit>"), kept in the
    seal's audit entry so that a later mismatch names the field that changed."""
    parts = {"text": {name: digest(value) for name, value in text_part(covenant).items()}}
    for s in signatures:
        parts[f"signature:{s.unit_code}"] = {name: digest(value) for name, value in lean(s).items()}
    return parts


def changed_fields(sealed: Any, now: dict[str, str]) -> list[str]:
    """The fields whose hash in `now` differs from `sealed` (a field missing on one side counts)."""
    if not isinstance(sealed, dict):
        return []
    return sorted(name for name in {*sealed, *now} if sealed.get(name) != now.get(name))


def seal_hash(covenant: Any, signatures: Iterable[Any], sealed_at: str) -> str:
    """The seal: SHA-256 of the canonical JSON of the text, the signatures (by unit, each
    without its default fields) and the time."""
    return digest({"covenant": text_part(covenant),
                   "signatures": [lean(s) for s in sorted(signatures, key=lambda s: s.unit_code)],
                   "sealed_at": sealed_at})
