"""What an import will do, row by row, and how that is said.

`ImportPlan` holds a `PlannedRow` per data row of the file (ADD, UPDATE with only the changed
fields, UNCHANGED or REJECTED with a reason code and parameters) and the notes of the reading.
`describe(plan, word)` words the whole report through a catalog function (the UI's `t`);
`english` (wording/catalog.py) is that function for logs and tests: the catalog's English.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from types import MappingProxyType
from typing import Any, Callable, Mapping, NamedTuple, Sequence

from ..errors import REASONS
from ..models import Unit
from wording.catalog import english
from .limits import Note

class Action(str, Enum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"




_NOTHING: Mapping[str, Any] = MappingProxyType({})


class PlannedRow(NamedTuple):
    """One data row of the file and what the import will do with it (a tuple: 100,000 of them
    are held between the preview and the save).

    `code`: the existing delegate (UPDATE, UNCHANGED) or the code given in the file (ADD).
    `values`: ADD, every field; UPDATE, only the changed ones. REJECTED rows carry `field`,
    `reason_code` and `params` (worded by `reason_key`), `reason` (English) and `problem`
    (no_name, unknown_unit, duplicate, ambiguous, invalid, bad_bytes).
    """

    row: int
    action: Action
    name: str = ""
    code: str | None = None
    values: Mapping[str, Any] = _NOTHING
    field: str = ""
    reason: str = ""
    problem: str = ""
    legacy: str = ""
    reason_code: str = ""
    params: Mapping[str, Any] = _NOTHING

    @property
    def reason_key(self) -> str:
        """The catalog key that words the reason: the store's or the importer's own."""
        return f"reason.{self.reason_code}" if self.reason_code in REASONS else f"import.reason.{self.reason_code}"

    @property
    def message(self) -> str:
        return f"row {self.row}: {self.field}: {self.reason}"


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[PlannedRow, ...]
    columns: dict[str, str]
    ignored_columns: tuple[str, ...] = ()
    source: str = ""
    notes: tuple[Note, ...] = ()

    def of(self, action: Action) -> list[PlannedRow]:
        return [r for r in self.rows if r.action is action]

    def describe(self, word: Callable[..., str] = english, *, limit: int | None = None,
                 units: Sequence[Unit] = (), more: str = "import.more") -> list[str]:
        """The preview in `word`'s language: the counts, one line per row (at most `limit`; the
        rejected first), the notes."""
        return describe(self, word, limit=limit, units=units, more=more)

    @property
    def rejected(self) -> list[PlannedRow]:
        return self.of(Action.REJECTED)

    @property
    def counts(self) -> dict[str, int]:
        out = {a.value: 0 for a in Action}
        for r in self.rows:
            out[r.action.value] += 1
        return out

    @property
    def changes_anything(self) -> bool:
        """Whether saving would add or update anyone (without copying a row)."""
        return any(r.action in (Action.ADD, Action.UPDATE) for r in self.rows)

    @property
    def adds(self) -> list[dict[str, Any]]:
        return [dict(r.values, code=r.code) if r.code else dict(r.values) for r in self.of(Action.ADD)]

    @property
    def additions(self) -> list[tuple[str | None, dict[str, Any]]]:
        """(code given in the file or None, validated fields) of each ADD row, not copied."""
        return [(r.code, r.values) for r in self.rows if r.action is Action.ADD]

    @property
    def updates(self) -> list[tuple[str, dict[str, Any]]]:
        return [(r.code, dict(r.values)) for r in self.of(Action.UPDATE) if r.code]

    def summary(self) -> str:
        return english("import.plan", **self.count_params())

    def count_params(self) -> dict[str, int]:
        c = self.counts
        return {"added": c["add"], "updated": c["update"], "unchanged": c["unchanged"],
                "rejected": c["rejected"]}

    def report_lines(self) -> list[str]:
        """Plain English: the counts, then one line per rejected row, then the notes."""
        return [self.summary()] + [r.message for r in self.rejected] + note_lines(self, english)


def row_line(row: PlannedRow, word: Callable[..., str], units: dict[str, str] | None = None) -> str:
    """One row of the preview in the catalog's words."""
    if row.action is Action.REJECTED:
        field_name = word(f"field.{row.field}") if row.field else ""
        return word("import.row.rejected", row=row.row, name=row.name or "—", field=field_name,
                    reason=word(row.reason_key, **row.params))
    if row.action is Action.ADD:
        unit = row.values.get("unit_code")
        where = (units or {}).get(unit, unit) if unit else row.values.get("organization", "")
        if row.values.get("guest"):
            where = f"{word('field.guest')}: {where}"
        return word("import.row.add", row=row.row, name=row.name, where=where)
    if row.action is Action.UPDATE:
        fields = ", ".join(word(f"field.{f}") for f in row.values)
        return word("import.row.update", row=row.row, name=row.name, fields=fields)
    return word("import.row.unchanged", row=row.row, name=row.name)


def note_lines(plan: ImportPlan, word: Callable[..., str]) -> list[str]:
    return [word(f"import.note.{code}", **params) for code, params in plan.notes]


def describe(plan: ImportPlan, word: Callable[..., str] = english, *, limit: int | None = None,
             units: Sequence[Unit] = (), more: str = "import.more") -> list[str]:
    """The preview: the counts, one line per row (at most `limit`), then the notes.

    When there are more rows than `limit`, the rejected ones come first (what the user must
    fix: a refusal at row 90,000 of a long list is never hidden behind the rows before it),
    then the first of the others, then the `more` line."""
    names = {u.code: u.short_name for u in units}
    lines = [word("import.plan", **plan.count_params())]
    shown = plan.rows if limit is None or len(plan.rows) <= limit else shown_rows(plan, limit)
    lines += [row_line(r, word, names) for r in shown]
    if len(plan.rows) > len(shown):
        lines.append(word(more, n=len(plan.rows) - len(shown)))
    return lines + note_lines(plan, word)


def shown_rows(plan: ImportPlan, limit: int) -> list[PlannedRow]:
    """At most `limit` rows: the rejected, then the others from the top."""
    rejected = plan.rejected[:limit]
    room = limit - len(rejected)
    others: list[PlannedRow] = []
    if room:
        for row in plan.rows:
            if row.action is not Action.REJECTED:
                others.append(row)
                if len(others) == room:
                    break
    return rejected + others
