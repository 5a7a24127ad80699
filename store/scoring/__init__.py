"""Scoring: the rules as data (content groups, bonus and deduction rules, tie-break order, award
tiers, the lock date and its warning period, the ballot majority), each unit's scores (own and
cluster per group, bonuses and deductions with reasons, indicators), finalizing and reopening,
ballots, and the explained ranking (`store.models.ranking`).

Every change is one unit of work: validated first (a `ValidationError` with a reason code,
nothing changed), written durably, audited, returning frozen values. One idea per module:

    reasons.py   the reason codes a refused score, rule or ballot gives
    values.py    pure: the limits, a typed score checked (`points_value`), a card with one value set
    reads.py     the reads (groups, config, scores, indicators, ballots, ranking, deadline warning)
                 and the look-ups every change starts from
    scores.py    scores, bonuses and deductions, indicators, the import, finalize and reopen
    rules.py     the rules as data: settings, content groups, adjustment rules, award tiers
    ballots.py   the ballot count of an award tier
    domain.py    `ScoringDomain`: all of them as the service hands it out
"""

from .domain import ScoringDomain
from .reads import DeadlineWarning
from .values import KINDS, LABEL_MAX, POINTS_MAX, REASON_MAX, SIDES, points_value, value_text

__all__ = ["ScoringDomain", "DeadlineWarning", "KINDS", "LABEL_MAX", "POINTS_MAX", "REASON_MAX", "SIDES",
           "points_value", "value_text"]
