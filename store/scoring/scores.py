"""Each unit's scores: own and cluster points per group, bonuses and deductions chosen from the
rules with their reasons, the four indicators, many at once from an import, and finalizing and
reopening (a finalized card changes only after a reopen with a reason)."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from .. import validation
from ..domain import locked
from ..errors import NotFoundError, ValidationError
from ..models import Adjustment, Indicators, UnitScore
from ..models.scoring import INDICATOR_NAMES
from wording.numbers import number as shown_number
from .reads import ScoringReads
from .values import KINDS, REASON_MAX, SIDES, complete, points_of, points_value, replaced, with_points


class ScoreChanges(ScoringReads):
    """Scores, adjustments and indicators; finalizing and reopening."""

    # ---- scores ----------------------------------------------------------------------------

    @locked
    def set_points(self, unit_code: str, group_code: str, side: str, value: Any) -> UnitScore:
        """Set (or clear, with None or "") a unit's own ("self") or cluster score in a group.
        Text may use a decimal comma or dot."""
        old = self._open_score(unit_code)
        group = self._group(group_code)
        if side not in SIDES:
            raise ValidationError("score_side", "one_of", allowed=", ".join(SIDES))
        points = points_value(f"{side}_points", value, group.max_points)
        new = with_points(old, self.content_groups(), group_code, side, points)
        if new == old:
            return old
        with self._work() as work:
            work.put("scores", new.to_doc())
            work.audit("score.set", unit_code, {"group": group_code, side: points_of(old, group_code, side)},
                       {"group": group_code, side: points})
        return new

    @locked
    def add_adjustment(self, unit_code: str, kind: str, rule_code: str, reason: str) -> UnitScore:
        """Give a unit a bonus or a deduction chosen from the rules, with its reason."""
        old = self._open_score(unit_code)
        rule = self._rule(kind, rule_code)
        reason = validation.text("score_reason", reason, max_len=REASON_MAX, required=True)
        adj = Adjustment(points=rule.points, reason=reason, rule_code=rule.code)
        field = "bonuses" if kind == "bonus" else "deductions"
        new = replaced(old, **{field: getattr(old, field) + (adj,)})
        with self._work() as work:
            work.put("scores", new.to_doc())
            work.audit("score.adjust", unit_code, None, {"kind": kind, **adj.to_doc()})
        return new

    @locked
    def remove_adjustment(self, unit_code: str, kind: str, index: int) -> UnitScore:
        old = self._open_score(unit_code)
        if kind not in KINDS:
            raise ValidationError("adjustment_kind", "one_of", allowed=", ".join(KINDS))
        field = "bonuses" if kind == "bonus" else "deductions"
        items = getattr(old, field)
        if not 0 <= index < len(items):
            raise NotFoundError(code="no_adjustment", unit=unit_code, kind=kind, number=index + 1)
        new = replaced(old, **{field: items[:index] + items[index + 1:]})
        with self._work() as work:
            work.put("scores", new.to_doc())
            work.audit("score.unadjust", unit_code, {"kind": kind, **items[index].to_doc()}, None)
        return new

    @locked
    def set_indicator(self, unit_code: str, name: str, value: Any) -> Indicators:
        """Set one of the four indicators (models, schemes, resolutions, regulations)."""
        self._open_score(unit_code)
        if name not in INDICATOR_NAMES:
            raise ValidationError("indicator", "one_of", allowed=", ".join(INDICATOR_NAMES))
        count = validation.integer(name, value, low=0, high=100_000)
        old = self.indicator(unit_code)
        new = Indicators.from_doc({**old.to_doc(), name: count})
        if new == old:
            return old
        with self._work() as work:
            work.put("indicators", new.to_doc())
            work.audit("indicator.set", unit_code, {name: getattr(old, name)}, {name: count})
        return new

    @locked
    def import_scores(self, rows: Sequence[tuple[str, str, str, float | None]],
                      indicators: Sequence[tuple[str, str, int]] = (), *, source: str = "") -> int:
        """Many scores in one durable write, all or nothing: rows of (unit, group, side, points),
        indicators as (unit, name, count). Returns how many values changed."""
        groups = self.content_groups()
        by_group = {g.code: g for g in groups}
        cards: dict[str, UnitScore] = {}
        counts: dict[str, Indicators] = {}
        changed = 0
        for i, (unit_code, group_code, side, value) in enumerate(rows, start=1):
            card = cards.get(unit_code) or self._open_score(unit_code)
            group = by_group.get(group_code)
            if group is None:
                raise ValidationError("score_group", "score_group_unknown", row=i, group=group_code)
            points = points_value(f"{side}_points", value, group.max_points)
            new = with_points(card, groups, group_code, side, points)
            changed += new != card
            cards[unit_code] = new
        for unit_code, name, count in indicators:
            self._open_score(unit_code)
            old = counts.get(unit_code) or self.indicator(unit_code)
            count = validation.integer(name, count, low=0, high=100_000)
            new_ind = Indicators.from_doc({**old.to_doc(), name: count})
            changed += new_ind != old
            counts[unit_code] = new_ind
        if not changed:
            return 0
        with self._work() as work:
            for card in cards.values():
                work.put("scores", card.to_doc())
            for ind in counts.values():
                work.put("indicators", ind.to_doc())
            work.audit("score.import", source, None, {"units": sorted(set(cards) | set(counts)),
                                                      "values": changed})
        return changed

    # ---- finalize and reopen ----------------------------------------------------------------

    @locked
    def finalize(self, unit_codes: Iterable[str] | None = None) -> tuple[UnitScore, ...]:
        """Lock the scores of these units (all units when None). Refused while the groups'
        maxima do not add up to the total, or when a unit lacks a cluster score somewhere."""
        cfg = self.config()
        total = self.groups_sum()
        if round(total, 6) != round(cfg.total_max, 6):
            raise ValidationError("total_max", "score_groups_not_total", sum=shown_number(total),
                                  total=shown_number(cfg.total_max))
        units = sorted(self._records.objects("units").values(), key=lambda u: u.order)
        chosen = [u for u in units if unit_codes is None or u.code in set(unit_codes)]
        if unit_codes is not None:
            for code in unit_codes:
                self._unit(code)
        groups = self.content_groups()
        cards = [(u, self._records.objects("scores").get(u.code) or UnitScore(u.code)) for u in chosen]
        missing = [u.short_name for u, card in cards if not complete(card, groups)]
        if missing:
            raise ValidationError("scores", "scores_incomplete", units=", ".join(missing))
        to_lock = [card for _u, card in cards if not card.locked]
        if not to_lock:
            return ()
        stamp = self._records.now().isoformat(timespec="seconds")
        locked_cards = tuple(replaced(card, locked=True, locked_at=stamp) for card in to_lock)
        with self._work() as work:
            for card in locked_cards:
                work.put("scores", card.to_doc())
            work.audit("score.finalize", "scores", None,
                       {"units": [c.unit_code for c in locked_cards], "at": stamp,
                        "totals": {c.unit_code: c.cluster_total for c in locked_cards}})
        return locked_cards

    @locked
    def reopen(self, unit_code: str, reason: str) -> UnitScore:
        """Unlock a finalized unit's scores; the reason is required and audited."""
        self._unit(unit_code)
        reason = validation.text("score_reason", reason, max_len=REASON_MAX, required=True)
        old = self._records.objects("scores").get(unit_code)
        if old is None or not old.locked:
            raise ValidationError("scores", "scores_not_locked", unit=self._unit(unit_code).short_name)
        new = replaced(old, locked=False, locked_at=None)
        with self._work() as work:
            work.put("scores", new.to_doc())
            work.audit("score.reopen", unit_code, {"locked_at": old.locked_at}, {"reason": reason})
        return new
