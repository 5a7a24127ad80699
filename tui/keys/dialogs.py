"""The shared dialogs' actions: confirm, help, pickers, forms, import and export."""

from __future__ import annotations

from ..action import define

ACTIONS = (
    # Có/Không in Vietnamese, Yes/No in English
    define("confirm.yes", "enter,y", "answer(True)", "key.yes", palette=False, lang_keys=(("vi", "enter,c"),)),
    define("confirm.no", "escape,n", "answer(False)", "key.no", palette=False, lang_keys=(("vi", "escape,k"),)),
    define("help.close", "escape,f1", "close", "key.close", palette=False),
    define("picker.choose", "enter", "choose", "key.choose", palette=False, bound=False),
    define("picker.cancel", "escape", "cancel", "key.cancel", palette=False),
    define("intro.close", "escape,f8", "close", "key.close", palette=False),
    define("intro.export", "ctrl+l", "export", "key.export"),
    define("form.save", "enter", "save", "key.save", palette=False, bound=False),
    define("form.next", "tab", "next", "key.next_field", show=False, palette=False, bound=False),
    # every form: ↑/↓ move between fields, a drop-down opens with Space or Alt+↓ only
    define("form.up", "up", "move(-1)", "key.previous_field", show=False, palette=False, bound=False),
    define("form.down", "down", "move(1)", "key.next_field", show=False, palette=False, bound=False),
    define("form.open", "space,alt+down", "open_choices", "key.open_choices", show=False, palette=False,
           bound=False),
    define("form.cancel", "escape", "cancel", "key.cancel", palette=False),
    define("import.preview", "enter", "preview", "key.preview", palette=False, bound=False),
    define("import.confirm", "ctrl+y", "confirm", "key.confirm"),
    define("import.cancel", "escape", "cancel", "key.cancel", palette=False),
    define("export.run", "enter", "export", "key.export", palette=False, bound=False),
    define("export.cancel", "escape", "cancel", "key.cancel", palette=False),
    define("export.up", "up", "choose(-1)", "key.up", show=False, palette=False),
    define("export.down", "down", "choose(1)", "key.down", show=False, palette=False),

)
