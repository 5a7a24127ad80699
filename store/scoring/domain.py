"""`ScoringDomain`, as the service hands it out: the reads, the scores, the rules and the ballots."""

from __future__ import annotations

from .rules import RuleChanges
from .scores import ScoreChanges


class ScoringDomain(ScoreChanges, RuleChanges):
    """Scores, rules as data, ballots and the explained ranking (see the package's docstring)."""
