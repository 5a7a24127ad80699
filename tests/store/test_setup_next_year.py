"""Next year's conference from this year's store: what is carried, what is left, OLD untouched."""

from __future__ import annotations

import hashlib
import json

from store.service import Service
from store.setup.next_year import create_store, describe, plan_next_year


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_next_year_from_the_demo_data(sample_copy, tmp_path, capsys):
    before = _digest(sample_copy)
    plan = plan_next_year(sample_copy)
    with create_store(tmp_path / "2025.json", plan, operator="tester") as new, \
            Service.open(sample_copy) as old:
        assert new.check() == []
        conf = new.conference.get()
        assert (conf.year, conf.date, conf.title) == (2025, "2025-11-30", "Hội nghị tổng kết công tác thi đua năm 2025")
        assert conf.host_unit == conf.head_unit == "HN"  # no head chosen at OLD: the host is kept
        assert [u.to_doc() for u in new.conference.units()] == [u.to_doc() for u in old.conference.units()]
        # the scoring configuration and criteria, whole
        assert new.scoring.config() == old.scoring.config()
        assert new.scoring.content_groups() == old.scoring.content_groups()
        # the covenant signed at OLD (2025) is drafted again for the following year, unsigned
        signed, draft = old.covenant.get(), new.covenant.get()
        assert (draft.year, draft.title) == (signed.year + 1, signed.title.replace("2025", "2026"))
        assert draft.groups == signed.groups and draft.movements == signed.movements
        assert not new.covenant.signatures()
        counts = new.summary().counts
        assert counts["delegates"] == counts["scores"] == counts["indicators"] == counts["handovers"] == 0
        assert [a.status.value for a in new.agenda.items()] == ["planned"] * 14
        creation = new.audit.entries()[-1]
        assert creation.action == "store.create" and creation.after["next_year_of"] == sample_copy.name
    lines = describe(plan)
    assert "  - delegates and check-ins: 62" in lines
    assert "  ! date proposed: 30/11/2025 (check it)" in lines
    assert _digest(sample_copy) == before  # read only: byte-identical


def test_the_cluster_head_chosen_at_old_becomes_host(sample_copy, tmp_path):
    raw = json.loads(sample_copy.read_text(encoding="utf-8"))
    raw["covenant"]["1"]["next_head_unit"] = "PT"
    raw["covenant"]["1"]["next_head_name"] = "Ban Tổ chức Tỉnh ủy Phú Thọ"
    sample_copy.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    before = _digest(sample_copy)
    plan = plan_next_year(sample_copy)
    with create_store(tmp_path / "2025.json", plan) as new:
        conf = new.conference.get()
        assert (conf.host_unit, conf.head_unit, conf.venue, conf.organizer) == (
            "PT", "PT", "Phú Thọ", "Ban Tổ chức Tỉnh ủy Phú Thọ")
        assert getattr(new.covenant.get(), "next_head_unit", "") == ""  # next year chooses again
    assert any("host and cluster head: Phú Thọ" in line for line in describe(plan))
    assert _digest(sample_copy) == before


def test_cli_next_year_refuses_an_existing_file_and_leaves_old_alone(sample_copy, tmp_path, capsys):
    from tui.cli.main import main

    before = _digest(sample_copy)
    target = tmp_path / "2025.json"
    assert main(["--db", str(target), "new", "--next-year-of", str(sample_copy), "--dry-run"]) == 0
    assert not target.exists()
    assert main(["--db", str(target), "new", "--next-year-of", str(sample_copy)]) == 0
    out = capsys.readouterr().out
    assert "Mang sang:" in out and "Không mang sang:" in out and "đại biểu và giờ đến: 62" in out
    assert main(["--db", str(target), "new", "--next-year-of", str(sample_copy)]) == 1
    assert _digest(sample_copy) == before
    assert not (tmp_path / "hoinghi.json.backups").exists() and not (tmp_path / "hoinghi.json.lock").exists()


def test_the_scoring_lock_date_moves_a_year_on(sample_copy, tmp_path):
    raw = json.loads(sample_copy.read_text(encoding="utf-8"))
    config = raw["scoring_config"]["1"]
    from dataclasses import fields

    from store.models import ScoringConfig

    if "lock_date" not in {f.name for f in fields(ScoringConfig)}:
        return  # a scoring model without a finalizing day
    config["lock_date"] = "2024-11-25"
    sample_copy.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    plan = plan_next_year(sample_copy)
    assert plan.documents["scoring_config"][0]["lock_date"] == "2025-11-25"
    assert any("25/11/2025" in line for line in describe(plan))
