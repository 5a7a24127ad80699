"""The ranking, explained, against hand-worked cases: shared ranks, tie-break notes (three-way
ties included), missing scores, proposals by quota, warnings and ballots."""

from __future__ import annotations

from store.models import ranking
from store.models import (
    Adjustment, AwardTier, Ballot, ContentGroup, GroupScore, Indicators, ScoringConfig, Unit, UnitScore,
)

GROUPS = (ContentGroup("G1", 1, "Một", 60.0), ContentGroup("G2", 2, "Hai", 40.0))
NAMES = ("Hà Nội", "Phú Thọ", "Vĩnh Phúc", "Tuyên Quang", "Hòa Bình", "Sơn La")
UNITS = tuple(Unit(f"U{i}", i, f"Ban Tổ chức {n}", n) for i, n in enumerate(NAMES, start=1))
TIERS = (AwardTier("FLAG", "Cờ thi đua", 1, no_deduction=True), AwardTier("MERIT", "Bằng khen", 2))
CONFIG = ScoringConfig(tie_break=("cluster_total", "bonus_total", "models", "self_total"), award_tiers=TIERS)


def card(code: str, g1: float | None, g2: float | None, *, own: tuple = (None, None),
         bonus: float = 0, deduction: float = 0) -> UnitScore:
    return UnitScore(
        code, (GroupScore("G1", own[0], g1), GroupScore("G2", own[1], g2)),
        (Adjustment(bonus, "thưởng", "B1"),) if bonus else (),
        (Adjustment(deduction, "trừ", "D1"),) if deduction else ())


def models(**counts: int) -> list[Indicators]:
    return [Indicators(code, models=n) for code, n in counts.items()]


def by_name(result: ranking.Ranking) -> list[tuple[int | None, str]]:
    return [(r.rank, r.unit.short_name) for r in result.rows]


def test_plain_order_and_missing_scores_last():
    scores = [card("U1", 55, 38), card("U2", 50, 30), card("U3", 58, 39.75), card("U4", 50, None)]
    result = ranking.rank(UNITS, scores, [], CONFIG, groups=GROUPS)
    # U4 lacks a cluster score in G2; U5 and U6 have none: no rank, listed last in unit order
    assert by_name(result) == [(1, "Vĩnh Phúc"), (2, "Hà Nội"), (3, "Phú Thọ"),
                               (None, "Tuyên Quang"), (None, "Hòa Bình"), (None, "Sơn La")]
    assert [r.total for r in result.ranked] == [97.75, 93.0, 80.0]
    assert result.notes == ()
    missing = [w for w in result.warnings if w.code == "missing_scores"]
    assert missing and missing[0].units == ("Tuyên Quang", "Hòa Bình", "Sơn La")


def test_same_total_separated_by_bonus_then_models():
    # Phú Thọ 85,75 + 10 bonus = 95,75; Hòa Bình 95,75 without bonus: "hơn điểm thưởng"
    scores = [card("U2", 50.75, 35, bonus=10), card("U5", 56, 39.75), card("U1", 55, 30)]
    result = ranking.rank(UNITS, scores, models(U2=1, U5=5), CONFIG, groups=GROUPS)
    assert by_name(result)[:3] == [(1, "Phú Thọ"), (2, "Hòa Bình"), (3, "Hà Nội")]
    [note] = result.notes
    assert (note.upper.short_name, note.lower.short_name, note.total) == ("Phú Thọ", "Hòa Bình", 95.75)
    assert (note.criterion, note.upper_value, note.lower_value) == ("bonus_total", 10.0, 0.0)
    assert result.note_for("U5") is note and result.note_for("U2") is None


def test_three_way_tie_one_separated_two_sharing_a_rank():
    # three units on 90: Sơn La has more models; Hà Nội and Vĩnh Phúc are equal on every
    # criterion (no bonus, same models, no own score): they share rank 2, next is 4
    scores = [card("U1", 50, 40), card("U3", 55, 35), card("U6", 60, 30), card("U2", 50, 39)]
    result = ranking.rank(UNITS, scores, models(U1=3, U3=3, U6=4), CONFIG, groups=GROUPS)
    assert by_name(result)[:4] == [(1, "Sơn La"), (2, "Hà Nội"), (2, "Vĩnh Phúc"), (4, "Phú Thọ")]
    first, second = result.notes
    assert (first.upper.short_name, first.lower.short_name, first.criterion) == ("Sơn La", "Hà Nội", "models")
    assert (second.upper.short_name, second.lower.short_name, second.criterion, second.rank) == (
        "Hà Nội", "Vĩnh Phúc", None, 2)


def test_three_way_tie_separated_down_the_order():
    # all 90, same bonus (0) and models: the own score (self_total) decides between each pair
    scores = [card("U1", 50, 40, own=(55, 40)), card("U2", 50, 40, own=(59, 40)),
              card("U3", 50, 40, own=(50, 40))]
    result = ranking.rank(UNITS, scores, [], CONFIG, groups=GROUPS)
    assert by_name(result)[:3] == [(1, "Phú Thọ"), (2, "Hà Nội"), (3, "Vĩnh Phúc")]
    assert [(n.upper.short_name, n.lower.short_name, n.criterion) for n in result.notes] == [
        ("Phú Thọ", "Hà Nội", "self_total"), ("Hà Nội", "Vĩnh Phúc", "self_total")]


def test_missing_own_score_loses_a_self_total_tie_break():
    scores = [card("U1", 50, 40), card("U2", 50, 40, own=(10, 10))]
    result = ranking.rank(UNITS, scores, [], CONFIG, groups=GROUPS)
    assert by_name(result)[:2] == [(1, "Phú Thọ"), (2, "Hà Nội")]
    assert result.notes[0].criterion == "self_total" and result.notes[0].lower_value is None


def test_configured_order_decides():
    scores = [card("U1", 50, 40, own=(60, 40)), card("U2", 50, 40)]
    inds = models(U1=1, U2=9)
    by_models = ranking.rank(UNITS, scores, inds, CONFIG, groups=GROUPS)
    by_self = ranking.rank(UNITS, scores, inds, ScoringConfig(tie_break=("self_total", "models"),
                                                               award_tiers=TIERS), groups=GROUPS)
    assert by_name(by_models)[0] == (1, "Phú Thọ") and by_name(by_self)[0] == (1, "Hà Nội")


def test_proposals_by_quota_and_warnings():
    # the top unit has a deduction: still proposed for the flag by score, with a warning;
    # a tie at the merit quota's edge is named
    scores = [card("U1", 60, 40, deduction=-1), card("U2", 55, 38), card("U3", 50, 30),
              card("U4", 50, 30), card("U5", 40, 30)]
    result = ranking.rank(UNITS, scores, [], CONFIG, groups=GROUPS)
    assert [u.short_name for u in result.proposals("FLAG")] == ["Hà Nội"]
    assert [u.short_name for u in result.proposals("MERIT")] == ["Phú Thọ", "Vĩnh Phúc"]
    assert result.leader.short_name == "Hà Nội"
    codes = {w.code: w for w in result.warnings}
    assert codes["deduction_proposed"].units == ("Hà Nội",) and codes["deduction_proposed"].tier == "Cờ thi đua"
    assert codes["quota_tie"].units == ("Vĩnh Phúc", "Tuyên Quang")
    assert "leader_not_top" not in codes
    rows = {r.unit.short_name: r.award for r in result.rows}
    assert rows["Hà Nội"] == "Cờ thi đua" and rows["Phú Thọ"] == "Bằng khen" and rows["Hòa Bình"] == ""


def test_tied_leaders_are_named():
    scores = [card("U1", 50, 40), card("U2", 50, 40)]
    result = ranking.rank(UNITS, scores, [], CONFIG, groups=GROUPS)
    top = [w for w in result.warnings if w.code == "top_tie"]
    assert top and top[0].units == ("Hà Nội", "Phú Thọ")


def test_ballot_majority_quota_and_leader_rule():
    scores = [card("U1", 60, 40), card("U2", 55, 38), card("U3", 50, 30)]
    # 14 valid ballots: more than 50% needed (8); Phú Thọ elected for the flag although Hà Nội
    # has the highest score: the ballot's result is the proposal, with a warning
    ballots = [Ballot("FLAG", 14, {"U2": 9, "U1": 5}),
               Ballot("MERIT", 14, {"U1": 12, "U3": 7, "U2": 2})]
    result = ranking.rank(UNITS, scores, [], CONFIG, ballots, groups=GROUPS)
    flag = result.ballots["FLAG"]
    assert [(line.unit.short_name, line.votes, line.passed, line.elected) for line in flag.lines] == [
        ("Phú Thọ", 9, True, True), ("Hà Nội", 5, False, False)]
    assert round(flag.lines[0].percent, 2) == 64.29
    assert [u.short_name for u in result.proposals("FLAG")] == ["Phú Thọ"]
    # 7 of 14 is exactly half, not more: not elected
    assert [u.short_name for u in result.proposals("MERIT")] == ["Hà Nội"]
    assert result.leader.short_name == "Phú Thọ"
    codes = {w.code: w for w in result.warnings}
    assert codes["leader_not_top"].units == ("Phú Thọ",) and codes["leader_not_top"].params["top"] == "Hà Nội"
    # the score's own proposals are kept beside the ballot's
    assert [u.short_name for u in result.by_score["FLAG"]] == ["Hà Nội"]


def test_ballot_tie_at_quota_and_nobody_elected():
    scores = [card("U1", 60, 40), card("U2", 55, 38), card("U3", 50, 30)]
    tiers = (AwardTier("FLAG", "Cờ thi đua", 1), AwardTier("MERIT", "Bằng khen", 1))
    cfg = ScoringConfig(award_tiers=tiers)
    ballots = [Ballot("FLAG", 10, {"U1": 3}), Ballot("MERIT", 10, {"U2": 6, "U3": 6})]
    result = ranking.rank(UNITS, scores, [], cfg, ballots, groups=GROUPS)
    codes = {w.code: w for w in result.warnings}
    assert codes["ballot_none"].tier == "Cờ thi đua"
    assert codes["ballot_tie"].units == ("Phú Thọ", "Vĩnh Phúc")
    # nobody elected for the flag: the leading unit falls back to the first ranked
    assert result.leader.short_name == "Hà Nội"


def test_legacy_quotas_read_as_two_tiers():
    old = ScoringConfig.from_doc({"total_max": 100, "flag_quota": 1, "merit_quota": 2})
    assert [(t.code, t.label, t.quota, t.no_deduction) for t in old.tiers] == [
        ("FLAG", "Cờ thi đua", 1, True), ("MERIT", "Bằng khen", 2, False)]
    scores = [card("U1", 60, 40), card("U2", 55, 38), card("U3", 50, 30), card("U4", 10, 10)]
    result = ranking.rank(UNITS, scores, [], old, groups=GROUPS)
    assert [r.award for r in result.rows[:4]] == ["Cờ thi đua", "Bằng khen", "Bằng khen", ""]
    assert ranking.rank_units(UNITS, scores, [], old)[0].award_code == "FLAG"
