"""Scoring: content groups, the cluster's scoring configuration, unit scores and indicators."""

from __future__ import annotations

from .domain import Domain, locked
from .models import ContentGroup, Indicators, ScoringConfig, UnitScore


class ScoringDomain(Domain):
    @locked
    def content_groups(self) -> tuple[ContentGroup, ...]:
        return tuple(sorted(self._records.objects("content_groups").values(), key=lambda g: g.order))

    @locked
    def config(self) -> ScoringConfig:
        return self._records.single("scoring_config") or ScoringConfig()

    @locked
    def scores(self) -> tuple[UnitScore, ...]:
        return tuple(self._records.objects("scores").values())

    @locked
    def indicators(self) -> tuple[Indicators, ...]:
        return tuple(self._records.objects("indicators").values())
