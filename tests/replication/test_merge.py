"""One attendance from the store and the desks' journals (store/replication/merge.py)."""

from __future__ import annotations

import shutil

from store.replication.desk_events import CHECK_IN, UNDO, DeskEvent
from store.replication.merge import Arrival, fold_steps, merge
from store.service import Service


def ev(desk, seq, at, kind=CHECK_IN, code="D0001"):
    return DeskEvent(desk, seq, f"2024-11-30T{at}", kind, code)


def test_the_earliest_of_two_desks_wins_and_both_are_kept():
    merged = merge({}, {"Bàn 1": [ev("Bàn 1", 1, "08:05:00")], "Bàn 2": [ev("Bàn 2", 1, "08:03:00")]})
    assert merged.arrivals["D0001"] == Arrival("2024-11-30T08:03:00", "Bàn 2", (("Bàn 1", "2024-11-30T08:05:00"),))


def test_a_desk_undoes_only_its_own_check_in_in_its_own_order():
    events = {"Bàn 1": [ev("Bàn 1", 1, "08:05:00"), ev("Bàn 1", 2, "08:06:00", UNDO)],
              "Bàn 2": [ev("Bàn 2", 1, "08:09:00")]}
    assert merge({}, events).arrivals["D0001"] == Arrival("2024-11-30T08:09:00", "Bàn 2")
    # seq, not the clock, orders a desk's events: an undo stamped earlier still comes after
    skewed = {"Bàn 1": [ev("Bàn 1", 1, "08:05:00"), ev("Bàn 1", 2, "07:00:00", UNDO)]}
    assert merge({}, skewed).arrivals == {}


def test_the_store_counts_for_desks_without_a_journal_and_folding_is_idempotent():
    store = {"D0001": ("2024-11-30T08:10:00", "chính"), "D0002": ("2024-11-30T08:01:00", "Bàn 1")}
    events = {"Bàn 1": [ev("Bàn 1", 1, "08:04:00"), ev("Bàn 1", 2, "08:01:00", code="D0002"),
                        ev("Bàn 1", 3, "08:02:00", UNDO, code="D0002")]}
    merged = merge(store, events)
    assert merged.arrivals["D0001"] == Arrival("2024-11-30T08:04:00", "Bàn 1", (("chính", "2024-11-30T08:10:00"),))
    assert "D0002" not in merged.arrivals  # the desk took it back: the store's copy goes too
    steps = fold_steps(store, merged)
    folded = {s.code: (s.arrival.at, s.arrival.desk) for s in steps if s.arrival}
    assert folded == {"D0001": ("2024-11-30T08:04:00", "Bàn 1")}
    assert [s.code for s in steps if s.arrival is None] == ["D0002"]
    assert fold_steps(folded, merge(folded, events)) == []


def test_fold_arrivals_records_them_in_one_audited_unit_of_work(tmp_path):
    shutil.copy("sample.json", tmp_path / "s.json")
    with Service.open(tmp_path / "s.json") as service:
        codes = [d.code for d in service.delegates.all()[:2]]
        service.delegates.check_in(codes[1], desk="chính")
        store = {d.code: (d.checked_in_at, d.checkin_desk) for d in service.delegates.all() if d.checked_in_at}
        events = {"Bàn 2": [ev("Bàn 2", 1, "08:03:00", code=codes[0])]}
        seq = service.audit.last_seq()
        changed = service.delegates.fold_arrivals(fold_steps(store, merge(store, events)))
        assert changed == [codes[0]]
        d = service.delegates.get(codes[0])
        assert (d.checked_in_at, d.checkin_desk) == ("2024-11-30T08:03:00", "Bàn 2")
        assert [e.action for e in service.audit.entries(since_seq=seq)] == ["checkin.desk"]
        assert service.delegates.fold_arrivals(fold_steps(
            {**store, codes[0]: (d.checked_in_at, d.checkin_desk)}, merge(store, events))) == []


def test_a_desk_journal_survives_a_torn_append_and_refuses_a_second_laptop(tmp_path):
    from store.replication.desk_events import DeskJournal, DeskJournalError, read_events

    store = tmp_path / "hoinghi.json"
    desk = DeskJournal(store, "Bàn 2", "laptop-2")
    first = desk.append(CHECK_IN, "D0001")
    desk.append(UNDO, "D0001")
    desk.close()
    path = desk.path
    assert path.parent.name == "hoinghi.json.desks" and path.name == "ban-2.journal"
    whole = path.read_bytes()
    path.write_bytes(whole + whole[: len(whole) // 3])  # power lost in the middle of an append
    events, good = read_events(path.read_bytes())
    assert [e.kind for e in events] == [CHECK_IN, UNDO] and good == len(whole)
    again = DeskJournal(store, "Bàn 2", "laptop-2")
    assert again.append(CHECK_IN, "D0002").seq == 3 and events[0] == first
    again.close()
    assert len(read_events(path.read_bytes())[0]) == 3
    try:
        DeskJournal(store, "Bàn 2", "laptop-9")
    except DeskJournalError as e:
        assert e.code == "desk_taken" and e.params["host"] == "laptop-2"
    else:
        raise AssertionError("a second laptop wrote the same desk's journal")
