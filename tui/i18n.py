"""One catalog per language (tui/locales/<lang>.json); Vietnamese is the default.

A catalog text names a key only through a placeholder, "{key:desk.undo}", filled from the action
registry (tui/actions.py) with the user's keymap applied: "Ctrl+Z", or "Ctrl+Y" once remapped.
"""

from __future__ import annotations

import json
import string
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"

_current = DEFAULT


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    """`locales/<lang>.json` merged with its parts `locales/<lang>.<part>.json` (one per area of
    the app, e.g. vi.import.json); a key defined twice is an error, not a silent override."""
    merged: dict[str, str] = {}
    for path in [LOCALES / f"{lang}.json", *sorted(LOCALES.glob(f"{lang}.*.json"))]:
        part = json.loads(path.read_text(encoding="utf-8"))
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"{path.name} defines again: {', '.join(sorted(twice))}")
        merged.update(part)
    return merged


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
    text = catalog(_current).get(key, catalog(DEFAULT).get(key, key))
    return _FORMATTER.vformat(text, (), values) if "{" in text else text


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
