"""One catalog per language (tui/locales/<lang>.json); Vietnamese is the default."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"

_current = DEFAULT


@lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    return json.loads((LOCALES / f"{lang}.json").read_text(encoding="utf-8"))


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    _current = lang


def language() -> str:
    return _current


def t(key: str, **values: object) -> str:
    """The text for `key` in the current language, with {placeholders} filled in."""
    text = catalog(_current).get(key, catalog(DEFAULT).get(key, key))
    return text.format(**values) if values else text


def localize_bindings(node) -> None:
    """Replace catalog keys ("key.…") in a node's binding descriptions by their text.

    BINDINGS are class attributes written before the language is known, so each screen and
    the app call this once in __init__.
    """
    from dataclasses import replace

    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=t(b.description)) if b.description.startswith("key.") else b
            for b in items
        ]
