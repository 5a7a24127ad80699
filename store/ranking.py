"""Ranking of member units from their scores, by the cluster's configured tie-break order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .models import Indicators, ScoringConfig, Unit, UnitScore


@dataclass(frozen=True)
class RankedUnit:
    rank: int | None
    unit: Unit
    score: UnitScore | None
    indicators: Indicators | None
    award: str  # "flag", "merit" or ""

    @property
    def cluster_total(self) -> float | None:
        return self.score.cluster_total if self.score else None

    @property
    def self_total(self) -> float | None:
        return self.score.self_total if self.score else None


def _criterion(name: str, score: UnitScore | None, ind: Indicators | None) -> float:
    if name in ("cluster_total", "self_total", "bonus_total", "deduction_total"):
        value = getattr(score, name, None) if score else None
    elif name in ("models", "schemes", "resolutions", "regulations"):
        value = getattr(ind, name, None) if ind else None
    else:
        raise ValueError(f"unknown tie-break criterion {name!r}")
    return float("-inf") if value is None else float(value)


def rank_units(units: Sequence[Unit], scores: Sequence[UnitScore],
               indicators: Sequence[Indicators], config: ScoringConfig) -> list[RankedUnit]:
    """Units with a complete cluster score ranked (ties share a rank); others listed last."""
    by_unit = {s.unit_code: s for s in scores}
    ind_by_unit = {i.unit_code: i for i in indicators}
    criteria = config.tie_break or ("cluster_total",)

    def key(u: Unit) -> tuple:
        s, i = by_unit.get(u.code), ind_by_unit.get(u.code)
        return tuple(-_criterion(c, s, i) for c in criteria)

    complete = [u for u in units if by_unit.get(u.code) and by_unit[u.code].cluster_total is not None]
    rest = [u for u in units if u not in complete]
    complete.sort(key=lambda u: (key(u), u.order))
    out: list[RankedUnit] = []
    previous, rank = None, 0
    for position, u in enumerate(complete, start=1):
        k = key(u)
        if k != previous:
            rank, previous = position, k
        award = "flag" if rank <= config.flag_quota else (
            "merit" if rank <= config.flag_quota + config.merit_quota else "")
        out.append(RankedUnit(rank, u, by_unit[u.code], ind_by_unit.get(u.code), award))
    for u in sorted(rest, key=lambda u: u.order):
        out.append(RankedUnit(None, u, by_unit.get(u.code), ind_by_unit.get(u.code), ""))
    return out
