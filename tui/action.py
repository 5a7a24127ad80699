"""What one action of the app is: its id, default key, label and where it is bound.

The registry of every action is assembled in tui/keys/ (one module per area); tui/actions.py
builds bindings, the key bar, F1 help and the palette from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import language


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


def define(id: str, key: str, action: str, label: str, **options) -> Action:
    return Action(id, key, action, label, id.split(".")[0], **options)
