"""The scoring's reasons for refusing a score, a rule or a ballot (English; the UI words the same
codes from its catalog, keys `reason.<code>`)."""

from __future__ import annotations

from .. import errors

REASONS = {
    "score_negative": "must not be negative",
    "score_above_max": "must not be above the group's maximum ({max})",
    "score_places": "may have at most two decimals",
    "scores_locked": "the scores of {unit} are finalized: reopen them with a reason first",
    "scores_not_locked": "the scores of {unit} are not finalized",
    "score_group_unknown": "unknown content group '{group}'",
    "score_rule_unknown": "unknown rule '{rule}'",
    "score_tier_unknown": "unknown award tier '{tier}'",
    "score_criterion_unknown": "unknown tie-break criterion {value}",
    "score_groups_over_total": "the groups' maxima would add up to {sum}, above the total {total}",
    "score_groups_not_total": "the groups' maxima add up to {sum}, not the total {total}",
    "score_max_below": "{unit} already has {points} in this group",
    "score_group_scored": "{count} units have scores in this group",
    "scores_incomplete": "no cluster score in every group yet: {units}",
    "ballot_votes_over_voters": "{unit} has more votes than valid ballots ({voters})",
    "ballot_votes_over_ballots": "the votes add up to {votes}, more than {voters} ballots of {quota} names",
    "score_rule_bonus_sign": "a bonus must be above 0",
    "score_rule_deduction_sign": "a deduction must be below 0",
    "score_import_twice": "is given twice (first in row {first})",
}


def register() -> None:
    """Make the scoring's reason codes known to ValidationError."""
    add = getattr(errors, "register_reasons", None) or errors.REASONS.update
    add(REASONS)
