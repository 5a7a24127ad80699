"""What the scoring holds, read under the lock: the content groups, the rules, the scores and
indicators, the ballots, the explained ranking and the lock date's warning; and the look-ups every
change starts from (a unit, a group, a rule, a tier, a card still open)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..models import ranking
from ..domain import Domain, locked
from ..errors import ValidationError
from ..models import AdjustmentRule, AwardTier, Ballot, ContentGroup, Indicators, ScoringConfig, UnitScore
from .reasons import register
from .values import KINDS, rule_field

register()


@dataclass(frozen=True)
class DeadlineWarning:
    """The lock date is near (`days_left` >= 0) or past (< 0) and these units are not finalized."""

    lock_date: str
    days_left: int
    units: tuple[str, ...]


class ScoringReads(Domain):
    """The scoring's reads, and the look-ups every change starts from."""

    # ---- reads ---------------------------------------------------------------------------

    @locked
    def content_groups(self) -> tuple[ContentGroup, ...]:
        return tuple(sorted(self._records.objects("content_groups").values(), key=lambda g: (g.order, g.code)))

    @locked
    def config(self) -> ScoringConfig:
        return self._records.single("scoring_config") or ScoringConfig()

    @locked
    def scores(self) -> tuple[UnitScore, ...]:
        return tuple(self._records.objects("scores").values())

    @locked
    def score(self, unit_code: str) -> UnitScore:
        """The unit's scores (an empty card for a member unit never scored)."""
        self._unit(unit_code)
        return self._records.objects("scores").get(unit_code) or UnitScore(unit_code)

    @locked
    def indicators(self) -> tuple[Indicators, ...]:
        return tuple(self._records.objects("indicators").values())

    @locked
    def indicator(self, unit_code: str) -> Indicators:
        self._unit(unit_code)
        return self._records.objects("indicators").get(unit_code) or Indicators(unit_code)

    @locked
    def ballots(self) -> tuple[Ballot, ...]:
        return tuple(self._records.objects("ballots").values())

    @locked
    def table(self) -> ranking.Ranking:
        """The whole explained ranking: ranks, tie-break notes, proposals, warnings, ballots."""
        units = tuple(sorted(self._records.objects("units").values(), key=lambda u: (u.order, u.code)))
        return ranking.rank(units, self.scores(), self.indicators(), self.config(), self.ballots(),
                            self.content_groups())

    @locked
    def ranking(self) -> tuple[ranking.RankedUnit, ...]:
        """The ranked units best first (each `.rank`, `.unit`, `.total`, `.award`); units whose
        cluster scores are incomplete have no rank and are left out."""
        return self.table().ranked

    @locked
    def groups_sum(self) -> float:
        return float(sum(g.max_points for g in self.content_groups()))

    @locked
    def deadline_warning(self, today: dt.date | None = None) -> DeadlineWarning | None:
        """Within the warning period before the lock date (or after it), the units whose scores
        are not finalized; None outside it or when every unit is finalized."""
        cfg = self.config()
        if not cfg.lock_date:
            return None
        try:
            due = dt.date.fromisoformat(cfg.lock_date)
        except ValueError:
            return None
        today = today or self._records.now().date()
        days_left = (due - today).days
        if days_left > max(0, cfg.lock_warning_days):
            return None
        scores = self._records.objects("scores")
        units = sorted(self._records.objects("units").values(), key=lambda u: u.order)
        open_units = tuple(u.short_name for u in units if not (scores.get(u.code) and scores[u.code].locked))
        if not open_units:
            return None
        return DeadlineWarning(cfg.lock_date, days_left, open_units)

    # ---- look-ups -------------------------------------------------------------------------

    def _unit(self, code: str):
        unit = self._records.objects("units").get(code)
        if unit is None:
            raise ValidationError("unit", "unknown_unit", unit=code)
        return unit

    def _group(self, code: str) -> ContentGroup:
        group = self._records.objects("content_groups").get(code)
        if group is None:
            raise ValidationError("score_group", "score_group_unknown", group=code)
        return group

    def _rule(self, kind: str, code: str) -> AdjustmentRule:
        if kind not in KINDS:
            raise ValidationError("adjustment_kind", "one_of", allowed=", ".join(KINDS))
        rule = next((r for r in getattr(self.config(), rule_field(kind)) if r.code == code), None)
        if rule is None:
            raise ValidationError("score_rule", "score_rule_unknown", rule=code)
        return rule

    def _tier(self, code: str) -> AwardTier:
        tier = next((t for t in self.config().tiers if t.code == code), None)
        if tier is None:
            raise ValidationError("award_tier", "score_tier_unknown", tier=code)
        return tier

    def _open_score(self, unit_code: str) -> UnitScore:
        unit = self._unit(unit_code)
        card = self._records.objects("scores").get(unit_code) or UnitScore(unit_code)
        if card.locked:
            raise ValidationError("scores", "scores_locked", unit=unit.short_name)
        return card

    def _any_locked(self) -> bool:
        return any(c.locked for c in self.scores())

    def _locked_names(self) -> str:
        units = self._records.objects("units")
        return ", ".join(units[c.unit_code].short_name if c.unit_code in units else c.unit_code
                         for c in self.scores() if c.locked)
