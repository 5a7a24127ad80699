"""The store's validation reasons (English, for logs and the command line) in the UI language."""

from __future__ import annotations

import re

from store.errors import ValidationError

from .i18n import t

PATTERNS = [
    (re.compile(r"^is required$"), "reason.required"),
    (re.compile(r"^is too long \((?P<n>\d+) characters, at most (?P<max>\d+)\)$"), "reason.too_long"),
    (re.compile(r"^contains a control character \((?P<char>U\+[0-9A-F]+)\)$"), "reason.control"),
    (re.compile(r"^must be a whole number$"), "reason.integer"),
    (re.compile(r"^must be a number$"), "reason.number"),
    (re.compile(r"^must be between (?P<low>\S+) and (?P<high>\S+)$"), "reason.between"),
    (re.compile(r"^must be a date YYYY-MM-DD$"), "reason.date"),
    (re.compile(r"^must be a year between 1900 and 2100$"), "reason.year"),
    (re.compile(r"^must be one of: (?P<allowed>.*)$"), "reason.one_of"),
    (re.compile(r"^may hold only digits, spaces and \+ \( \) \. -$"), "reason.phone"),
    (re.compile(r"^unknown unit (?P<unit>.*)$"), "reason.unknown_unit"),
    (re.compile(r"^a delegate needs a member unit or an organization$"), "reason.unit_or_org"),
    (re.compile(r"^is in the future$"), "reason.future"),
    (re.compile(r"^is before the date of birth$"), "reason.before_birth"),
    (re.compile(r"^(?P<code>\S+) is already used by another delegate$"), "reason.code_taken"),
]


def reason_text(reason: str) -> str:
    for pattern, key in PATTERNS:
        match = pattern.match(reason)
        if match:
            return t(key, **match.groupdict())
    return reason


def describe(error: ValidationError) -> str:
    """"Tên: là bắt buộc" — the field's label and the reason, in the UI language."""
    return t("error.field", field=t(f"field.{error.field}"), reason=reason_text(error.reason))
