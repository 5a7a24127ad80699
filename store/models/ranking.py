"""The ranking of member units, explained: ranks, tie-break notes, proposals per award tier,
warnings, and ballot results. Pure functions of the records, no I/O.

Units are ranked on the cluster total (cluster points of every group + bonuses + deductions);
units with the same total are compared by the configured tie-break criteria, in order. Units
equal on all of them share a rank (1, 2, 2, 4). A unit without a cluster score for every group
has no rank and is listed last, in the cluster's unit order.

Where two neighbouring units have the same total, a `TieNote` says which criterion separated
them (or that none did and they share the rank). Proposals take the ranked units in order, tier
after tier, by quota; a ballot entered for a tier replaces that tier's proposals with the units
it elected. Warnings name every proposal that breaks a configured rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from .conference import Unit
from .scoring import CRITERIA, INDICATOR_NAMES, AwardTier, Ballot, ContentGroup, Indicators, ScoringConfig, UnitScore

#: two totals closer than this are the same (sums of quarter points are exact, but be safe)
_PLACES = 6


@dataclass(frozen=True)
class RankedUnit:
    """One row of the ranking. `rank` is None for a unit whose cluster scores are incomplete."""

    rank: int | None
    unit: Unit
    score: UnitScore | None
    indicators: Indicators | None
    #: the label of the award tier the unit is proposed for ("" for none)
    award: str = ""
    award_code: str = ""

    @property
    def total(self) -> float | None:
        return self.cluster_total

    @property
    def cluster_total(self) -> float | None:
        return self.score.cluster_total if self.score else None

    @property
    def self_total(self) -> float | None:
        return self.score.self_total if self.score else None

    @property
    def bonus_total(self) -> float:
        return self.score.bonus_total if self.score else 0.0

    @property
    def deduction_total(self) -> float:
        return self.score.deduction_total if self.score else 0.0

    @property
    def locked(self) -> bool:
        return bool(self.score and self.score.locked)


@dataclass(frozen=True)
class TieNote:
    """`upper` is above `lower` with the same cluster `total`: `criterion` separated them
    (with their values), or None when nothing did and they share `rank`."""

    upper: Unit
    lower: Unit
    total: float
    criterion: str | None
    upper_value: float | None = None
    lower_value: float | None = None
    rank: int | None = None


@dataclass(frozen=True)
class BallotLine:
    unit: Unit
    votes: int
    percent: float
    passed: bool    # above the configured majority
    elected: bool   # passed and within the tier's quota


@dataclass(frozen=True)
class BallotResult:
    tier: AwardTier
    voters: int
    lines: tuple[BallotLine, ...]

    @property
    def elected(self) -> tuple[Unit, ...]:
        return tuple(line.unit for line in self.lines if line.elected)


@dataclass(frozen=True)
class Warning:
    """A rule broken by a proposal (or something that stops the result): `code` says which;
    `units` are the unit names concerned; `tier` the award tier's label, if any."""

    code: str
    units: tuple[str, ...] = ()
    tier: str = ""
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Ranking:
    rows: tuple[RankedUnit, ...]
    notes: tuple[TieNote, ...]
    tiers: tuple[AwardTier, ...]
    #: per tier code: the units proposed by score, by quota
    by_score: dict[str, tuple[Unit, ...]]
    #: per tier code: the ballot's result, where one was entered
    ballots: dict[str, BallotResult]
    warnings: tuple[Warning, ...]

    @property
    def ranked(self) -> tuple[RankedUnit, ...]:
        return tuple(r for r in self.rows if r.rank is not None)

    def proposals(self, tier_code: str) -> tuple[Unit, ...]:
        """The units proposed for a tier: the ballot's elected where a ballot was entered."""
        if tier_code in self.ballots:
            return self.ballots[tier_code].elected
        return self.by_score.get(tier_code, ())

    @property
    def leader(self) -> Unit | None:
        """The leading unit: the first proposed for the first tier, else the first ranked."""
        if self.tiers:
            first = self.proposals(self.tiers[0].code)
            if first:
                return first[0]
        ranked = self.ranked
        return ranked[0].unit if ranked else None

    def note_for(self, unit_code: str) -> TieNote | None:
        """The note that places this unit below its neighbour with the same total."""
        return next((n for n in self.notes if n.lower.code == unit_code), None)


def criterion_value(name: str, score: UnitScore | None, ind: Indicators | None) -> float | None:
    if name in ("cluster_total", "self_total", "bonus_total", "deduction_total"):
        value = getattr(score, name) if score else None
    elif name in INDICATOR_NAMES:
        value = getattr(ind, name) if ind else None
    else:
        raise ValueError(f"unknown tie-break criterion {name!r}")
    return None if value is None else float(value)


def _criterion(name: str, score: UnitScore | None, ind: Indicators | None) -> float:
    """A criterion's value for sorting: a missing value is below every other."""
    value = criterion_value(name, score, ind)
    return float("-inf") if value is None else round(value, _PLACES)


def rank(units: Sequence[Unit], scores: Sequence[UnitScore], indicators: Sequence[Indicators],
         config: ScoringConfig, ballots: Sequence[Ballot] = (),
         groups: Sequence[ContentGroup] | None = None) -> Ranking:
    """The whole explained ranking (see the module docstring). With `groups`, a unit is ranked
    only when it has a cluster score in every one of them."""
    group_codes = [g.code for g in groups] if groups is not None else None

    def complete_card(s: UnitScore | None) -> bool:
        if s is None or s.cluster_total is None:
            return False
        if group_codes is None:
            return True
        have = {g.group_code for g in s.groups if g.cluster_points is not None}
        return bool(group_codes) and all(c in have for c in group_codes)

    by_unit = {s.unit_code: s for s in scores}
    ind_by_unit = {i.unit_code: i for i in indicators}
    criteria = ("cluster_total",) + tuple(c for c in config.tie_order if c in CRITERIA)

    def key(u: Unit) -> tuple[float, ...]:
        s, i = by_unit.get(u.code), ind_by_unit.get(u.code)
        return tuple(-_criterion(c, s, i) for c in criteria)

    complete = [u for u in units if complete_card(by_unit.get(u.code))]
    rest = sorted((u for u in units if u not in complete), key=lambda u: u.order)
    complete.sort(key=lambda u: (key(u), u.order))
    ranks: dict[str, int] = {}
    previous, current = None, 0
    for position, u in enumerate(complete, start=1):
        k = key(u)
        if k != previous:
            current, previous = position, k
        ranks[u.code] = current

    notes = tuple(_notes(complete, criteria, by_unit, ind_by_unit, ranks))
    tiers = tuple(t for t in config.tiers)
    by_score, quota_ties = _by_score(complete, ranks, tiers)
    results = {b.tier: _ballot(b, tiers, units, ranks, config) for b in ballots
               if any(t.code == b.tier for t in tiers)}

    def proposals(code: str) -> tuple[Unit, ...]:
        return results[code].elected if code in results else by_score.get(code, ())

    award_of: dict[str, AwardTier] = {}
    for tier in tiers:
        for u in proposals(tier.code):
            award_of.setdefault(u.code, tier)
    rows = tuple(
        RankedUnit(ranks.get(u.code), u, by_unit.get(u.code), ind_by_unit.get(u.code),
                   award_of[u.code].label if u.code in award_of else "",
                   award_of[u.code].code if u.code in award_of else "")
        for u in complete + rest)
    warnings = _warnings(rows, tiers, by_score, results, quota_ties, ranks, config, proposals)
    return Ranking(rows, notes, tiers, by_score, results, tuple(warnings))


def rank_units(units: Sequence[Unit], scores: Sequence[UnitScore],
               indicators: Sequence[Indicators], config: ScoringConfig) -> list[RankedUnit]:
    """Units with a complete cluster score ranked (ties share a rank); others listed last."""
    return list(rank(units, scores, indicators, config).rows)


def _notes(ordered: list[Unit], criteria: tuple[str, ...], by_unit, ind_by_unit, ranks):
    for upper, lower in zip(ordered, ordered[1:]):
        su, sl = by_unit[upper.code], by_unit[lower.code]
        total_u = round(su.cluster_total, _PLACES)
        if total_u != round(sl.cluster_total, _PLACES):
            continue
        for name in criteria[1:]:
            vu = criterion_value(name, su, ind_by_unit.get(upper.code))
            vl = criterion_value(name, sl, ind_by_unit.get(lower.code))
            if _criterion(name, su, ind_by_unit.get(upper.code)) != _criterion(name, sl, ind_by_unit.get(lower.code)):
                yield TieNote(upper, lower, su.cluster_total, name, vu, vl, ranks[lower.code])
                break
        else:
            yield TieNote(upper, lower, su.cluster_total, None, rank=ranks[lower.code])


def _by_score(ordered: list[Unit], ranks: dict[str, int], tiers: tuple[AwardTier, ...]):
    """Per tier the next `quota` ranked units; and per tier the units tied with its last one
    that the quota left out."""
    out: dict[str, tuple[Unit, ...]] = {}
    ties: dict[str, tuple[Unit, ...]] = {}
    position = 0
    for tier in tiers:
        quota = max(0, tier.quota)
        taken = ordered[position:position + quota]
        position += len(taken)
        out[tier.code] = tuple(taken)
        if taken:
            last = ranks[taken[-1].code]
            left = tuple(u for u in ordered[position:] if ranks[u.code] == last)
            if left:
                ties[tier.code] = (taken[-1],) + left
    return out, ties


def _ballot(ballot: Ballot, tiers: tuple[AwardTier, ...], units: Sequence[Unit],
            ranks: dict[str, int], config: ScoringConfig) -> BallotResult:
    tier = next(t for t in tiers if t.code == ballot.tier)
    by_code = {u.code: u for u in units}
    voters = max(0, ballot.voters)
    lines = []
    for code, votes in ballot.votes.items():
        unit = by_code.get(code)
        if unit is None:
            continue
        percent = 100.0 * votes / voters if voters else 0.0
        lines.append((unit, votes, percent, voters > 0 and votes * 100 > config.ballot_majority * voters))
    lines.sort(key=lambda x: (-x[1], ranks.get(x[0].code, 10**6), x[0].order))
    quota = max(0, tier.quota)
    elected_count = 0
    out = []
    for unit, votes, percent, passed in lines:
        elected = passed and elected_count < quota
        elected_count += elected
        out.append(BallotLine(unit, votes, percent, passed, elected))
    return BallotResult(tier, voters, tuple(out))


def _warnings(rows, tiers, by_score, results, quota_ties, ranks, config, proposals) -> list[Warning]:
    out: list[Warning] = []
    unranked = [r.unit.short_name for r in rows if r.rank is None]
    if unranked:
        out.append(Warning("missing_scores", tuple(unranked), params={"count": len(unranked)}))
    by_code = {r.unit.code: r for r in rows}
    if tiers and config.leader_must_top:
        first = proposals(tiers[0].code)
        if first and ranks.get(first[0].code) != 1:
            top = [r.unit.short_name for r in rows if r.rank == 1]
            out.append(Warning("leader_not_top", (first[0].short_name,), tiers[0].label,
                               {"top": ", ".join(top)}))
        tied_top = [r.unit.short_name for r in rows if r.rank == 1]
        if len(tied_top) > 1:
            out.append(Warning("top_tie", tuple(tied_top), tiers[0].label))
    for tier in tiers:
        chosen = proposals(tier.code)
        if tier.no_deduction:
            bad = [u.short_name for u in chosen if by_code[u.code].deduction_total < 0]
            if bad:
                out.append(Warning("deduction_proposed", tuple(bad), tier.label))
        unranked_chosen = [u.short_name for u in chosen if ranks.get(u.code) is None]
        if unranked_chosen:
            out.append(Warning("unranked_proposed", tuple(unranked_chosen), tier.label))
        if tier.code in results:
            result = results[tier.code]
            passed = [line for line in result.lines if line.passed]
            quota = max(0, tier.quota)
            if len(passed) > quota:
                edge = [line for line in passed if line.votes == passed[quota - 1].votes] if quota else []
                if len(edge) > 1 and any(not line.elected for line in edge):
                    out.append(Warning("ballot_tie", tuple(line.unit.short_name for line in edge), tier.label))
            if not result.elected:
                out.append(Warning("ballot_none", (), tier.label,
                                   {"majority": config.ballot_majority}))
        elif tier.code in quota_ties:
            out.append(Warning("quota_tie", tuple(u.short_name for u in quota_ties[tier.code]), tier.label,
                               {"quota": tier.quota}))
    seen: dict[str, str] = {}
    for tier in tiers:
        for u in proposals(tier.code):
            if u.code in seen:
                out.append(Warning("proposed_twice", (u.short_name,), tier.label, {"other": seen[u.code]}))
            else:
                seen[u.code] = tier.label
    return out


def chart_range(values: Sequence[float]) -> tuple[float, float]:
    """The scale of a bar chart of totals: from a whole number a little below the lowest value
    (not from zero, where 93 and 97 look the same) to a whole number at or above the highest."""
    import math

    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    span = high - low
    start = max(0.0, math.floor(low - max(1.0, span * 0.1)))
    end = float(math.ceil(high))
    if end <= start:
        end = start + 1.0
    return float(start), end
