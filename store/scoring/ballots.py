"""The ballot count of an award tier: valid ballots and each unit's votes, each ballot naming
at most the tier's quota of units."""

from __future__ import annotations

from typing import Any

from .. import validation
from ..domain import locked
from ..errors import NotFoundError, ValidationError
from ..models import Ballot
from .reads import ScoringReads


class BallotChanges(ScoringReads):
    """The ballot count of each award tier."""

    # ---- ballots ---------------------------------------------------------------------------

    @locked
    def set_ballot(self, tier_code: str, voters: Any, votes: dict[str, Any]) -> Ballot:
        """Enter a ballot's count for a tier: valid ballots and votes per unit code. Each ballot
        names at most the tier's quota of units."""
        tier = self._tier(tier_code)
        voters = validation.integer("ballot_voters", voters, low=0, high=100_000)
        counted: dict[str, int] = {}
        for unit_code, value in votes.items():
            unit = self._unit(unit_code)
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            n = validation.integer("ballot_votes", value, low=0, high=100_000)
            if n > voters:
                raise ValidationError("ballot_votes", "ballot_votes_over_voters", unit=unit.short_name, voters=voters)
            if n:
                counted[unit_code] = n
        total = sum(counted.values())
        if total > voters * max(1, tier.quota):
            raise ValidationError("ballot_votes", "ballot_votes_over_ballots", votes=total, voters=voters,
                                  quota=max(1, tier.quota))
        old = self._records.objects("ballots").get(tier_code)
        ballot = Ballot(tier_code, voters, counted, self._records.now().isoformat(timespec="seconds"))
        with self._work() as work:
            work.put("ballots", ballot.to_doc())
            work.audit("ballot.set", tier_code, old.to_doc() if old else None, ballot.to_doc())
        return ballot

    @locked
    def clear_ballot(self, tier_code: str) -> None:
        old = self._records.objects("ballots").get(tier_code)
        if old is None:
            raise NotFoundError(code="no_record", record=tier_code, table="ballots")
        with self._work() as work:
            work.remove("ballots", tier_code)
            work.audit("ballot.clear", tier_code, old.to_doc(), None)
