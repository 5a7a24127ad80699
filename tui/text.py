"""Showing user data literally: never parsed as markup, control characters made visible."""

from __future__ import annotations

from rich.text import Text

from wording.text import visible


def literal(value: object, style: str = "") -> Text:
    """A Text that displays `value` exactly as stored (markup such as "[b]" stays literal)."""
    return Text(visible("" if value is None else str(value)), style=style, no_wrap=True,
                overflow="ellipsis")


def literal_lines(text: str, style: str = "") -> Text:
    """Several lines of literal text (split on "\\n"), wrapped to the width: each line shown as
    `literal` shows it, the line breaks kept as breaks."""
    lines = [Text(visible(line), style=style) for line in str(text).split("\n")]
    return Text("\n").join(lines)
