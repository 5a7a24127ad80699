"""The agenda's reasons for refusing a change: their codes, worded in the catalogs
(`reason.<code>`, wording/locales)."""

from __future__ import annotations

from .. import errors

REASONS = (
    "agenda_remove_running", "agenda_cannot_move", "agenda_already_running", "agenda_already_done",
    "agenda_not_planned", "agenda_nothing_running", "agenda_no_minutes_left",
    "agenda_nothing_to_replan", "agenda_nothing_to_undo", "agenda_undo_changed",
)


def register() -> None:
    """Make the agenda's reason codes known to ValidationError."""
    errors.register_reasons(REASONS)
