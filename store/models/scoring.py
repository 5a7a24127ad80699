"""Scoring: content groups, the scoring configuration, unit scores and indicators."""

from __future__ import annotations

from dataclasses import dataclass

from .base import _Record, register


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
class ScoringConfig(_Record):
    total_max: float = 100.0
    bonus_rules: tuple[AdjustmentRule, ...] = ()
    deduction_rules: tuple[AdjustmentRule, ...] = ()
    tie_break: tuple[str, ...] = ("cluster_total", "bonus_total", "models", "self_total")
    flag_quota: int = 1
    merit_quota: int = 3


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

    def _sum(self, attr: str) -> float | None:
        values = [getattr(g, attr) for g in self.groups]
        if not values or any(v is None for v in values):
            return None
        return float(sum(values))

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



register("ScoringConfig", nested={"bonus_rules": AdjustmentRule, "deduction_rules": AdjustmentRule})
register("UnitScore", nested={"groups": GroupScore, "bonuses": Adjustment, "deductions": Adjustment})
