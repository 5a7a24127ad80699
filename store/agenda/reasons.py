"""The agenda's reasons for refusing a change (English; the UI words the same codes from its
catalog, keys `reason.<code>`)."""

from __future__ import annotations

from .. import errors

REASONS = {
    "agenda_remove_running": "{title!r} is running: finish it before removing it",
    "agenda_cannot_move": "the item is already at that end of the programme",
    "agenda_already_running": "{title!r} is already running",
    "agenda_already_done": "{title!r} has already run (undo the step to run it again)",
    "agenda_not_planned": "{title!r} is not waiting to run",
    "agenda_nothing_running": "no item is running",
    "agenda_no_minutes_left": "{title!r} has no minute left to take",
    "agenda_nothing_to_replan": "the remaining items are already where the current delay puts them",
    "agenda_nothing_to_undo": "there is no run step to undo",
    "agenda_undo_changed": "{title!r} was changed after the last run step: it cannot be undone",
}


def register() -> None:
    """Make the agenda's reason codes known to ValidationError."""
    add = getattr(errors, "register_reasons", None)
    if add is not None:
        add(REASONS)
    else:  # before the registry existed: the table it fills
        errors.REASONS.update(REASONS)
