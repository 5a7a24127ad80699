"""Scoring through the service: validation of each value, durability and audit, bonuses and
deductions with reasons, finalize and reopen, the rules as data (groups' sum, award tiers from
the old quotas), ballots, the import with bad rows, the template, and the PDF read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from store.errors import ValidationError
from store.io import scores_import
from store.io.ranking_export import export_ranking
from store.io.scores_template import template
from store.service import Service


def refused(call, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value


def test_each_value_is_validated_and_nothing_changes(service):
    before = service.scoring.score("PT")
    seq = service.last_seq()
    assert refused(service.scoring.set_points, "PT", "N1", "cluster", "15,5").code == "score_above_max"
    assert refused(service.scoring.set_points, "PT", "N1", "cluster", "-1").code == "score_negative"
    assert refused(service.scoring.set_points, "PT", "N1", "cluster", "mười").code == "number"
    assert refused(service.scoring.set_points, "PT", "N1", "cluster", "14,125").code == "score_places"
    assert refused(service.scoring.set_points, "PT", "N9", "cluster", "1").code == "score_group_unknown"
    assert refused(service.scoring.set_points, "XX", "N1", "cluster", "1").code == "unknown_unit"
    assert service.scoring.score("PT") == before and service.last_seq() == seq


def test_a_value_typed_with_comma_or_dot_is_durable_and_audited(sample_copy):
    with Service.open(sample_copy, operator="Lan") as service:
        service.scoring.set_points("PT", "N1", "cluster", "14,75")
        service.scoring.set_points("PT", "N2", "self", "14.5")
        service.scoring.set_points("PT", "N3", "self", "")  # cleared: the own total is incomplete
        entry = service.audit.entries()[-1]
        assert (entry.action, entry.target, entry.operator) == ("score.set", "PT", "Lan")
    with Service.open(sample_copy) as service:
        card = service.scoring.score("PT")
        assert card.group("N1").cluster_points == 14.75 and card.group("N2").self_points == 14.5
        assert card.group("N3").self_points is None and card.self_total is None
        assert card.cluster_total == 96.0


def test_the_ranking_moves_as_scores_change(service):
    before = {r.unit.short_name: r.rank for r in service.scoring.ranking()}
    assert before["Phú Thọ"] == 9 and before["Hòa Bình"] == 10
    note = service.scoring.table().note_for("HB")
    assert (note.upper.short_name, note.criterion) == ("Phú Thọ", "models")
    service.scoring.add_adjustment("HB", "bonus", "B10", "Cờ thi đua của UBND tỉnh Hòa Bình")
    after = {r.unit.short_name: (r.rank, r.total) for r in service.scoring.ranking()}
    assert after["Hòa Bình"] == (3, 105.75)
    assert refused(service.scoring.add_adjustment, "HB", "deduction", "D1", "  ").code == "required"
    assert refused(service.scoring.add_adjustment, "HB", "bonus", "B99", "x").code == "score_rule_unknown"
    service.scoring.add_adjustment("TN", "deduction", "D1", "Chậm gửi báo cáo")
    warnings = {w.code: w for w in service.scoring.table().warnings}
    assert warnings["deduction_proposed"].units == ("Thái Nguyên",)
    card = service.scoring.remove_adjustment("TN", "deduction", 0)
    assert card.deductions == ()


def test_finalize_locks_and_reopen_needs_a_reason(service):
    service.scoring.set_points("PT", "N1", "cluster", None)
    err = refused(service.scoring.finalize)
    assert err.code == "scores_incomplete" and "Phú Thọ" in err.params["units"]
    service.scoring.set_points("PT", "N1", "cluster", 14.5)
    locked = service.scoring.finalize()
    assert len(locked) == 14 and all(c.locked for c in service.scoring.scores())
    assert refused(service.scoring.set_points, "PT", "N1", "cluster", "14").code == "scores_locked"
    assert refused(service.scoring.add_adjustment, "PT", "bonus", "B10", "x").code == "scores_locked"
    assert refused(service.scoring.update_group, "N1", max_points="16").code == "scores_locked"
    assert refused(service.scoring.reopen, "PT", " ").code == "required"
    service.scoring.reopen("PT", "Cụm thống nhất sửa điểm nhóm 1")
    entry = service.audit.entries()[-1]
    assert entry.action == "score.reopen" and entry.after == {"reason": "Cụm thống nhất sửa điểm nhóm 1"}
    service.scoring.set_points("PT", "N1", "cluster", "14")
    assert refused(service.scoring.reopen, "PT", "again").code == "scores_not_locked"


def test_rules_as_data(service):
    scoring = service.scoring
    # the demo store has the old two quotas: read as tiers, written as tiers on the first change
    assert [(t.code, t.quota) for t in scoring.config().tiers] == [("FLAG", 1), ("MERIT", 3)]
    assert scoring.config().award_tiers is None
    tier = scoring.add_tier("Cờ thi đua của Chính phủ", 1)
    assert [t.label for t in scoring.config().award_tiers] == ["Cờ thi đua", "Bằng khen", "Cờ thi đua của Chính phủ"]
    scoring.move_tier(tier.code, -2)
    assert scoring.config().tiers[0].code == tier.code
    assert refused(scoring.add_tier, "Bằng khen", "-1").code == "between"
    # groups: the sum is checked against the total
    assert refused(scoring.add_group, "Nhóm mới", "5").code == "score_groups_over_total"
    assert refused(scoring.update_group, "N1", max_points="10").code == "score_max_below"
    assert refused(scoring.remove_group, "N8").code == "score_group_scored"
    scoring.update_group("N1", title="Tham mưu văn bản")
    assert scoring.content_groups()[0].title == "Tham mưu văn bản"
    rule = scoring.add_rule("deduction", "Vắng họp Cụm", "2")
    assert rule.points == -2.0 and rule.code == "D5"
    assert refused(scoring.add_rule, "bonus", "Sai", "-3").code == "score_rule_bonus_sign"
    scoring.set_config(tie_break=("models", "bonus_total"), lock_date="05/12/2024", lock_warning_days=7)
    cfg = scoring.config()
    assert cfg.tie_order == ("models", "bonus_total") and cfg.lock_date == "2024-12-05"
    assert refused(scoring.set_config, tie_break=("height",)).code == "score_criterion_unknown"
    warning = scoring.deadline_warning(dt.date(2024, 11, 30))
    assert warning.days_left == 5 and len(warning.units) == 14
    assert scoring.deadline_warning(dt.date(2024, 11, 20)) is None
    assert service.check() == []


def test_ballots(service):
    scoring = service.scoring
    assert refused(scoring.set_ballot, "FLAG", 14, {"TN": 15}).code == "ballot_votes_over_voters"
    assert refused(scoring.set_ballot, "FLAG", 14, {"TN": 10, "HN": 10}).code == "ballot_votes_over_ballots"
    assert refused(scoring.set_ballot, "NOPE", 14, {}).code == "score_tier_unknown"
    scoring.set_ballot("FLAG", "14", {"HN": "9", "TN": "5", "PT": ""})
    table = scoring.table()
    assert [u.short_name for u in table.proposals("FLAG")] == ["Hà Nội"]
    assert table.leader.short_name == "Hà Nội"
    assert {w.code for w in table.warnings} >= {"leader_not_top"}
    scoring.clear_ballot("FLAG")
    assert scoring.table().leader.short_name == "Thái Nguyên"


def write_csv(path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_import_reports_every_row_and_saves_the_good_ones(service, tmp_path):
    sheet = tmp_path / "diem.csv"
    write_csv(sheet, [
        "BAN TỔ CHỨC TỈNH ỦY PHÚ THỌ",
        "PHIẾU CHẤM ĐIỂM THI ĐUA NĂM 2024",
        "",
        "Đơn vị,Mã nhóm,Nội dung,Điểm tối đa,Tự chấm,Cụm chấm",
        "Phú Thọ,N1,,15,\"14,75\",",
        "Ban Tổ chức Tỉnh ủy Phú Thọ,,Sắp xếp tổ chức bộ máy biên chế vị trí việc làm,15,,14.5",
        "Phú Thọ,N3,,15,16,",
        "Phú Thọo,N4,,15,10,",
        "Phú Thọ,N9,,10,5,",
        "Phú Thọ,Mô hình,,,5,",
        "Phú Thọ,N1,,15,14,",
        "Hòa Bình,N5,,10,\"9,5\",\"9,5\"",
    ])
    table = scores_import.read_scores_table(sheet)
    plan = scores_import.plan_scores(service, table)
    status = [(r.row, r.status, r.reason[1] if r.reason else "") for r in plan.rows]
    assert status == [(5, "set", ""), (6, "set", ""), (7, "refused", "score_above_max"),
                      (8, "refused", "unknown_unit"), (9, "refused", "score_group_unknown"),
                      (10, "set", ""), (11, "refused", "score_import_twice"), (12, "same", "")]
    assert ("title_rows", {"n": 2, "rows": "1-2"}) in plan.notes
    lines = scores_import.describe(plan, lambda key, **p: f"{key}:{sorted(p)}")
    assert len(lines) == 1 + len(plan.rows) + len(plan.notes)
    assert scores_import.apply_scores(service, plan) == 3
    card = service.scoring.score("PT")
    assert card.group("N1").self_points == 14.75 and card.group("N2").cluster_points == 14.5
    assert service.scoring.indicator("PT").models == 5
    assert service.audit.entries()[-1].action == "score.import"


def test_template_imports_back_unchanged(service, tmp_path):
    data = template("vi", service)
    path = tmp_path / "mau.xlsx"
    path.write_bytes(data)
    plan = scores_import.plan_scores(service, scores_import.read_scores_table(path))
    assert not plan.refused and plan.changes == 0
    assert len(plan.rows) == 14 * (8 + 4)
    blank = tmp_path / "trong.xlsx"
    blank.write_bytes(template("en"))
    assert scores_import.read_scores_table(blank).headers[:2] == ["Unit", "Group"]


def test_pdf_reads_back_with_the_vietnamese_names(service):
    import pypdf

    service.scoring.set_ballot("FLAG", 14, {"TN": 12})
    data = export_ranking(service, "pdf", "vi")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    for expected in ("ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 30 tháng 11 năm 2024", "Thái Nguyên",
                     "Tuyên Quang", "Điện Biên", "Bắc Kạn", "Hòa Bình", "107,25",
                     "Phú Thọ trên Hòa Bình: cùng 95,75 điểm; nhiều mô hình hơn", "CỤM TRƯỞNG",
                     "thang điểm từ 0 đến 110"):
        assert expected in " ".join(text.split()) or expected in text, expected
    csv_text = export_ranking(service, "csv", "en").decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Rank,Unit,Own score,Cluster score")
    assert "12/14 votes" in csv_text
