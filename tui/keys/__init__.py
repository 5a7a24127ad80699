"""The registry of every action, assembled from one module per area of the app.

An area adds its module to AREAS (each module holds `ACTIONS`, made with `tui.action.define`).
"""

from __future__ import annotations

import importlib

from ..action import Action

AREAS = (
    "core",
    "desk",
    "dialogs",
    "setup",
    "covenant",
    "scorecards",
    "agenda",
    "projector",
)


def all_actions() -> tuple[Action, ...]:
    found: list[Action] = []
    for area in AREAS:
        found.extend(importlib.import_module(f"{__name__}.{area}").ACTIONS)
    return tuple(found)
