"""The interface's words: the catalogs of wording/catalog.py (wording/locales/<lang>.json and its parts)
in the language chosen at start; Vietnamese is the default.

A catalog text names a key only through a placeholder, "{key:desk.undo}", filled from the action
registry (tui/actions.py) with the user's keymap applied: "Ctrl+Z", or "Ctrl+Y" once remapped.
"""

from __future__ import annotations

import string

from wording.catalog import DEFAULT, LANGUAGES, LOCALES, catalog, phrased, word

__all__ = ["DEFAULT", "LANGUAGES", "LOCALES", "catalog", "language", "set_language", "t"]

_current = DEFAULT


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    _current = lang


def language() -> str:
    return _current


class _Key:
    """The value of the "key" placeholder: its format spec is an action id."""


class _Formatter(string.Formatter):
    def get_value(self, key, args, kwargs):
        if key == "key" and "key" not in kwargs:
            return _Key
        return super().get_value(key, args, kwargs)

    def format_field(self, value, format_spec):
        if value is _Key:
            from .actions import key_of

            return key_of(format_spec)
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def t(key: str, /, **values: object) -> str:
    """The text for `key` in the current language, with {placeholders} filled in."""
    text = word(key, _current)
    if "{" not in text:
        return text
    values = phrased(values, _current)
    if "{key" not in text:  # str's own formatting: the same syntax, ten times faster (an import's
        return text.format_map(values)  # preview words 100,000 rows)
    return _FORMATTER.vformat(text, (), values)


def localize_bindings(node) -> None:
    """Replace catalog keys ("key.…") in a node's binding descriptions by their text, for
    Textual's own displays of bindings. (The key bar, F1 help and the palette read labels from
    the action registry, not from here.)

    BINDINGS are class attributes written before the language is known, so each screen and
    the app call this once in __init__.
    """
    from dataclasses import replace

    from .textual_internals import node_bindings

    bindings = node_bindings(node)
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=t(b.description)) if b.description.startswith("key.") else b
            for b in items
        ]
