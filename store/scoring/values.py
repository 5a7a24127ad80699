"""The scoring's values, pure: the limits, a typed score read and checked (`points_value`), a
rule's points, and the arithmetic of a score card (a record with changes, one value set, complete
or not)."""

from __future__ import annotations

from typing import Any, Sequence

from .. import validation
from ..errors import ValidationError
from ..models import ContentGroup, GroupScore, UnitScore
from wording.numbers import number as shown_number

#: the largest number of points a group, a rule or the total may have
POINTS_MAX = 1000.0
LABEL_MAX = 300
REASON_MAX = 500
SIDES = ("self", "cluster")
KINDS = ("bonus", "deduction")

def value_text(value: Any) -> Any:
    """A typed number with a decimal comma read as with a dot ("95,75" -> "95.75")."""
    return value.strip().replace(",", ".") if isinstance(value, str) else value


def points_value(field: str, value: Any, max_points: float) -> float | None:
    """A score typed or read: None/"" clears it; otherwise a number, not negative, not above
    the group's maximum, with at most two decimals."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        try:
            from wording.numbers import parse_number
            value = parse_number(text)
        except ValueError:
            raise ValidationError(field, "number") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value \
            or value in (float("inf"), float("-inf")):
        raise ValidationError(field, "number")
    if value < 0:
        raise ValidationError(field, "score_negative")
    if value > max_points:
        raise ValidationError(field, "score_above_max", max=shown_number(max_points))
    if abs(round(value, 2) - value) > 1e-9:
        raise ValidationError(field, "score_places")
    return float(round(value, 2))


def rule_field(kind: str) -> str:
    """The config's field holding a kind's rules ("bonus_rules" or "deduction_rules")."""
    if kind not in KINDS:
        raise ValidationError("adjustment_kind", "one_of", allowed=", ".join(KINDS))
    return "bonus_rules" if kind == "bonus" else "deduction_rules"


def rule_points(kind: str, points: Any) -> float:
    """A rule's points checked: a bonus above 0, a deduction below 0 (typed either way)."""
    value = validation.number("rule_points", value_text(points), low=-POINTS_MAX, high=POINTS_MAX)
    if kind == "bonus" and value <= 0:
        raise ValidationError("rule_points", "score_rule_bonus_sign")
    if kind == "deduction":
        value = -abs(value)  # a deduction typed as "1" or "-1" takes one point off
        if value == 0:
            raise ValidationError("rule_points", "score_rule_deduction_sign")
    return value


def replaced(record, **changes):
    """A frozen record with some fields changed (nested records and tuples given as values)."""
    return type(record).from_doc({**record.to_doc(), **{k: _doc(v) for k, v in changes.items()}})


def _doc(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_doc(v) for v in value]
    if hasattr(value, "to_doc"):
        return value.to_doc()
    return value


def points_of(card: UnitScore, group_code: str, side: str) -> float | None:
    """The card's own or cluster points in a group (None: not given)."""
    gs = card.group(group_code)
    return getattr(gs, f"{side}_points") if gs else None


def with_points(card: UnitScore, groups: Sequence[ContentGroup], group_code: str, side: str,
                points: float | None) -> UnitScore:
    """The card with one value set; its groups kept in the covenant's order, one per group."""
    if side not in SIDES:
        raise ValidationError("score_side", "one_of", allowed=", ".join(SIDES))
    by_code = {g.group_code: g for g in card.groups}
    old = by_code.get(group_code) or GroupScore(group_code)
    by_code[group_code] = replaced(old, **{f"{side}_points": points})
    order = [g.code for g in groups] + [c for c in by_code if c not in {g.code for g in groups}]
    return replaced(card, groups=tuple(by_code[c] for c in order if c in by_code))


def complete(card: UnitScore, groups: Sequence[ContentGroup]) -> bool:
    """The card has a cluster score in every group (it can be finalized)."""
    return bool(groups) and all((gs := card.group(g.code)) is not None and gs.cluster_points is not None
                                for g in groups)
