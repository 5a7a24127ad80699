"""One registry of every action: id, default key, label per language, panel.

The bindings of the app and of every screen and dialog, the key bar, F1 help, the command palette
and every text that names a key ("{key:desk.undo}" in a catalog) are built from it, with the
user's keymap (settings.json "keymap": {"desk.undo": "ctrl+y"}) applied, so a remapped key is
shown right everywhere.
"""

from __future__ import annotations

import string
from typing import Iterable, Mapping

from textual.binding import Binding
from textual.keys import Keys

from .action import Action, define  # noqa: F401 - the registry's types, re-exported
from .i18n import t
from .keys import all_actions
from .textual_internals import character_to_key

ACTIONS: tuple[Action, ...] = all_actions()

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}

#: the user's keymap, checked (`check_keymap`); set by the app at start
_keymap: dict[str, str] = {}

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMED = {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}
_CHARACTERS = {character_to_key(c) for c in string.printable if c not in "\t\n\r\x0b\x0c"}


def valid_key(key: str) -> bool:
    """A key Textual can deliver: "f1", "ctrl+z", "shift+f5", "a", "question_mark"."""
    *modifiers, name = key.strip().lower().split("+")
    if not name or any(m not in MODIFIERS for m in modifiers):
        return False
    return name in _NAMED or name in _CHARACTERS or (len(name) == 1 and name.isprintable())


def check_keymap(keymap: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """(the usable part of `keymap`, one line per entry ignored). An unknown action id, an
    action handled by a widget, or a key name Textual does not know keeps the default key."""
    good: dict[str, str] = {}
    problems: list[str] = []
    for action_id, keys in keymap.items():
        action = BY_ID.get(action_id)
        if action is None:
            problems.append(t("keymap.unknown_action", action=action_id))
            continue
        if not action.bound:
            problems.append(t("keymap.fixed", action=action_id, key=key_label(action.key)))
            continue
        names = [k.strip().lower() for k in str(keys).split(",") if k.strip()]
        bad = [k for k in names if not valid_key(k)]
        if bad or not names:
            problems.append(t("keymap.unknown_key", action=action_id, key=", ".join(bad) or repr(keys),
                              default=key_label(action.key)))
            continue
        good[action_id] = ",".join(names)
    return good, problems


def set_keymap(keymap: Mapping[str, str]) -> None:
    """Use this (checked) keymap for every key shown from now on."""
    _keymap.clear()
    _keymap.update(keymap)


def keymap() -> dict[str, str]:
    return dict(_keymap)


def keys_of(action_id: str) -> list[str]:
    """The keys bound to the action now, the user's keymap applied."""
    return _keymap.get(action_id, BY_ID[action_id].default_key()).split(",")


_LONG = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Space", "pageup": "PgUp",
         "pagedown": "PgDn", "up": "↑", "down": "↓", "left": "←", "right": "→", "backspace": "Backspace",
         "delete": "Del", "insert": "Ins", "home": "Home", "end": "End", "plus": "+", "minus": "-",
         "equals_sign": "=", "question_mark": "?"}


def _one_label(key: str, short: bool) -> str:
    *modifiers, name = key.split("+")
    shown = _LONG.get(name) or (name.upper() if len(name) <= 3 else name)
    if short and modifiers == ["ctrl"]:
        return f"^{shown}"
    return "+".join([*(m.capitalize() for m in modifiers), shown])


def key_label(keys: str, *, short: bool = False) -> str:
    """"ctrl+z" -> "Ctrl+Z" ("^Z" when short), "f9" -> "F9", "enter,y" -> "Enter/Y" (the first
    key only when short)."""
    parts = [k.strip() for k in keys.split(",") if k.strip()]
    if short:
        parts = parts[:1]
    return "/".join(_one_label(k, short) for k in parts)


def key_of(action_id: str, *, short: bool = False) -> str:
    """How to name the action's key to the user, e.g. in "{key:desk.undo}"."""
    return key_label(",".join(keys_of(action_id)), short=short)


def label(action_id: str) -> str:
    return t(BY_ID[action_id].label)


def of_panel(panel: str) -> list[Action]:
    return [a for a in ACTIONS if a.panel == panel]


def bindings(panel: str, *, in_language: bool = False) -> list[Binding]:
    """The Textual bindings of a panel or dialog (labels are catalog keys until localized).
    BINDINGS of a class hold the registry's keys; `in_language`: the current language's default
    keys (a dialog built after the language is known rebinds with them, e.g. C/K for Có/Không)."""
    return [Binding(a.default_key() if in_language else a.key, a.action, a.label, show=a.show, priority=a.priority, id=a.id)
            for a in of_panel(panel) if a.bound]


def describe_keys(actions: Iterable[Action]) -> list[tuple[str, str]]:
    """(key, label) rows for F1 help, keys as the user has them."""
    return [(key_of(a.id), label(a.id)) for a in actions]
