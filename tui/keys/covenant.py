"""The covenant panel's actions: the ceremony, the seal, the text, the handovers."""

from __future__ import annotations

from ..action import define

ACTIONS = (
    define("covenant.open", "enter", "open_row", "cov.key.open", show=False, palette=False, bound=False),
    define("covenant.view", "f9", "next_view", "cov.key.view"),
    define("covenant.ceremony", "f6", "ceremony", "cov.key.ceremony"),
    define("covenant.seal", "f8", "seal", "cov.key.seal"),
    define("covenant.absent", "f7", "absent", "cov.key.absent"),
    define("covenant.undo", "ctrl+z", "undo", "cov.key.undo", priority=True),
    define("covenant.text", "ctrl+e", "edit_text", "cov.key.text", show=False),
    define("covenant.add", "ctrl+n", "add", "cov.key.add", show=False),
    define("covenant.edit", "ctrl+t", "edit", "cov.key.edit", show=False),
    define("covenant.remove", "ctrl+r", "remove", "cov.key.remove", show=False),
    define("covenant.earlier", "ctrl+u", "move(-1)", "cov.key.earlier"),
    define("covenant.later", "ctrl+d", "move(1)", "cov.key.later"),
    define("covenant.order_add", "plus", "order_add", "cov.key.order_add"),
    define("covenant.order_remove", "minus", "order_remove", "cov.key.order_remove"),
    define("covenant.next_head", "ctrl+k", "next_head", "cov.key.next_head", show=False),
    define("covenant.export", "ctrl+l", "export", "cov.key.export", show=False),
    # the full-screen ceremony view (also what a projector shows)
    define("ceremony.sign", "enter", "sign", "cov.key.sign"),
    define("ceremony.absent", "f7", "absent", "cov.key.absent"),
    define("ceremony.seal", "f8", "seal", "cov.key.seal"),
    define("ceremony.undo", "ctrl+z", "undo", "cov.key.undo", priority=True),
    define("ceremony.close", "escape,f6", "close", "cov.key.close", palette=False),
    # the signing dialog
    define("sign.save", "enter", "save", "cov.key.sign", palette=False, bound=False),
    define("sign.up", "up", "move(-1)", "key.up", show=False, palette=False),
    define("sign.down", "down", "move(1)", "key.down", show=False, palette=False),
    define("sign.authority", "f6", "toggle_authority", "cov.key.authority"),
    define("sign.next", "tab", "next", "key.next_field", show=False, palette=False, bound=False),
    define("sign.cancel", "escape", "cancel", "key.cancel", palette=False),
    # the covenant's forms (text, group, handover, next head)
    define("covform.save", "ctrl+y", "save", "key.save"),
    define("covform.submit", "enter", "save", "key.save", show=False, palette=False, bound=False),
    define("covform.next", "tab", "next", "key.next_field", show=False, palette=False, bound=False),
    define("covform.cancel", "escape", "cancel", "key.cancel", palette=False),
)
