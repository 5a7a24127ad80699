"""The signing order from any conference: a workbook whose signing-order column was
left blank (or half filled) signs in the cluster's order; a blank order in a store written before
is the unit order, made explicit by the first line recorded; a unit added later joins the end, a
unit removed leaves it (refused once it signed); units are put back or taken out of the order
(refused once recorded); setup's readiness names a covenant with no text, no units, or units
outside the order."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.errors import ValidationError
from store.service import Service
from store.setup.readiness import gaps
from tests.workbook_fill import UNITS, fill_conference
from tui.cli.main import main

CODES = [code for code, _, _ in UNITS]


def _built(tmp_path: Path, capsys, signing=None) -> Path:
    template, filled, db = tmp_path / "t.xlsx", tmp_path / "f.xlsx", tmp_path / "x.json"
    assert main(["template", "conference", "-o", str(template)]) == 0
    fill_conference(template, filled, signing=signing)
    assert main(["--db", str(db), "new", "--from", str(filled)]) == 0, capsys.readouterr()
    return db


def test_a_blank_signing_order_column_signs_in_the_cluster_s_order(tmp_path, capsys):
    db = _built(tmp_path, capsys)
    with Service.open(db, operator="lan", backup_keep=0) as service:
        assert service.covenant.get().signing_order == tuple(CODES)
        progress = service.covenant.progress()
        assert (progress.total, progress.current) == (4, "TH")
        assert [g.code for g in gaps(service)] == []


def test_a_half_filled_column_puts_the_others_after_in_the_cluster_s_order(tmp_path, capsys):
    db = _built(tmp_path, capsys, signing={"HT": 1, "NA": 2})
    with Service.open(db, operator="lan", backup_keep=0) as service:
        assert service.covenant.get().signing_order == ("HT", "NA", "TH", "QB")


def test_a_blank_order_written_before_is_the_unit_order_until_the_first_line(sample_copy):
    raw = orjson.loads(sample_copy.read_bytes())
    next(iter(raw["covenant"].values()))["signing_order"] = []
    sample_copy.write_bytes(orjson.dumps(raw))
    with Service.open(sample_copy, operator="lan", backup_keep=0) as service:
        units = [u.code for u in service.conference.units()]
        assert service.covenant.get().signing_order == tuple(units)
        assert service.covenant.progress().current == "HN"
        service.covenant.sign("HN", signer="Vũ Đức Bảo")
        assert service.check() == []
    stored = next(iter(orjson.loads(sample_copy.read_bytes())["covenant"].values()))
    assert stored["signing_order"] == units  # written with the first line, audited


def test_units_join_and_leave_the_order_with_the_cluster(service):
    unit = service.conference.add_unit(full_name="Ban Tổ chức Tỉnh ủy Bắc Ninh", short_name="Bắc Ninh")
    assert service.covenant.get().signing_order[-1] == unit.code
    service.conference.remove_unit(unit.code)
    assert unit.code not in service.covenant.get().signing_order
    service.covenant.sign("PT", signer="Đặng Công Sơn")
    uses = service.conference.unit_uses("PT")
    assert uses.signatures == 1  # a unit that signed is not removed (its signature is named)
    assert service.check() == []


def test_units_put_back_or_taken_out_of_the_order(service):
    service.covenant.remove_from_order("BK")
    assert "BK" not in service.covenant.get().signing_order
    assert service.covenant.outside_order() == ("BK",)
    assert [(g.code, g.params) for g in gaps(service)] == [("covenant_outside_order", {"count": 1, "units": "Bắc Kạn"})]
    service.covenant.add_to_order("BK")
    assert service.covenant.get().signing_order[-1] == "BK" and service.covenant.outside_order() == ()
    service.covenant.record_absent("HN")
    with pytest.raises(ValidationError) as refused:
        service.covenant.remove_from_order("HN")
    assert refused.value.code == "order_recorded" and "Hà Nội" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        service.covenant.add_to_order("PT")
    assert refused.value.code == "already_in_order"
    actions = [e.action for e in service.audit.entries()]
    assert actions == ["covenant.order.remove", "covenant.order.add", "covenant.absent"]
    assert service.check() == []


def test_readiness_names_a_covenant_with_no_text(service):
    for group in service.covenant.get().groups:
        service.covenant.remove_group(group.code)
    assert [g.code for g in gaps(service)] == ["covenant_no_text"]
