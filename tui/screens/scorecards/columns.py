"""The ranking table's columns, in the order of what they say: the rank, the unit, the cluster
total that ranks it, then the tie-break criteria in the configured order (what separates units
with the same total), the award proposed and the ballot's votes, then the other scores and
indicators. A narrow screen keeps the first ones in view; the votes column is shown only when a
ballot was entered. The unit column leaves room for the mark of a finalized scorecard."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from store.models import ranking as rk
from wording.numbers import number

from ...text import literal

#: a finalized (locked) scorecard, after the unit's name
LOCK = "🔒"
SCORES = ("self", "bonus", "deduction")
INDICATORS = ("models", "schemes", "resolutions", "regulations")
NUMERIC = {"rank", "cluster", *SCORES, *INDICATORS}
#: the column that shows each tie-break criterion
CRITERION_COLUMN = {"self_total": "self", "bonus_total": "bonus", "deduction_total": "deduction",
                    **{name: name for name in INDICATORS}}


def column_order(tie_order: tuple[str, ...], ballots: bool) -> tuple[str, ...]:
    """The columns' keys, left to right (see the module docstring)."""
    ties = list(dict.fromkeys(CRITERION_COLUMN[c] for c in tie_order if c in CRITERION_COLUMN))
    rest = [key for key in SCORES + INDICATORS if key not in ties]
    return ("rank", "unit", "cluster", *ties, "award", *(("votes",) if ballots else ()), *rest)


def unit_width(names: list[str]) -> int:
    """The unit column's width: the longest name with the lock mark after it."""
    return max((cell_len(name) for name in names), default=0) + cell_len(" " + LOCK)


def right(text: str, style: str = "") -> Text:
    return Text(text, style=style, justify="right", no_wrap=True)


def row_cells(r: rk.RankedUnit, table: rk.Ranking) -> dict[str, Text]:
    """The row of a unit, by column key."""
    s, i = r.score, r.indicators
    votes = []
    for result in table.ballots.values():
        for line in result.lines:
            if line.unit.code == r.unit.code:
                votes.append(f"{line.votes}/{result.voters}" + ("✓" if line.elected else ""))
    return {
        "rank": right(f"{r.rank}" if r.rank is not None else "—"),
        "unit": literal(r.unit.short_name + (" " + LOCK if r.locked else "")),
        "self": right(number(r.self_total)),
        "cluster": right(number(r.cluster_total), "bold"),
        "bonus": right(number(r.bonus_total) if s and s.bonuses else ""),
        "deduction": right(number(r.deduction_total) if s and s.deductions else "", "red"),
        "award": literal(r.award, "bold"),
        "votes": literal(" ".join(votes)),
        **{name: right(str(getattr(i, name)) if i else "0") for name in INDICATORS},
    }
