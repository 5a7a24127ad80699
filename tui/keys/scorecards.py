"""The scorecards panel's actions: the ranking, a unit's scorecard, the rules, the
ballots, the chart, finalizing and the export."""

from __future__ import annotations

from ..action import define

ACTIONS = (
    # the panel (F4)
    define("scorecards.open", "enter", "open_card", "scorecards.key.open"),
    define("scorecards.rules", "f6", "rules", "scorecards.key.rules"),
    define("scorecards.chart", "f7", "toggle_chart", "scorecards.key.chart"),
    define("scorecards.ballot", "f8", "ballot", "scorecards.key.ballot"),
    define("scorecards.finalize", "f9", "finalize", "scorecards.key.finalize", show=False),
    define("scorecards.export", "ctrl+l", "export", "scorecards.key.export"),
    # a unit's scorecard
    define("scorecard.up", "up", "move(-1)", "scorecards.key.up", show=False, palette=False),
    define("scorecard.down", "down", "move(1)", "scorecards.key.down", show=False, palette=False),
    define("scorecard.save", "enter", "save", "scorecards.key.save", show=False, palette=False, bound=False),
    define("scorecard.bonus", "ctrl+b", "add_adjustment('bonus')", "scorecards.key.bonus"),
    define("scorecard.deduction", "ctrl+d", "add_adjustment('deduction')", "scorecards.key.deduction"),
    define("scorecard.remove", "delete", "remove_adjustment", "scorecards.key.remove", show=False),
    define("scorecard.chart", "f7", "toggle_chart", "scorecards.key.chart"),
    define("scorecard.reopen", "ctrl+r", "reopen", "scorecards.key.reopen", show=False),
    define("scorecard.previous", "pageup", "other_unit(-1)", "scorecards.key.previous", show=False),
    define("scorecard.next", "pagedown", "other_unit(1)", "scorecards.key.next", show=False),
    define("scorecard.close", "escape", "close", "scorecards.key.close"),
    # the rules
    define("scorerules.edit", "enter", "edit", "scorecards.key.edit"),
    define("scorerules.add", "ctrl+n", "add", "scorecards.key.add"),
    define("scorerules.remove", "delete", "remove", "scorecards.key.remove_rule"),
    define("scorerules.up", "f7", "move(-1)", "scorecards.key.move_up"),
    define("scorerules.down", "f8", "move(1)", "scorecards.key.move_down"),
    define("scorerules.close", "escape", "close", "scorecards.key.close"),
    # a small form (rule, tier, reason, ballot): Enter saves, Escape asks before discarding
    define("scoreform.cancel", "escape", "cancel", "scorecards.key.cancel"),
    define("scoreform.up", "up", "move(-1)", "scorecards.key.up", show=False, palette=False),
    define("scoreform.down", "down", "move(1)", "scorecards.key.down", show=False, palette=False),
    define("scoreballot.clear", "ctrl+r", "clear_ballot", "scorecards.key.clear_ballot"),
    define("scoreballot.tier", "f6", "next_tier", "scorecards.key.next_tier"),
)
