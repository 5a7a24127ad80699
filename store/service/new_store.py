"""New stores, as the command line and the setup panel make them: the demo's private copy at the
first start, a conference from a filled-in workbook, next year's from this year's. A plan is
read and reported first (`describe(word)`, in the caller's language); a plan with a problem
creates nothing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..core.files import make_private_dir
from ..core.storage import create_exclusive
from ..errors import StoreExistsError
from ..setup import next_year, workbook_import
from ..setup.next_year import NextYearPlan
from ..setup.workbook_report import WorkbookPlan
from .facade import Service

#: NextYearPlan and WorkbookPlan are offered as the values the planning functions give
__all__ = ["NextYearPlan", "WorkbookPlan", "private_copy", "plan_workbook", "create_from_workbook",
           "plan_next_year", "create_next_year"]


def private_copy(path: Path, source: Path) -> bool:
    """A copy of the file at `source` (the demo) as a new file at `path`, in a folder made
    owner-only (0700; the file 0600: it holds names). False when the file was there already
    (two launches at once: one copies, the other opens that copy)."""
    make_private_dir(path.parent)
    if path.exists():
        return False
    try:
        create_exclusive(path, source.read_bytes())
    except StoreExistsError:
        return False
    return True


def plan_workbook(path: str | os.PathLike) -> WorkbookPlan:
    """What a store made from the filled-in workbook at `path` would hold, and every problem
    (sheet, row, field, reason); nothing is created."""
    return workbook_import.plan_workbook(path)


def create_from_workbook(path: str | os.PathLike, plan: WorkbookPlan, **options: Any) -> Service:
    """A new store at `path` holding the workbook's plan (refused when it has a problem);
    the open Service."""
    return workbook_import.create_store(path, plan, **options)


def plan_next_year(old_path: str | os.PathLike) -> NextYearPlan:
    """What next year's store would carry over from the store at `old_path` (read, never
    opened as a store: it stays byte-identical), and what it leaves."""
    return next_year.plan_next_year(old_path)


def create_next_year(path: str | os.PathLike, plan: NextYearPlan, **options: Any) -> Service:
    """Next year's store at `path` from the plan; the open Service."""
    return next_year.create_store(path, plan, **options)
