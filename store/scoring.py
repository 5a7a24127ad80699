"""Scoring: the rules as data (content groups, bonus and deduction rules, tie-break order, award
tiers, the lock date and its warning period, the ballot majority), each unit's scores (own and
cluster per group, bonuses and deductions with reasons, indicators), finalizing and reopening,
ballots, and the explained ranking (`store.ranking`).

Every change is one unit of work: validated first (a `ValidationError` with a reason code,
nothing changed), written durably, audited, returning frozen values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from . import errors, ranking, validation
from .domain import Domain, locked
from .errors import NotFoundError, ValidationError
from .models import (
    Adjustment, AdjustmentRule, AwardTier, Ballot, ContentGroup, GroupScore, Indicators,
    ScoringConfig, UnitScore,
)
from .models.scoring import CRITERIA, INDICATOR_NAMES
from .vnformat import number as shown_number

_register = getattr(errors, "register_reasons", None) or errors.REASONS.update
_register({
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
})

#: the largest number of points a group, a rule or the total may have
POINTS_MAX = 1000.0
LABEL_MAX = 300
REASON_MAX = 500
SIDES = ("self", "cluster")
KINDS = ("bonus", "deduction")


@dataclass(frozen=True)
class DeadlineWarning:
    """The lock date is near (`days_left` >= 0) or past (< 0) and these units are not finalized."""

    lock_date: str
    days_left: int
    units: tuple[str, ...]


class ScoringDomain(Domain):
    # ---- reads ---------------------------------------------------------------------------

    @locked
    def content_groups(self) -> tuple[ContentGroup, ...]:
        return tuple(sorted(self._records.objects("content_groups").values(), key=lambda g: (g.order, g.code)))

    @locked
    def config(self) -> ScoringConfig:
        return self._records.single("scoring_config") or ScoringConfig()

    @locked
    def scores(self) -> tuple[UnitScore, ...]:
        return tuple(self._records.objects("scores").values())

    @locked
    def score(self, unit_code: str) -> UnitScore:
        """The unit's scores (an empty card for a member unit never scored)."""
        self._unit(unit_code)
        return self._records.objects("scores").get(unit_code) or UnitScore(unit_code)

    @locked
    def indicators(self) -> tuple[Indicators, ...]:
        return tuple(self._records.objects("indicators").values())

    @locked
    def indicator(self, unit_code: str) -> Indicators:
        self._unit(unit_code)
        return self._records.objects("indicators").get(unit_code) or Indicators(unit_code)

    @locked
    def ballots(self) -> tuple[Ballot, ...]:
        return tuple(self._records.objects("ballots").values())

    @locked
    def table(self) -> ranking.Ranking:
        """The whole explained ranking: ranks, tie-break notes, proposals, warnings, ballots."""
        units = tuple(sorted(self._records.objects("units").values(), key=lambda u: (u.order, u.code)))
        return ranking.rank(units, self.scores(), self.indicators(), self.config(), self.ballots(),
                            self.content_groups())

    @locked
    def ranking(self) -> tuple[ranking.RankedUnit, ...]:
        """The ranked units best first (each `.rank`, `.unit`, `.total`, `.award`); units whose
        cluster scores are incomplete have no rank and are left out."""
        return self.table().ranked

    @locked
    def groups_sum(self) -> float:
        return float(sum(g.max_points for g in self.content_groups()))

    @locked
    def deadline_warning(self, today: dt.date | None = None) -> DeadlineWarning | None:
        """Within the warning period before the lock date (or after it), the units whose scores
        are not finalized; None outside it or when every unit is finalized."""
        cfg = self.config()
        if not cfg.lock_date:
            return None
        try:
            due = dt.date.fromisoformat(cfg.lock_date)
        except ValueError:
            return None
        today = today or self._records.now().date()
        days_left = (due - today).days
        if days_left > max(0, cfg.lock_warning_days):
            return None
        scores = self._records.objects("scores")
        units = sorted(self._records.objects("units").values(), key=lambda u: u.order)
        open_units = tuple(u.short_name for u in units if not (scores.get(u.code) and scores[u.code].locked))
        if not open_units:
            return None
        return DeadlineWarning(cfg.lock_date, days_left, open_units)

    # ---- scores ----------------------------------------------------------------------------

    @locked
    def set_points(self, unit_code: str, group_code: str, side: str, value: Any) -> UnitScore:
        """Set (or clear, with None or "") a unit's own ("self") or cluster score in a group.
        Text may use a decimal comma or dot."""
        old = self._open_score(unit_code)
        group = self._group(group_code)
        if side not in SIDES:
            raise ValidationError("score_side", "one_of", allowed=", ".join(SIDES))
        points = points_value(f"{side}_points", value, group.max_points)
        new = _with_points(old, self.content_groups(), group_code, side, points)
        if new == old:
            return old
        with self._work() as work:
            work.put("scores", new.to_doc())
            work.audit("score.set", unit_code, {"group": group_code, side: _points_of(old, group_code, side)},
                       {"group": group_code, side: points})
        return new

    @locked
    def add_adjustment(self, unit_code: str, kind: str, rule_code: str, reason: str) -> UnitScore:
        """Give a unit a bonus or a deduction chosen from the rules, with its reason."""
        old = self._open_score(unit_code)
        rule = self._rule(kind, rule_code)
        reason = validation.text("score_reason", reason, max_len=REASON_MAX, required=True)
        adj = Adjustment(points=rule.points, reason=reason, rule_code=rule.code)
        field = "bonuses" if kind == "bonus" else "deductions"
        new = _replace(old, **{field: getattr(old, field) + (adj,)})
        with self._work() as work:
            work.put("scores", new.to_doc())
            work.audit("score.adjust", unit_code, None, {"kind": kind, **adj.to_doc()})
        return new

    @locked
    def remove_adjustment(self, unit_code: str, kind: str, index: int) -> UnitScore:
        old = self._open_score(unit_code)
        if kind not in KINDS:
            raise ValidationError("adjustment_kind", "one_of", allowed=", ".join(KINDS))
        field = "bonuses" if kind == "bonus" else "deductions"
        items = getattr(old, field)
        if not 0 <= index < len(items):
            raise NotFoundError(f"{unit_code} has no {kind} number {index + 1}")
        new = _replace(old, **{field: items[:index] + items[index + 1:]})
        with self._work() as work:
            work.put("scores", new.to_doc())
            work.audit("score.unadjust", unit_code, {"kind": kind, **items[index].to_doc()}, None)
        return new

    @locked
    def set_indicator(self, unit_code: str, name: str, value: Any) -> Indicators:
        """Set one of the four indicators (models, schemes, resolutions, regulations)."""
        self._open_score(unit_code)
        if name not in INDICATOR_NAMES:
            raise ValidationError("indicator", "one_of", allowed=", ".join(INDICATOR_NAMES))
        count = validation.integer(name, value, low=0, high=100_000)
        old = self.indicator(unit_code)
        new = Indicators.from_doc({**old.to_doc(), name: count})
        if new == old:
            return old
        with self._work() as work:
            work.put("indicators", new.to_doc())
            work.audit("indicator.set", unit_code, {name: getattr(old, name)}, {name: count})
        return new

    @locked
    def import_scores(self, rows: Sequence[tuple[str, str, str, float | None]],
                      indicators: Sequence[tuple[str, str, int]] = (), *, source: str = "") -> int:
        """Many scores in one durable write, all or nothing: rows of (unit, group, side, points),
        indicators as (unit, name, count). Returns how many values changed."""
        groups = self.content_groups()
        by_group = {g.code: g for g in groups}
        cards: dict[str, UnitScore] = {}
        counts: dict[str, Indicators] = {}
        changed = 0
        for i, (unit_code, group_code, side, value) in enumerate(rows, start=1):
            card = cards.get(unit_code) or self._open_score(unit_code)
            group = by_group.get(group_code)
            if group is None:
                raise ValidationError("score_group", "score_group_unknown", row=i, group=group_code)
            points = points_value(f"{side}_points", value, group.max_points)
            new = _with_points(card, groups, group_code, side, points)
            changed += new != card
            cards[unit_code] = new
        for unit_code, name, count in indicators:
            self._open_score(unit_code)
            old = counts.get(unit_code) or self.indicator(unit_code)
            count = validation.integer(name, count, low=0, high=100_000)
            new_ind = Indicators.from_doc({**old.to_doc(), name: count})
            changed += new_ind != old
            counts[unit_code] = new_ind
        if not changed:
            return 0
        with self._work() as work:
            for card in cards.values():
                work.put("scores", card.to_doc())
            for ind in counts.values():
                work.put("indicators", ind.to_doc())
            work.audit("score.import", source, None, {"units": sorted(set(cards) | set(counts)),
                                                      "values": changed})
        return changed

    # ---- finalize and reopen ----------------------------------------------------------------

    @locked
    def finalize(self, unit_codes: Iterable[str] | None = None) -> tuple[UnitScore, ...]:
        """Lock the scores of these units (all units when None). Refused while the groups'
        maxima do not add up to the total, or when a unit lacks a cluster score somewhere."""
        cfg = self.config()
        total = self.groups_sum()
        if round(total, 6) != round(cfg.total_max, 6):
            raise ValidationError("total_max", "score_groups_not_total", sum=shown_number(total),
                                  total=shown_number(cfg.total_max))
        units = sorted(self._records.objects("units").values(), key=lambda u: u.order)
        chosen = [u for u in units if unit_codes is None or u.code in set(unit_codes)]
        if unit_codes is not None:
            for code in unit_codes:
                self._unit(code)
        groups = self.content_groups()
        cards = [(u, self._records.objects("scores").get(u.code) or UnitScore(u.code)) for u in chosen]
        missing = [u.short_name for u, card in cards if not _complete(card, groups)]
        if missing:
            raise ValidationError("scores", "scores_incomplete", units=", ".join(missing))
        to_lock = [card for _u, card in cards if not card.locked]
        if not to_lock:
            return ()
        stamp = self._records.now().isoformat(timespec="seconds")
        locked_cards = tuple(_replace(card, locked=True, locked_at=stamp) for card in to_lock)
        with self._work() as work:
            for card in locked_cards:
                work.put("scores", card.to_doc())
            work.audit("score.finalize", "scores", None,
                       {"units": [c.unit_code for c in locked_cards], "at": stamp,
                        "totals": {c.unit_code: c.cluster_total for c in locked_cards}})
        return locked_cards

    @locked
    def reopen(self, unit_code: str, reason: str) -> UnitScore:
        """Unlock a finalized unit's scores; the reason is required and audited."""
        self._unit(unit_code)
        reason = validation.text("score_reason", reason, max_len=REASON_MAX, required=True)
        old = self._records.objects("scores").get(unit_code)
        if old is None or not old.locked:
            raise ValidationError("scores", "scores_not_locked", unit=self._unit(unit_code).short_name)
        new = _replace(old, locked=False, locked_at=None)
        with self._work() as work:
            work.put("scores", new.to_doc())
            work.audit("score.reopen", unit_code, {"locked_at": old.locked_at}, {"reason": reason})
        return new

    # ---- rules -----------------------------------------------------------------------------

    @locked
    def set_config(self, **changes: Any) -> ScoringConfig:
        """Change settings of the rules: total_max, tie_break, leader_must_top, lock_date,
        lock_warning_days, ballot_majority."""
        old = self.config()
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name == "total_max":
                total = validation.number(name, value, low=0.25, high=POINTS_MAX)
                if self._any_locked():
                    raise ValidationError(name, "scores_locked", unit=self._locked_names())
                values[name] = total
            elif name == "tie_break":
                order = tuple(value)
                for c in order:
                    if c not in CRITERIA:
                        raise ValidationError(name, "score_criterion_unknown", value=repr(c))
                values[name] = ("cluster_total",) + tuple(dict.fromkeys(c for c in order if c != "cluster_total"))
            elif name == "leader_must_top":
                values[name] = validation.boolean(name, value)
            elif name == "lock_date":
                values[name] = validation.date(name, value) or ""
            elif name == "lock_warning_days":
                values[name] = validation.integer(name, value, low=0, high=365)
            elif name == "ballot_majority":
                values[name] = validation.number(name, value, low=0, high=100)
            else:
                raise ValidationError(name, "one_of", allowed="total_max, tie_break, leader_must_top, "
                                      "lock_date, lock_warning_days, ballot_majority")
        return self._save_config(old, _replace(old, award_tiers=old.tiers, **values))

    @locked
    def add_group(self, title: str, max_points: Any) -> ContentGroup:
        self._rules_open()
        title = validation.text("group_title", title, max_len=LABEL_MAX, required=True)
        points = validation.number("max_points", value_text(max_points), low=0.25, high=POINTS_MAX)
        self._check_sum(points)
        groups = self.content_groups()
        with self._work() as work:
            code = self._free_code(work, "content_groups", "N")
            group = ContentGroup(code, max((g.order for g in groups), default=0) + 1, title, points)
            work.put("content_groups", group.to_doc())
            work.audit("scoring.group.add", code, None, group.to_doc())
        return group

    @locked
    def update_group(self, code: str, *, title: Any = None, max_points: Any = None) -> ContentGroup:
        old = self._group(code)
        new = old
        if title is not None:
            new = _replace(new, title=validation.text("group_title", title, max_len=LABEL_MAX, required=True))
        if max_points is not None:
            points = validation.number("max_points", value_text(max_points), low=0.25, high=POINTS_MAX)
            if points != old.max_points:
                self._rules_open()
                self._check_sum(points - old.max_points)
                for card in self.scores():
                    gs = card.group(code)
                    for value in ((gs.self_points, gs.cluster_points) if gs else ()):
                        if value is not None and value > points:
                            raise ValidationError("max_points", "score_max_below",
                                                  unit=self._unit(card.unit_code).short_name,
                                                  points=shown_number(value))
            new = _replace(new, max_points=points)
        if new == old:
            return old
        with self._work() as work:
            work.put("content_groups", new.to_doc())
            work.audit("scoring.group.edit", code, old.to_doc(), new.to_doc())
        return new

    @locked
    def remove_group(self, code: str) -> ContentGroup:
        old = self._group(code)
        self._rules_open()
        scored = [c for c in self.scores() if (gs := c.group(code)) and
                  (gs.self_points is not None or gs.cluster_points is not None)]
        if scored:
            raise ValidationError("score_group", "score_group_scored", count=len(scored))
        with self._work() as work:
            work.remove("content_groups", code)
            for card in self.scores():
                if card.group(code):
                    work.put("scores", _replace(card, groups=tuple(g for g in card.groups if g.group_code != code)).to_doc())
            work.audit("scoring.group.remove", code, old.to_doc(), None)
        return old

    @locked
    def move_group(self, code: str, delta: int) -> tuple[ContentGroup, ...]:
        """Move a group up (delta -1) or down (+1) in the covenant's order."""
        groups = list(self.content_groups())
        index = next((i for i, g in enumerate(groups) if g.code == code), None)
        if index is None:
            raise ValidationError("score_group", "score_group_unknown", group=code)
        target = index + delta
        if not 0 <= target < len(groups) or delta == 0:
            return tuple(groups)
        groups.insert(target, groups.pop(index))
        renumbered = [_replace(g, order=i) for i, g in enumerate(groups, start=1)]
        with self._work() as work:
            for g in renumbered:
                work.put("content_groups", g.to_doc())
            work.audit("scoring.group.move", code, {"order": index + 1}, {"order": target + 1})
        return tuple(renumbered)

    @locked
    def add_rule(self, kind: str, label: str, points: Any) -> AdjustmentRule:
        old = self.config()
        label = validation.text("rule_label", label, max_len=LABEL_MAX, required=True)
        value = _rule_points(kind, points)
        field = _rule_field(kind)
        taken = {r.code for r in old.bonus_rules + old.deduction_rules}
        prefix = "B" if kind == "bonus" else "D"
        number = len(taken) + 1
        while f"{prefix}{number}" in taken:
            number += 1
        rule = AdjustmentRule(f"{prefix}{number}", label, value)
        self._save_config(old, _replace(old, award_tiers=old.tiers, **{field: getattr(old, field) + (rule,)}))
        return rule

    @locked
    def update_rule(self, kind: str, code: str, *, label: Any = None, points: Any = None) -> AdjustmentRule:
        old = self.config()
        rule = self._rule(kind, code)
        new = rule
        if label is not None:
            new = _replace(new, label=validation.text("rule_label", label, max_len=LABEL_MAX, required=True))
        if points is not None:
            new = _replace(new, points=_rule_points(kind, points))
        field = _rule_field(kind)
        rules = tuple(new if r.code == code else r for r in getattr(old, field))
        self._save_config(old, _replace(old, award_tiers=old.tiers, **{field: rules}))
        return new

    @locked
    def remove_rule(self, kind: str, code: str) -> AdjustmentRule:
        old = self.config()
        rule = self._rule(kind, code)
        field = _rule_field(kind)
        self._save_config(old, _replace(old, award_tiers=old.tiers,
                                        **{field: tuple(r for r in getattr(old, field) if r.code != code)}))
        return rule

    @locked
    def add_tier(self, label: str, quota: Any, no_deduction: Any = False) -> AwardTier:
        old = self.config()
        tiers = old.tiers
        label = validation.text("tier_label", label, max_len=LABEL_MAX, required=True)
        quota = validation.integer("tier_quota", quota, low=0, high=1000)
        taken = {t.code for t in tiers}
        number = len(tiers) + 1
        while f"T{number}" in taken:
            number += 1
        tier = AwardTier(f"T{number}", label, quota, validation.boolean("no_deduction", no_deduction))
        self._save_config(old, _replace(old, award_tiers=tiers + (tier,)))
        return tier

    @locked
    def update_tier(self, code: str, *, label: Any = None, quota: Any = None,
                    no_deduction: Any = None) -> AwardTier:
        old = self.config()
        tier = self._tier(code)
        new = tier
        if label is not None:
            new = _replace(new, label=validation.text("tier_label", label, max_len=LABEL_MAX, required=True))
        if quota is not None:
            new = _replace(new, quota=validation.integer("tier_quota", quota, low=0, high=1000))
        if no_deduction is not None:
            new = _replace(new, no_deduction=validation.boolean("no_deduction", no_deduction))
        self._save_config(old, _replace(old, award_tiers=tuple(new if t.code == code else t for t in old.tiers)))
        return new

    @locked
    def remove_tier(self, code: str) -> AwardTier:
        old = self.config()
        tier = self._tier(code)
        self._save_config(old, _replace(old, award_tiers=tuple(t for t in old.tiers if t.code != code)))
        if self._records.has("ballots", code):
            self.clear_ballot(code)
        return tier

    @locked
    def move_tier(self, code: str, delta: int) -> tuple[AwardTier, ...]:
        old = self.config()
        tiers = list(old.tiers)
        index = next((i for i, t in enumerate(tiers) if t.code == code), None)
        if index is None:
            raise ValidationError("award_tier", "score_tier_unknown", tier=code)
        target = index + delta
        if not 0 <= target < len(tiers) or delta == 0:
            return tuple(tiers)
        tiers.insert(target, tiers.pop(index))
        return self._save_config(old, _replace(old, award_tiers=tuple(tiers))).tiers

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
            raise NotFoundError(f"no ballot for {tier_code!r}")
        with self._work() as work:
            work.remove("ballots", tier_code)
            work.audit("ballot.clear", tier_code, old.to_doc(), None)

    # ---- helpers ---------------------------------------------------------------------------

    def _unit(self, code: str):
        unit = self._records.objects("units").get(code)
        if unit is None:
            raise ValidationError("unit", "unknown_unit", unit=code)
        return unit

    def _group(self, code: str) -> ContentGroup:
        group = self._records.objects("content_groups").get(code)
        if group is None:
            raise ValidationError("score_group", "score_group_unknown", group=code)
        return group

    def _rule(self, kind: str, code: str) -> AdjustmentRule:
        if kind not in KINDS:
            raise ValidationError("adjustment_kind", "one_of", allowed=", ".join(KINDS))
        rule = next((r for r in getattr(self.config(), _rule_field(kind)) if r.code == code), None)
        if rule is None:
            raise ValidationError("score_rule", "score_rule_unknown", rule=code)
        return rule

    def _tier(self, code: str) -> AwardTier:
        tier = next((t for t in self.config().tiers if t.code == code), None)
        if tier is None:
            raise ValidationError("award_tier", "score_tier_unknown", tier=code)
        return tier

    def _open_score(self, unit_code: str) -> UnitScore:
        unit = self._unit(unit_code)
        card = self._records.objects("scores").get(unit_code) or UnitScore(unit_code)
        if card.locked:
            raise ValidationError("scores", "scores_locked", unit=unit.short_name)
        return card

    def _any_locked(self) -> bool:
        return any(c.locked for c in self.scores())

    def _locked_names(self) -> str:
        units = self._records.objects("units")
        return ", ".join(units[c.unit_code].short_name if c.unit_code in units else c.unit_code
                         for c in self.scores() if c.locked)

    def _rules_open(self) -> None:
        """Group maxima make the totals: they change only while no unit is finalized."""
        if self._any_locked():
            raise ValidationError("max_points", "scores_locked", unit=self._locked_names())

    def _check_sum(self, extra: float) -> None:
        total, cfg = self.groups_sum() + extra, self.config()
        if round(total, 6) > round(cfg.total_max, 6):
            raise ValidationError("max_points", "score_groups_over_total", sum=shown_number(total),
                                  total=shown_number(cfg.total_max))

    def _save_config(self, old: ScoringConfig, new: ScoringConfig) -> ScoringConfig:
        if new == old:
            return old
        with self._work() as work:
            work.put("scoring_config", new.to_doc())
            work.audit("scoring.config", "scoring_config", old.to_doc(), new.to_doc())
        return new

    def _free_code(self, work, table: str, prefix: str) -> str:
        while True:
            code = work.new_code(table, prefix, width=1)
            if not self._records.has(table, code):
                return code


# ---- pure helpers -------------------------------------------------------------------------


def value_text(value: Any) -> Any:
    """A typed number with a decimal comma read as with a dot ("95,75" -> "95.75")."""
    return value.strip().replace(",", ".") if isinstance(value, str) else value


def points_value(field: str, value: Any, max_points: float) -> float | None:
    """A score typed or read: None/"" clears it; otherwise a number, not negative, not above
    the group's maximum, with at most two decimals."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        try:
            from .vnformat import parse_number
            value = parse_number(text)
        except ValueError:
            raise ValidationError(field, "number") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value \
            or value in (float("inf"), float("-inf")):
        raise ValidationError(field, "number")
    if value < 0:
        raise ValidationError(field, "score_negative")
    if value > max_points:
        raise ValidationError(field, "score_above_max", max=shown_number(max_points))
    if abs(round(value, 2) - value) > 1e-9:
        raise ValidationError(field, "score_places")
    return float(round(value, 2))


def _rule_field(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError("adjustment_kind", "one_of", allowed=", ".join(KINDS))
    return "bonus_rules" if kind == "bonus" else "deduction_rules"


def _rule_points(kind: str, points: Any) -> float:
    value = validation.number("rule_points", value_text(points), low=-POINTS_MAX, high=POINTS_MAX)
    if kind == "bonus" and value <= 0:
        raise ValidationError("rule_points", "score_rule_bonus_sign")
    if kind == "deduction":
        value = -abs(value)  # a deduction typed as "1" or "-1" takes one point off
        if value == 0:
            raise ValidationError("rule_points", "score_rule_deduction_sign")
    return value


def _replace(record, **changes):
    return type(record).from_doc({**record.to_doc(), **{k: _doc(v) for k, v in changes.items()}})


def _doc(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_doc(v) for v in value]
    if hasattr(value, "to_doc"):
        return value.to_doc()
    return value


def _points_of(card: UnitScore, group_code: str, side: str) -> float | None:
    gs = card.group(group_code)
    return getattr(gs, f"{side}_points") if gs else None


def _with_points(card: UnitScore, groups: Sequence[ContentGroup], group_code: str, side: str,
                 points: float | None) -> UnitScore:
    """The card with one value set; its groups kept in the covenant's order, one per group."""
    if side not in SIDES:
        raise ValidationError("score_side", "one_of", allowed=", ".join(SIDES))
    by_code = {g.group_code: g for g in card.groups}
    old = by_code.get(group_code) or GroupScore(group_code)
    by_code[group_code] = _replace(old, **{f"{side}_points": points})
    order = [g.code for g in groups] + [c for c in by_code if c not in {g.code for g in groups}]
    return _replace(card, groups=tuple(by_code[c] for c in order if c in by_code))


def _complete(card: UnitScore, groups: Sequence[ContentGroup]) -> bool:
    return bool(groups) and all((gs := card.group(g.code)) is not None and gs.cluster_points is not None
                                for g in groups)
