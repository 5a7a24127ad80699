"""Showing user data literally: never parsed as markup, control characters made visible."""

from __future__ import annotations

from rich.text import Text

from store.vntext import visible


def literal(value: object, style: str = "") -> Text:
    """A Text that displays `value` exactly as stored (markup such as "[b]" stays literal)."""
    return Text(visible("" if value is None else str(value)), style=style, no_wrap=True,
                overflow="ellipsis")


def hhmm(instant: str | None) -> str:
    """The time of day of an ISO instant ("2024-11-30T08:12:05" -> "08:12:05"), or ""."""
    return instant[11:19] if instant else ""
