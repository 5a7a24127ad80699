"""Scoring: content groups, the scoring configuration (rules as data), unit scores, indicators
and ballots.

Stores written before award tiers existed kept two quotas (`flag_quota`, `merit_quota`) in the
scoring configuration; they still open: `ScoringConfig.tiers` reads them as two tiers while
`award_tiers` is null, and the first change of the rules writes the tiers themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import _Record, register

#: what the ranking can compare after the cluster total (the tie-break criteria), best = higher
CRITERIA = ("cluster_total", "bonus_total", "deduction_total", "self_total",
            "models", "schemes", "resolutions", "regulations")
#: the four indicators counted per unit
INDICATOR_NAMES = ("models", "schemes", "resolutions", "regulations")
#: labels of the two tiers a store written before award tiers had (see the module docstring)
LEGACY_TIER_LABELS = {"FLAG": "Cờ thi đua", "MERIT": "Bằng khen"}


@dataclass(frozen=True)
class ContentGroup(_Record):
    """A content group of the covenant as scored: `max_points` is its ceiling."""

    code: str
    order: int
    title: str
    max_points: float


@dataclass(frozen=True)
class AdjustmentRule(_Record):
    """A configured bonus (points > 0) or deduction (points < 0) that may be applied."""

    code: str
    label: str
    points: float


@dataclass(frozen=True)
class AwardTier(_Record):
    """An award the review proposes units for (Cờ thi đua, Bằng khen, ...), highest first.
    `no_deduction`: a unit with a deduction must not be proposed for it (a warning if it is)."""

    code: str
    label: str
    quota: int = 1
    no_deduction: bool = False


@dataclass(frozen=True)
class ScoringConfig(_Record):
    total_max: float = 100.0
    bonus_rules: tuple[AdjustmentRule, ...] = ()
    deduction_rules: tuple[AdjustmentRule, ...] = ()
    #: compared, in this order, between units with the same cluster total
    tie_break: tuple[str, ...] = ("cluster_total", "bonus_total", "models", "self_total")
    #: legacy quotas (stores before award tiers); read as tiers while `award_tiers` is null
    flag_quota: int = 1
    merit_quota: int = 3
    award_tiers: tuple[AwardTier, ...] | None = None
    #: warn when the unit proposed first for the first tier is not the highest scorer
    leader_must_top: bool = True
    #: the day the scores are to be finalized (ISO, "" for none) and how many days before it
    #: the panel warns about units not yet finalized
    lock_date: str = ""
    lock_warning_days: int = 3
    #: a ballot elects a unit with more than this percentage of the valid ballots
    ballot_majority: float = 50.0

    @property
    def tiers(self) -> tuple[AwardTier, ...]:
        if self.award_tiers is not None:
            return self.award_tiers
        return (AwardTier("FLAG", LEGACY_TIER_LABELS["FLAG"], max(0, self.flag_quota), no_deduction=True),
                AwardTier("MERIT", LEGACY_TIER_LABELS["MERIT"], max(0, self.merit_quota)))

    @property
    def tie_order(self) -> tuple[str, ...]:
        """The tie-break criteria after the cluster total, each once."""
        return tuple(dict.fromkeys(c for c in self.tie_break if c != "cluster_total"))


@dataclass(frozen=True)
class GroupScore(_Record):
    group_code: str
    self_points: float | None = None
    cluster_points: float | None = None


@dataclass(frozen=True)
class Adjustment(_Record):
    """A bonus (points > 0) or deduction (points < 0) given to a unit, always with a reason."""

    points: float
    reason: str
    rule_code: str = ""


@dataclass(frozen=True)
class UnitScore(_Record):
    unit_code: str
    groups: tuple[GroupScore, ...] = ()
    bonuses: tuple[Adjustment, ...] = ()
    deductions: tuple[Adjustment, ...] = ()
    #: finalized: a change needs the scores reopened with a reason first
    locked: bool = False
    locked_at: str | None = None

    def _sum(self, attr: str) -> float | None:
        values = [getattr(g, attr) for g in self.groups]
        if not values or any(v is None for v in values):
            return None
        return float(sum(values))

    def group(self, code: str) -> GroupScore | None:
        return next((g for g in self.groups if g.group_code == code), None)

    @property
    def bonus_total(self) -> float:
        return float(sum(a.points for a in self.bonuses))

    @property
    def deduction_total(self) -> float:
        return float(sum(a.points for a in self.deductions))

    @property
    def self_total(self) -> float | None:
        base = self._sum("self_points")
        return None if base is None else base + self.bonus_total + self.deduction_total

    @property
    def cluster_total(self) -> float | None:
        base = self._sum("cluster_points")
        return None if base is None else base + self.bonus_total + self.deduction_total


@dataclass(frozen=True)
class Indicators(_Record):
    unit_code: str
    models: int = 0
    schemes: int = 0
    resolutions: int = 0
    regulations: int = 0


@dataclass(frozen=True)
class Ballot(_Record):
    """The count of a secret ballot for one award tier: valid ballots and votes per unit code."""

    tier: str
    voters: int
    votes: dict[str, int] = field(default_factory=dict)
    counted_at: str | None = None


register("ScoringConfig", nested={"bonus_rules": AdjustmentRule, "deduction_rules": AdjustmentRule,
                                  "award_tiers": AwardTier})
register("UnitScore", nested={"groups": GroupScore, "bonuses": Adjustment, "deductions": Adjustment})
