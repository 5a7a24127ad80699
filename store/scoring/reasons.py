"""The scoring's reasons for refusing a score, a rule or a ballot: their codes, worded in the
catalogs (`reason.<code>`, wording/locales)."""

from __future__ import annotations

from .. import errors

REASONS = (
    "score_negative", "score_above_max", "score_places", "scores_locked", "scores_not_locked",
    "score_group_unknown", "score_rule_unknown", "score_tier_unknown", "score_criterion_unknown",
    "score_groups_over_total", "score_groups_not_total", "score_max_below", "score_group_scored",
    "scores_incomplete", "ballot_votes_over_voters", "ballot_votes_over_ballots",
    "score_rule_bonus_sign", "score_rule_deduction_sign", "score_import_twice",
)


def register() -> None:
    """Make the scoring's reason codes known to ValidationError."""
    errors.register_reasons(REASONS)
