"""Setting up the conference and its member units through the service."""

from __future__ import annotations

import pytest

from store.errors import ValidationError
from store.service import Service
from wording.catalog import say


@pytest.fixture
def empty(tmp_path):
    svc = Service.create(tmp_path / "new.json", operator="tester")
    yield svc
    svc.close()


def test_a_new_store_gets_units_and_a_conference_audited_and_durable(empty, tmp_path):
    hn = empty.conference.add_unit(full_name="Ban Tổ chức Thành ủy Hà Nội", short_name="Hà Nội")
    pt = empty.conference.add_unit(full_name="Ban Tổ chức Tỉnh ủy Phú Thọ", short_name="Phú Thọ")
    assert (hn.code, hn.order, pt.code, pt.order) == ("HN", 1, "PT", 2)
    conf = empty.conference.save(title="Hội nghị tổng kết năm 2025", year="2025", date="28/11/2025",
                                 host_unit="PT", head_unit="PT", cluster="Cụm 1")
    assert (conf.date, conf.year, conf.host_unit) == ("2025-11-28", 2025, "PT")
    empty.close()
    again = Service.open(tmp_path / "new.json")
    assert again.conference.get() == conf
    assert [u.short_name for u in again.conference.units()] == ["Hà Nội", "Phú Thọ"]
    assert again.check() == []
    raw = again._storage.read()["audit"]
    assert [d["action"] for d in raw.values()][-3:] == ["unit.add", "unit.add", "conference.save"]
    again.close()


@pytest.mark.parametrize("field, value, code", [
    ("title", "  ", "required"),
    ("date", "31/02/2025", "date"),
    ("year", "hai nghìn", "integer"),
    ("host_unit", "XX", "setup.not_member"),
])
def test_conference_fields_are_refused_with_a_reason_and_nothing_changes(service, field, value, code):
    before = service.conference.get()
    with pytest.raises(ValidationError) as refused:
        service.conference.save(**{field: value})
    assert (refused.value.field, refused.value.code) == (f"conference.{field}", code)
    assert service.conference.get() == before


def test_units_edit_reorder_and_names_unique(service):
    unit = service.conference.add_unit(full_name="Ban Tổ chức Tỉnh ủy Bắc Ninh", short_name="Bắc Ninh")
    assert unit.order == 15
    with pytest.raises(ValidationError) as refused:
        service.conference.add_unit(full_name="x", short_name="bac ninh")
    assert refused.value.code == "setup.name_taken"
    with pytest.raises(ValidationError):
        service.conference.add_unit(full_name="x", short_name="Y", code="HN")
    service.conference.update_unit(unit.code, short_name="Bắc Ninh (mới)")
    order = service.conference.move_unit(unit.code, -14)
    assert [u.code for u in order][:2] == [unit.code, "HN"]
    assert [u.order for u in order] == list(range(1, 16))
    service.conference.move_unit(unit.code, +1)
    assert [u.code for u in service.conference.units()][:2] == ["HN", unit.code]
    assert service.check() == []


def test_a_unit_in_use_is_not_removed_and_the_refusal_says_by_what(service):
    uses = service.conference.unit_uses("PT")
    assert uses and len(uses.delegates) == 4 and uses.scores == 1
    assert not uses.signing_order  # before the seal a removed unit leaves the signing order with it
    with pytest.raises(ValidationError) as refused:
        service.conference.remove_unit("PT")
    assert refused.value.code == "setup.unit_in_use"
    assert "4 delegate(s)" in refused.value.reason and "a scorecard" in refused.value.reason
    vietnamese = say("reason.setup.unit_in_use", "vi", **refused.value.params)
    assert "4 đại biểu" in vietnamese and "bảng điểm" in vietnamese and "delegate" not in vietnamese
    assert "PT" in service.conference.unit_codes()


def test_removing_a_free_unit_closes_the_gap_in_the_order(service):
    unit = service.conference.add_unit(full_name="Ban Tổ chức Tỉnh ủy Bắc Ninh", short_name="Bắc Ninh")
    service.conference.move_unit(unit.code, -5)
    service.conference.remove_unit(unit.code)
    assert [u.order for u in service.conference.units()] == list(range(1, 15))
    again = service.conference.add_unit(full_name="Ban Tổ chức Tỉnh ủy Bắc Ninh", short_name="Bắc Ninh")
    assert again.code != unit.code  # a removed unit's code is never given again
    assert service.check() == []


def test_what_is_missing_before_the_day(service, empty):
    from store.setup.readiness import gaps

    assert [g.code for g in gaps(empty)] == ["no_conference", "no_units", "no_agenda", "no_criteria", "no_covenant"]
    assert gaps(service) == []  # the demo names Hà Nội cluster head
    service.conference.save(head_unit="")
    assert [g.code for g in gaps(service)] == ["no_head"]
    service.conference.save(head_unit="HN")
    group = service.scoring.content_groups()[0]
    with service.conference._work() as work:  # a criterion changed elsewhere: the sum no longer fits
        work.put("content_groups", {**group.to_doc(), "max_points": group.max_points + 5})
    missing = gaps(service)
    assert [(g.code, g.panel, g.params) for g in missing] == [("criteria_total", "scorecards", {"sum": 105.0, "total": 100})]
