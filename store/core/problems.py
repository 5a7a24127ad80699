"""A problem found in a store's records, as a value: table, record code, field, reason code and
parameters. `str()` words it in English on one line (the catalog's English); the UI words the
same reason codes in the user's language."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..errors import KINDS
from ..errors import REASONS as FIELD_REASONS
from wording.catalog import word

#: Every problem reason; its words are "problem.<reason>" in the catalogs (wording/locales), the
#: English there only. Reasons from `store.errors.REASONS` (a ValidationError's code) may appear too.
REASONS: tuple[str, ...] = (
    "unknown_table", "table_not_object", "doc_id", "not_object", "missing_field", "extra_field",
    "wrong_type", "not_one_of", "duplicate_key", "bad_version", "versions_disagree",
    "single_record", "host_not_member", "above_zero", "unknown_group", "points_range", "no_reason",
    "adjustment_sign", "negative", "twice_in_order", "unknown_criterion", "check_failed",
)



@dataclass(frozen=True)
class Problem:
    """One thing wrong in a store: where (table, record code, field) and why (reason, params).

    `code` is the record's code (its key field), or "#<doc id>" when the record has no usable
    code, or None for a one-record table or the table itself. `field` may be a path into nested
    records: "groups[2].self_points" (items counted from 1).
    """

    table: str
    code: str | None
    field: str | None
    reason: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        """One line in English: `delegates D0007: field bloc: "martians" is not one of ...`."""
        where = self.table + (f" {self.code}" if self.code is not None else "")
        what = f"field {self.field}: " if self.field else ""
        return f"{where}: {what}{_reason_text(self.reason, self.params)}"


def _reason_text(reason: str, params: Mapping[str, Any]) -> str:
    if reason in REASONS:
        template = word(f"problem.{reason}", "en")
    elif reason in FIELD_REASONS:
        template = word(f"reason.{reason}", "en")
    else:
        return reason
    words = dict(params)
    for key in ("got", "expected"):
        if key in words:
            kinds = words[key] if isinstance(words[key], (tuple, list)) else (words[key],)
            words[key] = word("problem.or", "en").join(word(f"kind.{k}", "en") if k in KINDS else str(k)
                                                        for k in kinds)
    if isinstance(words.get("allowed"), (tuple, list)):
        words["allowed"] = ", ".join(map(str, words["allowed"]))
    try:
        return template.format(**words)
    except (KeyError, IndexError, ValueError):
        return f"{reason} {dict(params)}"


def show(value: Any, limit: int = 60) -> str:
    """A value as JSON on one line, control and invisible characters escaped, cut to `limit`."""
    try:
        text = orjson.dumps(value).decode()
    except TypeError:
        text = repr(value)
    text = "".join(ch if unicodedata.category(ch)[0] not in "CZ" or ch == " " else f"\\u{ord(ch):04x}"
                   for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def name_of(key: str) -> str:
    """A table or field name from the file, shown as is when plain, as JSON when odd."""
    if key and len(key) <= 40 and all(ch.isalnum() or ch in "_-." for ch in key):
        return key
    return show(key, 42)


def kind_of(value: Any) -> str:
    """The JSON kind of a parsed value (a key of KINDS)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def summary(problems: list[Problem], first: int = 3) -> str:
    """The first few problems on one line: "a; b; c (and 4 more)"."""
    more = f" (and {len(problems) - first} more)" if len(problems) > first else ""
    return "; ".join(str(p) for p in problems[:first]) + more
