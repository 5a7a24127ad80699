"""The agenda panel (F2): run the day (Enter starts the highlighted item), edit the programme,
re-plan, the message for the speaker; and its dialogs."""

from __future__ import annotations

from ..action import define

ACTIONS = (
    # the run: Enter on the highlighted item starts it (handled by the table: not remappable)
    define("agenda.start", "enter", "start", "key.agenda.start", show=False, palette=False, bound=False),
    define("agenda.finish", "f6", "finish", "key.agenda.finish"),
    define("agenda.skip", "f7", "skip", "key.agenda.skip"),
    define("agenda.replan", "f8", "replan", "key.agenda.replan"),
    define("agenda.stage", "f9", "stage", "key.agenda.stage"),
    define("agenda.undo", "ctrl+z", "undo", "key.agenda.undo", priority=True),
    define("agenda.more", "plus,equals_sign", "nudge(1)", "key.agenda.more"),
    define("agenda.less", "minus", "nudge(-1)", "key.agenda.less"),
    define("agenda.clear_message", "ctrl+x", "clear_message", "key.agenda.clear_message", show=False),
    # the programme
    define("agenda.add", "ctrl+n", "add", "key.agenda.add"),
    define("agenda.edit", "ctrl+t", "edit", "key.agenda.edit", show=False),
    define("agenda.remove", "delete,ctrl+r", "remove", "key.agenda.remove", show=False),
    define("agenda.up", "ctrl+up,ctrl+u", "move(-1)", "key.agenda.up", show=False),
    define("agenda.down", "ctrl+down,ctrl+d", "move(1)", "key.agenda.down", show=False),
    # the re-plan preview
    define("replan.apply", "ctrl+y", "apply", "key.replan.apply"),
    define("replan.mode", "tab,f6", "toggle_mode", "key.replan.mode"),
    define("replan.cancel", "escape", "cancel", "key.cancel", palette=False),
)
