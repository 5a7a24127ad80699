"""Lists brought in, as the desk's import dialog and the command line bring them: a delegates list
(CSV or XLSX) or a scores sheet is read within the import's limits (refused with one reason
before any store is touched), planned against the open store (every row: added, updated or
refused, and why; `plan.describe(word)` words it), then saved in one durable, audited write."""

from __future__ import annotations

import os
from typing import Any, Callable

from ..io.import_plan import ImportPlan
from ..io.reading import Table
from ..io.scores_import import ScoresPlan

#: ImportPlan and ScoresPlan are offered as the values the planning functions give
__all__ = ["ImportPlan", "ScoresPlan", "read_delegate_list", "plan_delegates_import", "apply_delegates_import",
           "read_scores_sheet", "plan_scores_import", "apply_scores_import"]


def read_delegate_list(path: str | os.PathLike) -> Table:
    """The list of delegates at `path` (CSV or XLSX): its header and rows."""
    from ..io.reading import read_table

    return read_table(path)


def plan_delegates_import(service: Any, table: Table,
                          progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """What importing `table` would do to the open store; nothing is saved. `progress(done,
    total)` is called every few hundred rows (a progress bar)."""
    from ..io.importer import plan_import

    return plan_import(table, service.conference.units(), service.delegates.given_words(), progress=progress)


def apply_delegates_import(service: Any, plan: ImportPlan, source: str = "") -> tuple[int, int]:
    """The plan's added and updated rows saved in one durable write: (added, updated)."""
    from ..io.importer import apply_import

    return apply_import(service, plan, source=source)


def read_scores_sheet(path: str | os.PathLike) -> Table:
    """The scores sheet at `path` (XLSX or CSV): its header, found below title rows, and rows."""
    from ..io.scores_import import read_scores_table

    return read_scores_table(path)


def plan_scores_import(service: Any, table: Table) -> ScoresPlan:
    """What importing the scores sheet would set in the open store; nothing is saved."""
    from ..io.scores_import import plan_scores

    return plan_scores(service, table)


def apply_scores_import(service: Any, plan: ScoresPlan) -> int:
    """The plan's accepted rows saved in one durable write; how many values changed."""
    from ..io.scores_import import apply_scores

    return apply_scores(service, plan)
