"""Editing the programme: add, edit, remove, reorder; planned starts follow from the durations
unless fixed; gaps and overlaps; each field validated; every change durable and audited."""

from __future__ import annotations

import pytest

from store.agenda import item_field
from store.models.timing import follow, plan_gaps
from store.errors import ValidationError
from store.service import Service


def starts(service) -> list[tuple[str, str]]:
    return [(i.code, i.planned_start) for i in service.agenda.items()]


def test_later_starts_follow_from_durations_unless_fixed(service):
    agenda = service.agenda
    agenda.update("A08", fixed_start=True)
    agenda.update("A03", duration_min=30)  # the report takes 5 minutes more
    items = {i.code: i for i in agenda.items()}
    assert items["A04"].planned_start == "08:45" and items["A07"].planned_start == "09:15"
    assert items["A08"].planned_start == "09:20"  # fixed: stays, the gap closes
    assert agenda.gaps()["A08"] == -5  # 09:15 + 10 = 09:25: five minutes of overlap
    agenda.update("A03", duration_min=20)
    assert agenda.gaps()["A08"] == 5 and agenda.item("A07").planned_start == "09:05"
    entry = service.audit.entries()[-1]
    assert entry.action == "agenda.edit" and entry.before["duration_min"] == 30
    assert entry.after["item"]["duration_min"] == 20 and "A04" in entry.after["moved"]


def test_add_remove_and_reorder(service, sample_copy):
    agenda = service.agenda
    added = agenda.add(after="A06", planned_start="09:10", duration_min="5", title="Trình chiếu phim tư liệu",
                       kind="other", presenter="[b]Ban Tuyên giáo[/b]")
    assert added.code == "A15" and added.order == 7 and added.planned_start == "09:10"
    assert added.presenter == "[b]Ban Tuyên giáo[/b]"  # kept literally
    assert agenda.item("A07").order == 8 and agenda.item("A07").planned_start == "09:15"
    agenda.move("A15", 1)
    assert [i.code for i in agenda.items()][6:8] == ["A07", "A15"]
    assert agenda.item("A15").planned_start == "09:20"
    with pytest.raises(ValidationError) as refused:
        agenda.move("A01", -1)
    assert refused.value.code == "agenda_cannot_move"
    agenda.remove("A15")
    assert [i.order for i in agenda.items()] == list(range(1, 15))
    assert agenda.item("A08").planned_start == "09:20"
    assert agenda.add(title="Bế mạc", duration_min=5, planned_start="00:00").code == "A16"  # never reused
    assert agenda.item("A16").planned_start == "11:00"
    actions = [e.action for e in service.audit.entries()]
    assert actions == ["agenda.add", "agenda.move", "agenda.remove", "agenda.add"]
    service.close()
    with Service.open(sample_copy) as again:  # durable
        assert again.agenda.item("A16").title == "Bế mạc" and again.check() == []


def test_running_item_cannot_be_removed(service):
    service.agenda.start("A01")
    with pytest.raises(ValidationError) as refused:
        service.agenda.remove("A01")
    assert refused.value.code == "agenda_remove_running"


@pytest.mark.parametrize("name, value, code", [
    ("planned_start", "25:00", "time"), ("planned_start", "8:5", "time"), ("planned_start", "", "required"),
    ("duration_min", "mười", "integer"), ("duration_min", "601", "between"), ("duration_min", "-1", "between"),
    ("title", "  ", "required"), ("title", "x" * 301, "too_long"), ("title", "a\x00", "control"),
    ("kind", "party", "one_of"), ("presenter", "\x1b[31m", "control"),
])
def test_each_field_is_refused_with_a_reason(service, name, value, code):
    with pytest.raises(ValidationError) as refused:
        item_field(name, value)
    assert refused.value.code == code and refused.value.field.startswith("agenda_")
    before = service.agenda.items()
    with pytest.raises(ValidationError):
        service.agenda.update("A03", **{name: value})
    assert service.agenda.items() == before and service.audit.entries() == ()


@pytest.mark.parametrize("typed, clean", [("8:05", "08:05"), ("0805", "08:05"), ("8h05", "08:05"),
                                          ("08.05", "08:05"), (" 23:59 ", "23:59")])
def test_times_as_people_type_them(typed, clean):
    assert item_field("planned_start", typed) == clean


def test_follow_and_gaps_are_pure(service):
    items = service.agenda.items()
    assert follow(items) == list(items)  # the demo programme already follows its durations
    assert set(plan_gaps(items).values()) == {0}
