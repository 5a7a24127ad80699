"""Scores from a sheet: one or many units' own and/or cluster scores, and their indicators.

The sheet (the one `hoinghi template scores` writes, or one like it) has one row per unit and
content group: unit, group (its code or its content), and the own score and/or the cluster
score. A row whose group cell names an indicator (Mô hình, Đề án, Nghị quyết, Quy định) gives
that count in either score column. The header is found below title rows, as in the delegates'
import; blank rows are skipped. Each row is planned and reported: what it sets, that it changes
nothing, or why it is refused (the reason codes of `store.scoring`). Nothing is saved unless
every row is accepted; then everything is saved in one durable write.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Sequence

from .. import scoring
from ..errors import StoreError, ValidationError
from wording.text import fold
from . import limits
from .importer import match_unit_index, unit_key
from .reading import Table, header_key, read_table

COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": ("donvi", "unit", "tendonvi", "madonvi", "unitcode"),
    "group": ("manhom", "nhom", "group", "groupcode", "manoidung", "code", "ma"),
    "title": ("noidung", "noidungthidua", "nhomnoidung", "content", "title"),
    "max": ("diemtoida", "toida", "max", "maxpoints", "diemchuan"),
    "self": ("tucham", "diemtucham", "self", "own", "ownscore", "donvitucham"),
    "cluster": ("cumcham", "diemcumcham", "cluster", "clusterscore", "cumtruongcham", "diemcum"),
}
FIELD_OF = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
#: the indicators as a sheet names them (folded, without spaces)
INDICATOR_WORDS = {
    "models": ("mohinh", "models", "mohinhhay", "mohinhhaycachlammoi"),
    "schemes": ("dean", "schemes"),
    "resolutions": ("nghiquyet", "resolutions"),
    "regulations": ("quydinh", "regulations"),
}
INDICATOR_OF = {w: name for name, words in INDICATOR_WORDS.items() for w in words}


def text_key(text: str) -> str:
    """A group's code or content compared ignoring case, tones, marks, spaces and punctuation."""
    import re

    return re.sub(r"[^a-z0-9]+", "", fold(str(text)))


def columns_of(cells: Sequence[str]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i, cell in enumerate(cells):
        name = FIELD_OF.get(header_key(str(cell)))
        if name and name not in out.values():
            out[i] = name
    return out


def is_scores_header(cells: list[str]) -> bool:
    found = set(columns_of(cells).values())
    return "unit" in found and bool(found & {"group", "title"}) and bool(found & {"self", "cluster"})


@dataclass(frozen=True)
class ScoreRow:
    """One row of the sheet as planned: `status` "set", "same" or "refused"."""

    row: int
    unit: str
    group: str
    status: str
    values: dict[str, Any] = field(default_factory=dict)
    #: the refusal: (field, reason code, params), worded by the UI from its catalog
    reason: tuple[str, str, dict[str, Any]] | None = None


@dataclass(frozen=True)
class ScoresPlan:
    source: str
    rows: tuple[ScoreRow, ...]
    notes: tuple[limits.Note, ...] = ()
    points: tuple[tuple[str, str, str, float | None], ...] = ()
    counts: tuple[tuple[str, str, int], ...] = ()

    @property
    def refused(self) -> tuple[ScoreRow, ...]:
        return tuple(r for r in self.rows if r.status == "refused")

    @property
    def changes(self) -> int:
        return sum(1 for r in self.rows if r.status == "set")

    def describe(self, word: Any, *, limit: int | None = None) -> list[str]:
        """The report in `word`'s language: one line per row of the sheet, then the notes."""
        return describe(self, word, limit=limit)


def read_scores_table(path: str | os.PathLike) -> Table:
    """The sheet's header (found below title rows) and rows, within the import's limits."""
    return read_table(path, header_test=is_scores_header)


def plan_scores(service: Any, table: Table) -> ScoresPlan:
    """Every row checked against the store's units, groups and rules; nothing is written."""
    units = service.conference.units()
    by_key = match_unit_index(units)
    names = {u.code: u.short_name for u in units}
    groups = service.scoring.content_groups()
    group_by_key: dict[str, Any] = {}
    for g in groups:
        group_by_key.setdefault(text_key(g.code), g)
        group_by_key.setdefault(text_key(g.title), g)
    cards = {s.unit_code: s for s in service.scoring.scores()}
    inds = {i.unit_code: i for i in service.scoring.indicators()}
    mapping = {h: FIELD_OF.get(header_key(h)) for h in table.headers}
    column = {name: h for h, name in reversed(list(mapping.items())) if name}
    if "unit" not in column or not ({"group", "title"} & column.keys()) or not ({"self", "cluster"} & column.keys()):
        raise StoreError(code="no_scores_columns", file=table.source)
    rows: list[ScoreRow] = []
    points: list[tuple[str, str, str, float | None]] = []
    counts: list[tuple[str, str, int]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, cells in table.rows:
        get = lambda name: (cells.get(column[name], "") if name in column else "").strip()  # noqa: E731
        unit_text, group_text, title_text = get("unit"), get("group"), get("title")
        label = group_text or title_text
        if not unit_text and not label:
            continue  # a footer or signature line
        unit_code = by_key.get(unit_key(unit_text)) or by_key.get(fold(unit_text).replace(" ", ""))
        if unit_code is None:
            rows.append(ScoreRow(number, unit_text, label, "refused",
                                 reason=("unit", "unknown_unit", {"unit": unit_text})))
            continue
        indicator = INDICATOR_OF.get(header_key(group_text)) or INDICATOR_OF.get(header_key(title_text))
        try:
            card = cards.get(unit_code)
            if card is not None and card.locked:
                raise ValidationError("scores", "scores_locked", unit=names[unit_code])
            if indicator:
                values = [v for v in (get("self"), get("cluster")) if v]
                if not values:
                    continue
                counted = {scoring_integer(indicator, v) for v in values}
                if len(counted) > 1:
                    raise ValidationError(indicator, "integer")
                count = counted.pop()
                old = getattr(inds.get(unit_code), indicator, 0) if unit_code in inds else 0
                key = (unit_code, indicator, "")
                if key in seen:
                    raise ValidationError(indicator, "score_import_twice", first=seen[key])
                seen[key] = number
                counts.append((unit_code, indicator, count))
                rows.append(ScoreRow(number, names[unit_code], indicator, "same" if old == count else "set",
                                     {indicator: count}))
                continue
            group = group_by_key.get(text_key(group_text)) if group_text else None
            if group is None and title_text:
                group = group_by_key.get(text_key(title_text))
            if group is None:
                raise ValidationError("score_group", "score_group_unknown", group=label)
            values: dict[str, float | None] = {}
            for side in scoring.SIDES:
                text = get(side)
                if side in column and text:
                    values[side] = scoring.points_value(f"{side}_points", text, group.max_points)
            if not values:
                continue
            changed = False
            for side in values:
                key = (unit_code, group.code, side)
                if key in seen:
                    raise ValidationError(f"{side}_points", "score_import_twice", first=seen[key])
            for side, value in values.items():
                seen[(unit_code, group.code, side)] = number
                gs = card.group(group.code) if card else None
                changed |= (getattr(gs, f"{side}_points") if gs else None) != value
                points.append((unit_code, group.code, side, value))
            rows.append(ScoreRow(number, names[unit_code], group.code, "set" if changed else "same", values))
        except ValidationError as error:
            rows.append(ScoreRow(number, names[unit_code], label, "refused",
                                 reason=(error.field, error.code, dict(error.params))))
    notes = list(table.notes)
    return ScoresPlan(table.source, tuple(rows), tuple(notes), tuple(points), tuple(counts))


def scoring_integer(name: str, text: str) -> int:
    """A count typed or read from a spreadsheet ("4", or "4,0" / "4.0" from a number cell)."""
    import re

    from .. import validation

    raw = text.strip()
    if re.fullmatch(r"[0-9]+[.,]0+", raw):
        raw = re.split(r"[.,]", raw)[0]
    return validation.integer(name, raw, low=0, high=100_000)


def apply_scores(service: Any, plan: ScoresPlan) -> int:
    """Save the accepted rows (as the delegates' import does; refused rows are reported and
    left out) in one durable write; how many values changed."""
    return service.scoring.import_scores(plan.points, plan.counts, source=plan.source)


def row_line(row: ScoreRow, word: Any) -> str:
    """One row of the report in the catalog's words (`word` is tui.i18n.t or alike)."""
    from wording.numbers import number

    if row.status == "refused":
        field_name, code, params = row.reason or ("", "", {})
        return word("scores.import.row.refused", row=row.row, unit=row.unit or "—", group=row.group or "—",
                    field=word(f"field.{field_name}") if field_name else "",
                    reason=word(f"reason.{code}", **params))
    key = "scores.import.row.same" if row.status == "same" else "scores.import.row.set"
    if row.group in INDICATOR_WORDS:  # "Dòng 14: Hà Nội, Số mô hình: 6"
        return word(key, row=row.row, unit=row.unit, group=word(f"scorecards.criterion.{row.group}"),
                    values=str(row.values.get(row.group, "—")))
    parts = []
    for name, value in row.values.items():
        shown = number(value) if name in scoring.SIDES else str(value)
        parts.append(word(f"scores.import.value.{name}", value=shown if value is not None else "—"))
    return word(key, row=row.row, unit=row.unit, group=row.group, values="; ".join(parts))


def describe(plan: ScoresPlan, word: Any, *, limit: int | None = None) -> list[str]:
    """The report: counts, one line per row (at most `limit`), then the notes."""
    rows = plan.rows if limit is None else plan.rows[:limit]
    lines = [word("scores.import.plan", rows=len(plan.rows), changes=plan.changes, refused=len(plan.refused))]
    lines += [row_line(r, word) for r in rows]
    if len(plan.rows) > len(rows):
        lines.append(word("import.more", n=len(plan.rows) - len(rows)))
    return lines + [word(f"import.note.{code}", **params) for code, params in plan.notes]
