"""A conference from a filled-in workbook (layout: store.setup.layout).

`plan_workbook(path)` reads every sheet and checks every cell with the app's own rules; it
returns a `WorkbookPlan`: the documents a new store would hold, one `SheetProblem` per refused
cell or row (sheet, row, field, reason code), and notes (rows left out, title rows skipped).
A plan with any problem creates nothing: `create_store(path, plan)` refuses it. The delegates
sheet is planned by the delegates import itself (store.io.importer), so a row accepted here is
one the desk's import would accept.

One idea per module: `workbook_report` (the plan, its problems, the report), `workbook_cells`
(cell values), `workbook_rows` (a sheet's rows), `workbook_people` (units, conference,
delegates), `workbook_programme` (agenda, scoring, covenant, handovers); here the whole plan and
the store made from it.
"""

from __future__ import annotations

import os
from typing import Any

from .. import checks
from ..errors import StoreError
from . import layout
from .layout import Sheet
from .sheets import read_bytes, read_sheets
from .workbook_cells import PREFIXES, REASONS, TIME_RE
from .workbook_people import PeopleSheets
from .workbook_programme import ProgrammeSheets
from .workbook_report import SheetProblem, WorkbookPlan, describe, english, line
from .workbook_rows import header_test

__all__ = ["plan_workbook", "create_store", "WorkbookPlan", "SheetProblem", "describe", "english", "line",
           "REASONS", "PREFIXES", "TIME_RE"]


def plan_workbook(path: str | os.PathLike) -> WorkbookPlan:
    """What a store made from the workbook at `path` would hold, and every problem."""
    name = os.path.basename(os.fspath(path))
    data = read_bytes(path)
    titles: dict[str, Sheet] = {}
    unknown: list[str] = []

    def tests(title: str):
        sheet = layout.SHEET_OF_TITLE.get(layout.key_of(title))
        if sheet is None or sheet in titles.values():
            unknown.append(title)
            return None
        titles[title] = sheet
        return header_test(sheet)

    tables_read = read_sheets(data, name, tests)
    return _Planner(name, {titles[t]: (t, table) for t, table in tables_read.items()}, unknown).plan()


class _Planner(PeopleSheets, ProgrammeSheets):
    """Every sheet planned, then the documents vetted as the store would check them."""

    def plan(self) -> WorkbookPlan:
        docs: dict[str, list[dict[str, Any]]] = {}
        units, signing = self.plan_units()
        docs["units"] = [u.to_doc() for u in units]
        items = self.plan_items()
        conference = self.plan_conference(items)
        if conference is not None:
            docs["conference"] = [conference]
        docs["delegates"] = self.plan_delegates()
        docs["agenda"] = self.plan_agenda()
        groups, bonuses, deductions = self.plan_criteria()
        docs["content_groups"] = groups
        config = self.plan_scoring(items, bonuses, deductions, bool(groups))
        if config is not None:
            docs["scoring_config"] = [config]
        covenant = self.plan_covenant(items, signing, conference)
        if covenant is not None:
            docs["covenant"] = [covenant]
        docs["handovers"] = self.plan_handovers()
        if groups and config is not None:
            self.check_criteria_total(groups, config, items)
        docs = {k: v for k, v in docs.items() if v}
        if not self.problems:
            self.vet(docs)
        return WorkbookPlan(self.source, docs, tuple(self.problems), tuple(self.notes))

    def check_criteria_total(self, groups, config, items) -> None:
        """A warning when the groups' maxima do not add up to the total: on the criteria sheet's
        points column, naming where the total is (its row on the conference sheet, or the default)."""
        total = sum(g["max_points"] for g in groups)
        if abs(total - config["total_max"]) <= 1e-9:
            return
        title = self.sheets[layout.CRITERIA][0]
        column = next((h for h in self.sheets[layout.CRITERIA][1].headers
                       if layout.column_index(layout.CRITERIA).get(layout.key_of(h)) == "points"),
                      layout.CRITERIA.column("points").vi)
        where = items.get("total_max")
        params = {"column": column, "sum": f"{total:g}", "total": f"{config['total_max']:g}",
                  "item": where[2] if where else layout.ITEM_BY_KEY["total_max"].vi,
                  "item_sheet": where[0] if where else layout.CONFERENCE.vi, "item_row": where[1] if where else "—"}
        self.notes.append((title, "criteria_total", params))

    # ---- the documents as a store would hold them ----------------------------------------------

    def vet(self, docs: dict[str, list[dict[str, Any]]]) -> None:
        """The same checks as opening the store: shape, then references (a last guard)."""
        raw = {name: {str(i): doc for i, doc in enumerate(items, start=1)} for name, items in docs.items()}
        from ..core import schema

        schema.set_version(raw, schema.SCHEMA_VERSION)
        for problem in checks.check_problems(raw):
            self.refuse(problem.table or "", None, problem.field or "", "setup.store_check", problem=str(problem))


# ---- creating the store ----------------------------------------------------------------------------

def create_store(path: str | os.PathLike, plan: WorkbookPlan, **options: Any):
    """A new store at `path` holding the plan's documents (refused when the plan has a problem);
    returns the open Service."""
    from ..service import Service

    if plan.problems:
        raise StoreError(code="workbook_problems", file=plan.source, count=len(plan.problems))
    return Service.create(path, documents=plan.documents,
                          origin={"from": plan.source, "workbook": plan.counts()}, **options)

