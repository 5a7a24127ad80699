"""Numbers, money and dates as a Vietnamese reader writes them, and typed back.

    number(107.25) -> "107,25"      integer(10000) -> "10.000"
    money(100_000_000) -> "100.000.000 đ"
    day("2024-11-30") -> "30/11/2024"      parse_day("30/11/2024") -> "2024-11-30"
    parse_number("95,75") -> 95.75

Pure functions, no I/O: the screens, the exports and the command line all use them.
"""

from __future__ import annotations

import datetime as dt
import math
import re

#: shown where a number is missing (a score not yet given)
MISSING = "—"

_DAY_MONTH_YEAR = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
_TYPED_NUMBER = re.compile(r"^[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)$")


def _group_thousands(digits: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def number(value: float | int | None, places: int = 2) -> str:
    """`value` with `places` decimals after a comma and dots between thousands; None -> "—"."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    text = f"{abs(value):.{places}f}"
    whole, _, fraction = text.partition(".")
    sign = "-" if value < 0 and float(text) != 0 else ""
    grouped = _group_thousands(whole)
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def integer(value: int | None) -> str:
    """10000 -> "10.000"."""
    return number(value, 0)


def money(vnd: int | None) -> str:
    """An amount in đồng: 100000000 -> "100.000.000 đ"."""
    return MISSING if vnd is None else f"{integer(vnd)} đ"


def day(iso: str | None) -> str:
    """A stored ISO date as people read it: "2024-11-30" -> "30/11/2024" (anything else as it is)."""
    if not iso:
        return ""
    try:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")
    except ValueError:
        return iso


def parse_day(text: str) -> str:
    """A date typed as dd/mm/yyyy (or with . or -), or ISO yyyy-mm-dd -> ISO; ValueError if not a date."""
    raw = text.strip()
    found = _DAY_MONTH_YEAR.match(raw)
    if found:
        day_of_month, month, year = (int(g) for g in found.groups())
        return dt.date(year, month, day_of_month).isoformat()
    return dt.date.fromisoformat(raw).isoformat()


def parse_number(text: str) -> float:
    """A number typed with a decimal comma or dot ("95,75", "95.75", "95"); ValueError otherwise.
    Thousands separators are not accepted: "1.000" would be ambiguous."""
    raw = text.strip().replace(" ", "")
    if not _TYPED_NUMBER.match(raw):
        raise ValueError(f"not a number: {text!r}")
    return float(raw.replace(",", "."))


def clock_time(instant: str | None) -> str:
    """"HH:MM:SS" of an ISO instant ("2024-11-30T08:12:05"), or "" when there is none."""
    return instant.partition("T")[2][:8] if instant else ""
