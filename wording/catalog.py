"""Every sentence a person reads, in both languages: the catalogs `wording/locales/<lang>.json`
and their parts `<lang>.<area>.json`. The store words exports and reports through `say`; the
interface (tui/i18n.py) builds on `catalog` and adds its key placeholders and language state.

Vietnamese is the default; a key missing from a language falls back to Vietnamese, then to the
key itself. Text is NFC as written in the catalogs.
"""

from __future__ import annotations

import json
import string
from abc import ABC, abstractmethod
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"


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


def word(key: str, lang: str) -> str:
    """The catalog text of `key` in `lang`, placeholders left as they are."""
    found = catalog(lang).get(key)
    if found is None:
        found = catalog(DEFAULT).get(key, key)
    return found


def say(key: str, lang: str, /, **params: Any) -> str:
    """The text of `key` in `lang` with its {placeholders} filled in; a parameter not given stays
    as its placeholder, and "{key:desk.undo}" (filled by the interface with the user's key) names
    the action."""
    text = word(key, lang)
    return _FORMATTER.vformat(text, (), phrased(params, lang)) if "{" in text else text


class Phrase(ABC):
    """A parameter that is itself words (a list of what uses a unit): `say` and the interface's
    `t` put `phrase(lang)` in its place, in the reader's language."""

    @abstractmethod
    def phrase(self, lang: str) -> str:
        """The words in `lang`."""


def phrased(params: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    """`params` with each Phrase worded in `lang`."""
    if not any(isinstance(value, Phrase) for value in params.values()):
        return params
    return {name: value.phrase(lang) if isinstance(value, Phrase) else value for name, value in params.items()}


class _Formatter(string.Formatter):
    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return _Missing(key)
        return super().get_value(key, args, kwargs)

    def format_field(self, value, format_spec):
        if isinstance(value, _Missing):
            return format_spec if value.name == "key" else "{" + value.name + "}"
        return super().format_field(value, format_spec)

    def convert_field(self, value, conversion):
        return value if isinstance(value, _Missing) else super().convert_field(value, conversion)


class _Missing:
    def __init__(self, name: str) -> None:
        self.name = name


_FORMATTER = _Formatter()


def words(prefix: str, lang: str) -> dict[str, str]:
    """Every key under `prefix` ("export.covenant.") in `lang`, the prefix cut off: a word table."""
    cut = len(prefix)
    return {key[cut:]: text for key, text in catalog(lang).items() if key.startswith(prefix)}


def english(key: str, /, **params: Any) -> str:
    """`say(key, "en", ...)`: the sentence for logs, tests and `str(error)`."""
    return say(key, "en", **params)


class Table(Mapping[str, Any]):
    """An area's word table, `table[lang]`, kept in the catalogs under one prefix: a text is the key
    `<prefix>.<name>`, a tuple the keys `<prefix>.<name>.1`, `.2`, …, a table its names one level
    down ("doc.covenant.title", "doc.ranking.headers.3")."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __getitem__(self, lang: str) -> Any:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return _tree(self.prefix, lang)

    def __iter__(self):
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


def table(prefix: str) -> Table:
    return Table(prefix)


@lru_cache(maxsize=None)
def _tree(prefix: str, lang: str) -> Any:
    found = catalog(lang)
    if prefix in found:
        return found[prefix]
    if prefix not in _branches(lang):
        found = catalog(DEFAULT)
        if prefix in found:
            return found[prefix]
    names = _branches(lang).get(prefix) or _branches(DEFAULT).get(prefix)
    if not names:
        raise KeyError(f"no catalog key under {prefix}")
    if all(name.isdigit() for name in names):
        return tuple(_tree(f"{prefix}.{name}", lang) for name in sorted(names, key=int))
    return {name: _tree(f"{prefix}.{name}", lang) for name in names}


@lru_cache(maxsize=None)
def _branches(lang: str) -> dict[str, list[str]]:
    """For every key prefix, the names one level below it, in catalog order."""
    below: dict[str, dict[str, None]] = {}
    for key in catalog(lang):
        parts = key.split(".")
        for cut in range(1, len(parts)):
            below.setdefault(".".join(parts[:cut]), {})[parts[cut]] = None
    return {prefix: list(names) for prefix, names in below.items()}
