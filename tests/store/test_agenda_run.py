"""Running the agenda with a controllable clock: start, next, overrun, a minute more or less,
skip, finish, re-plan, undo, and a restart in the middle of an item."""

from __future__ import annotations

import datetime as dt

import pytest

from store.errors import ValidationError
from store.models import AgendaStatus
from store.service import Service


class Clock:
    def __init__(self, hh: int, mm: int, ss: int = 0) -> None:
        self.at = dt.datetime(2024, 11, 30, hh, mm, ss)

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, minutes: float = 0, seconds: float = 0) -> None:
        self.at += dt.timedelta(minutes=minutes, seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock(8, 0)


@pytest.fixture
def agenda_service(sample_copy, clock):
    service = Service.open(sample_copy, operator="Lan", now=clock)
    yield service
    service.close()


def test_enter_at_each_change_of_speaker_runs_the_day(agenda_service, clock):
    agenda = agenda_service.agenda
    assert agenda.timing().next.code == "A01" and agenda.timing().phase == "idle"
    agenda.start("A01")
    clock.advance(minutes=4)
    timing = agenda.timing()
    assert timing.running.code == "A01" and timing.elapsed_s == 240 and timing.remaining_s == 60
    assert timing.phase == "warning" and timing.next.code == "A02"  # 2 minutes by default
    clock.advance(minutes=2, seconds=30)  # 1:30 over
    timing = agenda.timing()
    assert timing.phase == "overtime" and timing.overtime_s == 90 and timing.remaining_s == -90
    assert timing.offset_min == 1 and timing.offset_s == 90  # the day ends 1:30 late
    agenda.start("A02")  # finishes A01 at this moment
    first, second = agenda.item("A01"), agenda.item("A02")
    assert first.status is AgendaStatus.DONE and first.actual_end == "2024-11-30T08:06:30"
    assert second.status is AgendaStatus.RUNNING and second.actual_start == "2024-11-30T08:06:30"
    timing = agenda.timing()
    assert timing.next.code == "A03"
    assert timing.slot("A03").projected_start == dt.datetime(2024, 11, 30, 8, 16, 30)
    assert timing.projected_end == dt.datetime(2024, 11, 30, 11, 1, 30)
    entries = [e for e in agenda_service.audit.entries() if e.action.startswith("agenda.")]
    assert [e.action for e in entries] == ["agenda.start", "agenda.start"]
    assert entries[-1].at == "2024-11-30T08:06:30" and entries[-1].operator == "Lan"
    assert entries[-1].before["A01"]["status"] == "running"
    assert entries[-1].after["items"]["A01"]["actual_end"] == "2024-11-30T08:06:30"


def test_a_minute_more_or_less_skip_and_finish(agenda_service, clock):
    agenda = agenda_service.agenda
    agenda.start("A01")
    clock.advance(minutes=4)
    agenda.nudge(1)
    assert agenda.timing().remaining_s == 120 and agenda.item("A01").extra_min == 1
    agenda.nudge(-1)
    agenda.nudge(-1)
    assert agenda.timing().remaining_s == 0 and agenda.timing().phase == "overtime"
    with pytest.raises(ValidationError) as refused:
        for _ in range(5):
            agenda.nudge(-1)
    assert refused.value.code == "agenda_no_minutes_left" and agenda.item("A01").extra_min == -5
    agenda.skip("A02")
    assert agenda.timing().next.code == "A03"
    with pytest.raises(ValidationError) as refused:
        agenda.skip("A01")
    assert refused.value.code == "agenda_not_planned"
    agenda.finish()
    assert agenda.item("A01").status is AgendaStatus.DONE and agenda.timing().running is None
    with pytest.raises(ValidationError) as refused:
        agenda.finish()
    assert refused.value.code == "agenda_nothing_running"
    clock.advance(minutes=3)  # nothing runs: the next item cannot start before now
    assert agenda.timing().slot("A03").projected_start == clock.at
    with pytest.raises(ValidationError) as refused:
        agenda.start("A01")
    assert refused.value.code == "agenda_already_done"


def test_undo_takes_back_each_run_step_in_turn(agenda_service, clock):
    agenda = agenda_service.agenda
    before = agenda.items()
    agenda.start("A01")
    clock.advance(minutes=6)
    agenda.start("A02")
    agenda.nudge(2)
    assert agenda.last_step().action == "agenda.nudge"
    agenda.undo()
    assert agenda.item("A02").extra_min == 0
    agenda.undo()
    assert agenda.item("A01").status is AgendaStatus.RUNNING and agenda.item("A01").actual_end is None
    assert agenda.item("A02").status is AgendaStatus.PLANNED and agenda.item("A02").actual_start is None
    agenda.undo()
    assert agenda.items() == before
    with pytest.raises(ValidationError) as refused:
        agenda.undo()
    assert refused.value.code == "agenda_nothing_to_undo"
    assert [e.action for e in agenda_service.audit.entries()][-3:] == ["agenda.undo"] * 3


def test_undo_is_refused_when_the_item_was_edited_since(agenda_service, clock):
    agenda = agenda_service.agenda
    agenda.start("A01")
    agenda.update("A01", title="Chào cờ, hát Quốc ca")
    with pytest.raises(ValidationError) as refused:
        agenda.undo()
    assert refused.value.code == "agenda_undo_changed"
    assert agenda.item("A01").status is AgendaStatus.RUNNING


def test_replan_moves_the_rest_after_the_delay_fixed_items_stay_and_undo_restores(agenda_service, clock):
    agenda = agenda_service.agenda
    agenda.update("A08", fixed_start=True)  # the guest's speech at 09:20 stays
    agenda.start("A01")
    clock.advance(minutes=12)  # 7 minutes over a 5-minute item
    agenda.start("A02")
    assert agenda.timing().offset_min == 7
    preview = agenda.replan_preview("shift")
    moved = {m.item.code: (m.new_start, m.new_min) for m in preview}
    assert moved["A03"] == ("08:22", 25) and moved["A07"] == ("09:17", 10)
    assert moved["A08"] == ("09:20", 25) and moved["A09"] == ("09:45", 15)  # fixed stays, then the plan
    assert agenda.items() == agenda.items()  # a preview changes nothing
    shrink = {m.item.code: (m.new_start, m.new_min) for m in agenda.replan_preview("shrink")}
    # A03..A07 (65 minutes) must end by 09:20 starting 08:22: 58 minutes, taken in proportion
    assert shrink["A08"] == ("09:20", 25)
    assert sum(shrink[c][1] for c in ("A03", "A04", "A05", "A06", "A07")) == 58
    assert shrink["A03"][1] < 25 and all(shrink[c][1] >= 5 for c in ("A04", "A05", "A06", "A07"))
    before = agenda.items()
    agenda.replan("shrink")
    assert agenda.item("A03").planned_start == "08:22" and agenda.item("A03").original_start == "08:15"
    assert agenda.item("A03").original_min == 25
    timing = agenda.timing()
    assert timing.slot("A08").projected_start == dt.datetime(2024, 11, 30, 9, 20)
    assert timing.offset_min == 0  # caught up by the fixed item: the day ends as printed
    assert agenda_service.audit.entries()[-1].action == "agenda.replan"
    agenda.undo()
    assert agenda.items() == before
    with pytest.raises(ValidationError):
        agenda.replan("sideways")


def test_restart_in_the_middle_of_an_item_keeps_it_running(sample_copy, clock):
    with Service.open(sample_copy, operator="Lan", now=clock) as service:
        service.agenda.start("A01")
        clock.advance(minutes=3)
        service.agenda.set_message("Còn 2 phút", blink=True)
    clock.advance(minutes=1, seconds=15)  # the laptop restarts
    with Service.open(sample_copy, operator="Lan", now=clock) as service:
        timing = service.agenda.timing()
        assert timing.running.code == "A01" and timing.elapsed_s == 4 * 60 + 15
        assert timing.remaining_s == 45 and timing.phase == "warning"
        state = service.agenda.run_state()
        assert state.message == "Còn 2 phút" and state.blink and len(state.steps) == 1
        service.agenda.undo()  # the step survives the restart
        assert service.agenda.item("A01").status is AgendaStatus.PLANNED
        assert service.check() == []


def test_message_and_warning_minutes(agenda_service, clock):
    agenda = agenda_service.agenda
    agenda.set_message("  Xin mời   kết thúc ", blink=True)
    assert agenda.run_state().message == "Xin mời kết thúc" and agenda.run_state().blink
    with pytest.raises(ValidationError) as refused:
        agenda.set_message("a\x1bb")
    assert refused.value.code == "control"
    agenda.clear_message()
    assert agenda.run_state().message == "" and not agenda.run_state().blink
    agenda.set_warning("5")
    agenda.start("A02")
    clock.advance(minutes=5, seconds=1)
    assert agenda.timing().phase == "warning"
    with pytest.raises(ValidationError) as refused:
        agenda.set_warning(99)
    assert refused.value.field == "agenda_warning"
    actions = [e.action for e in agenda_service.audit.entries()]
    assert actions[:3] == ["agenda.message", "agenda.message.clear", "agenda.warning"]
