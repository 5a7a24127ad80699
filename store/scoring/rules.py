"""The rules as data: the settings (total, tie-break order, lock date, ballot majority), the
content groups and their maxima, the bonus and deduction rules, the award tiers (removing a tier
clears its ballot). Group maxima make the totals: they change only while no unit is finalized."""

from __future__ import annotations

from typing import Any

from .. import validation
from ..domain import locked
from ..errors import ValidationError
from ..models import AdjustmentRule, AwardTier, ContentGroup, ScoringConfig
from ..models.scoring import CRITERIA
from wording.numbers import number as shown_number
from .ballots import BallotChanges
from .values import LABEL_MAX, POINTS_MAX, replaced, rule_field, rule_points, value_text


class RuleChanges(BallotChanges):
    """The rules as data (a ballot belongs to an award tier: removing the tier clears it)."""

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
        return self._save_config(old, replaced(old, award_tiers=old.tiers, **values))

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
            new = replaced(new, title=validation.text("group_title", title, max_len=LABEL_MAX, required=True))
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
            new = replaced(new, max_points=points)
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
                    work.put("scores", replaced(card, groups=tuple(g for g in card.groups if g.group_code != code)).to_doc())
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
        renumbered = [replaced(g, order=i) for i, g in enumerate(groups, start=1)]
        with self._work() as work:
            for g in renumbered:
                work.put("content_groups", g.to_doc())
            work.audit("scoring.group.move", code, {"order": index + 1}, {"order": target + 1})
        return tuple(renumbered)

    @locked
    def add_rule(self, kind: str, label: str, points: Any) -> AdjustmentRule:
        old = self.config()
        label = validation.text("rule_label", label, max_len=LABEL_MAX, required=True)
        value = rule_points(kind, points)
        field = rule_field(kind)
        taken = {r.code for r in old.bonus_rules + old.deduction_rules}
        prefix = "B" if kind == "bonus" else "D"
        number = len(taken) + 1
        while f"{prefix}{number}" in taken:
            number += 1
        rule = AdjustmentRule(f"{prefix}{number}", label, value)
        self._save_config(old, replaced(old, award_tiers=old.tiers, **{field: getattr(old, field) + (rule,)}))
        return rule

    @locked
    def update_rule(self, kind: str, code: str, *, label: Any = None, points: Any = None) -> AdjustmentRule:
        old = self.config()
        rule = self._rule(kind, code)
        new = rule
        if label is not None:
            new = replaced(new, label=validation.text("rule_label", label, max_len=LABEL_MAX, required=True))
        if points is not None:
            new = replaced(new, points=rule_points(kind, points))
        field = rule_field(kind)
        rules = tuple(new if r.code == code else r for r in getattr(old, field))
        self._save_config(old, replaced(old, award_tiers=old.tiers, **{field: rules}))
        return new

    @locked
    def remove_rule(self, kind: str, code: str) -> AdjustmentRule:
        old = self.config()
        rule = self._rule(kind, code)
        field = rule_field(kind)
        self._save_config(old, replaced(old, award_tiers=old.tiers,
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
        self._save_config(old, replaced(old, award_tiers=tiers + (tier,)))
        return tier

    @locked
    def update_tier(self, code: str, *, label: Any = None, quota: Any = None,
                    no_deduction: Any = None) -> AwardTier:
        old = self.config()
        tier = self._tier(code)
        new = tier
        if label is not None:
            new = replaced(new, label=validation.text("tier_label", label, max_len=LABEL_MAX, required=True))
        if quota is not None:
            new = replaced(new, quota=validation.integer("tier_quota", quota, low=0, high=1000))
        if no_deduction is not None:
            new = replaced(new, no_deduction=validation.boolean("no_deduction", no_deduction))
        self._save_config(old, replaced(old, award_tiers=tuple(new if t.code == code else t for t in old.tiers)))
        return new

    @locked
    def remove_tier(self, code: str) -> AwardTier:
        old = self.config()
        tier = self._tier(code)
        self._save_config(old, replaced(old, award_tiers=tuple(t for t in old.tiers if t.code != code)))
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
        return self._save_config(old, replaced(old, award_tiers=tuple(tiers))).tiers

    # ---- inside ---------------------------------------------------------------------------

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
