"""One registry of every action: id, default key, label per language, panel.

The bindings of the app and of every screen and dialog, the key bar, F1 help, the command palette
and every text that names a key ("{key:desk.undo}" in a catalog) are built from it, with the
user's keymap (settings.json "keymap": {"desk.undo": "ctrl+y"}) applied, so a remapped key is
shown right everywhere.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Iterable, Mapping

from textual.binding import Binding
from textual.keys import Keys, _character_to_key

from .i18n import language, t


@dataclass(frozen=True)
class Action:
    id: str
    #: default key(s), comma separated, in Textual's names ("ctrl+z", "f9", "escape,n")
    key: str
    #: the Textual action run on the node that binds it ("undo", "switch_mode('agenda')")
    action: str
    #: catalog key of the label ("key.undo")
    label: str
    #: which screen binds it: "app" (everywhere), "desk", "confirm", "help", …
    panel: str
    #: shown in the key bar (every action is listed in F1 help)
    show: bool = True
    priority: bool = False
    #: offered in the command palette
    palette: bool = True
    #: False: the key is handled by a widget (Enter in an input box); listed in help, not remappable
    bound: bool = True
    #: ((language, keys), …): default keys that differ by language (Có/Không: C/K in Vietnamese)
    lang_keys: tuple[tuple[str, str], ...] = ()

    def default_key(self) -> str:
        """The default key(s) in the current language."""
        return dict(self.lang_keys).get(language(), self.key)


def _a(id: str, key: str, action: str, label: str, **options) -> Action:
    return Action(id, key, action, label, id.split(".")[0], **options)


ACTIONS: tuple[Action, ...] = (
    # everywhere
    _a("app.help", "f1", "help", "key.help"),
    _a("app.panel.agenda", "f2", "switch_mode('agenda')", "key.agenda"),
    _a("app.panel.delegates", "f3", "switch_mode('delegates')", "key.delegates"),
    _a("app.panel.scorecards", "f4", "switch_mode('scorecards')", "key.scorecards"),
    _a("app.panel.covenant", "f5", "switch_mode('covenant')", "key.covenant"),
    _a("app.palette", "ctrl+p", "command_palette", "key.palette", show=False, priority=True, palette=False),
    _a("app.contrast", "f12", "toggle_contrast", "key.contrast", show=False),
    _a("app.quit", "ctrl+q", "quit", "key.quit", show=False, priority=True),
    # the check-in desk
    _a("desk.check_in", "enter", "check_in", "key.check_in", show=False, palette=False, bound=False),
    _a("desk.up", "up", "move(-1)", "key.up", show=False, palette=False),
    _a("desk.down", "down", "move(1)", "key.down", show=False, palette=False),
    _a("desk.pageup", "pageup", "move(-10)", "key.pageup", show=False, palette=False),
    _a("desk.pagedown", "pagedown", "move(10)", "key.pagedown", show=False, palette=False),
    _a("desk.undo", "ctrl+z", "undo", "key.undo", priority=True),
    _a("desk.cancel_arrival", "f9", "cancel_arrival", "key.cancel_arrival", show=False),
    _a("desk.order", "f6", "cycle_order", "key.order"),
    _a("desk.unit", "f7", "pick_unit", "key.unit"),
    _a("desk.introduction", "f8", "introduction", "key.introduction"),
    _a("desk.add", "ctrl+n", "add", "key.add"),
    _a("desk.edit", "ctrl+t", "edit", "key.edit"),
    _a("desk.remove", "ctrl+r", "remove", "key.remove", show=False),
    _a("desk.import", "ctrl+g", "import", "key.import", show=False),
    _a("desk.export", "ctrl+l", "export", "key.export", show=False),
    _a("desk.clear", "escape", "clear", "key.clear", show=False),
    # dialogs
    # Có/Không in Vietnamese; Y/N still work there (said after C/K) for hands used to them
    _a("confirm.yes", "enter,y", "answer(True)", "key.yes", palette=False, lang_keys=(("vi", "enter,c,y"),)),
    _a("confirm.no", "escape,n", "answer(False)", "key.no", palette=False, lang_keys=(("vi", "escape,k,n"),)),
    _a("help.close", "escape,f1", "close", "key.close", palette=False),
    _a("picker.choose", "enter", "choose", "key.choose", palette=False, bound=False),
    _a("picker.cancel", "escape", "cancel", "key.cancel", palette=False),
    _a("intro.close", "escape,f8", "close", "key.close", palette=False),
    _a("intro.export", "ctrl+l", "export", "key.export"),
    _a("form.save", "enter", "save", "key.save", palette=False, bound=False),
    _a("form.next", "tab", "next", "key.next_field", show=False, palette=False, bound=False),
    _a("form.cancel", "escape", "cancel", "key.cancel", palette=False),
    _a("import.preview", "enter", "preview", "key.preview", palette=False, bound=False),
    _a("import.confirm", "ctrl+y", "confirm", "key.confirm"),
    _a("import.cancel", "escape", "cancel", "key.cancel", palette=False),
    _a("export.run", "enter", "export", "key.export", palette=False, bound=False),
    _a("export.cancel", "escape", "cancel", "key.cancel", palette=False),
)

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}

#: the user's keymap, checked (`check_keymap`); set by the app at start
_keymap: dict[str, str] = {}

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMED = {k.value for k in Keys if "+" not in k.value and not k.value.startswith("<")}
_CHARACTERS = {_character_to_key(c) for c in string.printable if c not in "\t\n\r\x0b\x0c"}


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
         "delete": "Del", "insert": "Ins", "home": "Home", "end": "End"}


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
