"""What a workbook import found: the plan (the documents a new store would hold), each refused
cell or row (`SheetProblem`, its reason from `workbook_cells`), the notes, and the report in
the user's words (`describe`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from wording.catalog import english


@dataclass(frozen=True)
class SheetProblem:
    """A refused cell or row: `sheet` as titled in the file, `row` (None: the whole sheet),
    `field` (the column's or item's label as the file has it), and the reason's catalog key
    and parameters (`reason.<code>`, or the delegates import's `import.reason.<code>`)."""

    sheet: str
    row: int | None
    field: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    key: str = ""

    @property
    def reason_key(self) -> str:
        return self.key or f"reason.{self.code}"

    def english(self) -> str:
        return line(self, english)


@dataclass(frozen=True)
class WorkbookPlan:
    source: str
    documents: dict[str, list[dict[str, Any]]]
    problems: tuple[SheetProblem, ...]
    #: (sheet, note code, params): rows left out and what was read
    notes: tuple[tuple[str, str, dict[str, Any]], ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, int]:
        return {name: len(docs) for name, docs in self.documents.items()}

    def describe(self, word: Callable[..., str] = english) -> list[str]:
        """The report in `word`'s language (the UI's `t`): counts, problems, notes."""
        return describe(self, word)


def line(problem: SheetProblem, word: Callable[..., str]) -> str:
    reason = word(problem.reason_key, **problem.params)
    label = problem.field if problem.field else "—"
    if problem.row is None:
        return word("setup.report.sheet_problem", sheet=problem.sheet, field=label, reason=reason)
    return word("setup.report.problem", sheet=problem.sheet, row=problem.row, field=label, reason=reason)


def note_line(sheet: str, code: str, params: dict[str, Any], word: Callable[..., str]) -> str:
    """A warning of the report, naming its sheet (and its rows and columns where it has them);
    the delegates import's own notes (`import.note.<code>`) in its words."""
    if code.startswith("import.note."):
        text = word(code, **params)
        if params.get("note_columns"):
            return word("setup.report.note.import_columns", sheet=sheet, columns=params["note_columns"], text=text)
        return word("setup.report.note.import", sheet=sheet, text=text)
    return word(f"setup.report.note.{code}", sheet=sheet, **params)


def describe(plan: WorkbookPlan, word: Callable[..., str] = english) -> list[str]:
    """The report in the user's language: the problems (each sheet, row, field, reason), the
    notes, and what would be created."""
    lines = [line(p, word) for p in plan.problems]
    for sheet, code, params in plan.notes:
        lines.append(note_line(sheet, code, params, word))
    counts = plan.counts()
    covenant = plan.documents.get("covenant") or [{}]
    lines.append(word("setup.report.counts", units=counts.get("units", 0),
                      delegates=counts.get("delegates", 0), agenda=counts.get("agenda", 0),
                      groups=counts.get("content_groups", 0),
                      covenant=len(covenant[0].get("groups", ())), handovers=counts.get("handovers", 0)))
    if plan.problems:
        lines.append(word("setup.report.problems", n=len(plan.problems)))
    else:
        lines.append(word("setup.report.ok"))
    return lines
