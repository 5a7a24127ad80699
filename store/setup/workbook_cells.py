"""The cells of a filled workbook read as values, pure: a conference item, a start time, a
criterion's points, a word from a list, the tie-break order, the settings given as JSON, and codes
for the records given without one. A refused cell raises ValidationError; `BAD` marks a value
already refused (the row is left out, its problem reported). The reasons a refused cell or row
gives are registered here."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from typing import Any

from .. import errors, validation
from ..conference import conference_field
from ..errors import ValidationError
from . import layout

REASONS = (
    "setup.no_header", "setup.unknown_item", "setup.twice", "setup.duplicate_code", "setup.json", "setup.json_object",
    "setup.json_field", "setup.no_units", "setup.store_check", "setup.above_zero",
    "setup.unit_or_place",
)
errors.register_reasons(REASONS)

#: the code prefixes of records given without a code
PREFIXES = {"delegates": "D", "agenda": "A", "content_groups": "N", "bonus": "B", "deduction": "D",
            "covenant": "N"}
TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")
BAD = object()


def conference_value(key: str, text: str) -> Any:
    if key == "year" and not text.strip():
        raise ValidationError("conference.year", "required")
    return conference_field(key, text)


def start_time(text: str) -> str:
    m = TIME_RE.match(text.strip())
    if not m:
        raise ValidationError("planned_start", "time")
    return validation.time_of_day("planned_start", f"{int(m.group(1)):02d}:{m.group(2)}")


def criterion_points(text: str) -> float:
    return validation.number("points", (text or "").strip(), low=-10_000, high=10_000)


def choice(field_name: str, text: str, index: dict[str, Any], words: dict, default: Any) -> Any:
    if not text.strip():
        if default is None:
            raise ValidationError(field_name, "required")
        return default
    value = index.get(layout.key_of(text))
    if value is None:
        raise ValidationError(field_name, "one_of", allowed=", ".join(w[0] for w in words.values()))
    return getattr(value, "value", value)


def tie_break(text: str) -> tuple[str, ...]:
    index = {layout.key_of(w): name for name, words in layout.TIE_BREAK_WORDS.items() for w in (*words, name)}
    out = []
    for part in re.split(r"[,;\n]+", text):
        if not part.strip():
            continue
        name = index.get(layout.key_of(part))
        if name is None:
            raise ValidationError("tie_break", "one_of",
                                  allowed=", ".join(w[0] for w in layout.TIE_BREAK_WORDS.values()))
        out.append(name)
    return tuple(out)


def json_fields(text: str, model: type, covered: set[str]) -> dict[str, Any]:
    """Settings of a record the workbook has no column for, as a JSON object (a model's newer
    fields survive an export and import)."""
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError("json", "setup.json", line=exc.lineno, column=exc.colno) from None
    if not isinstance(value, dict):
        raise ValidationError("json", "setup.json_object")
    names = {f.name for f in fields(model)} - covered
    for key in value:
        if key not in names:
            raise ValidationError("json", "setup.json_field", name=key)
    return value  # the types are checked with the whole record (vet: the store's own check)


def unique_codes(docs: list[dict[str, Any]], prefix: str, width: int = 0) -> list[dict[str, Any]]:
    """Give each record without a code one (prefix + its place), never one already given."""
    taken = {d["code"] for d in docs if d.get("code")}
    n = 0
    for doc in docs:
        if not doc.get("code"):
            n += 1
            while f"{prefix}{n:0{width}d}" in taken:
                n += 1
            doc["code"] = f"{prefix}{n:0{width}d}"
            taken.add(doc["code"])
    return docs
