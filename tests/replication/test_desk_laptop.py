"""A desk laptop and the main laptop on one folder (replication left out: the folder is shared
as Syncthing would leave it): the desk writes only its journal, the main laptop folds it in."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil

import pytest

from store.errors import ValidationError
from store.replication.desk_laptop import DeskLaptop
from store.service.desks import fold_desks, merged_view
from store.replication.watch import DeskWatch
from store.service import Service


def clock(start: str):
    ticks = itertools.count()
    base = dt.datetime.fromisoformat(start)
    return lambda: base + dt.timedelta(seconds=next(ticks))


@pytest.fixture
def store(tmp_path):
    shutil.copy("sample.json", tmp_path / "hoinghi.json")
    return tmp_path / "hoinghi.json"


def test_a_desk_never_writes_the_store_and_the_main_laptop_folds_its_events(store):
    before = store.read_bytes()
    with DeskLaptop(store, "Bàn 2", "laptop-2", now=clock("2024-11-30T08:03:00")) as desk:
        code = desk.delegates.all()[0].code
        result = desk.delegates.check_in(code, desk="Bàn 2")
        assert not result.already and result.at == "2024-11-30T08:03:00"
        assert desk.delegates.check_in(code, desk="Bàn 2").already
        assert desk.delegates.get(code).checkin_desk == "Bàn 2"
    assert store.read_bytes() == before
    with Service.open(store) as service:
        watch = DeskWatch(store)
        assert watch.poll()
        assert fold_desks(service, watch) == [code]
        d = service.delegates.get(code)
        assert (d.checked_in_at, d.checkin_desk) == ("2024-11-30T08:03:00", "Bàn 2")
        assert fold_desks(service, watch) == []


def test_the_same_person_at_two_desks_is_kept_once_and_both_say_so(store):
    with DeskLaptop(store, "Bàn 1", "l1", now=clock("2024-11-30T08:05:00")) as one, \
            DeskLaptop(store, "Bàn 2", "l2", now=clock("2024-11-30T08:03:00")) as two:
        code = one.delegates.all()[0].code
        one.delegates.check_in(code)  # a split: neither has seen the other's event yet
        two.delegates.check_in(code)
        one.refresh(), two.refresh()
        for laptop in (one, two):
            d = laptop.delegates.get(code)
            assert (d.checked_in_at, d.checkin_desk) == ("2024-11-30T08:03:00", "Bàn 2")
            assert laptop.delegates.also(code) == (("Bàn 1", "2024-11-30T08:05:00"),)
        with pytest.raises(ValidationError) as refused:
            one.delegates.undo_check_in(code)
        assert refused.value.code == "other_desk" and refused.value.params["desk"] == "Bàn 2"
        two.delegates.undo_check_in(code)  # the earliest taken back: Bàn 1's own check-in shows
        one.refresh()
        assert one.delegates.get(code).checkin_desk == "Bàn 1"
    with Service.open(store) as service:
        watch = DeskWatch(store)
        watch.poll()
        fold_desks(service, watch)
        assert service.delegates.get(code).checkin_desk == "Bàn 1"
        assert merged_view(service, watch).arrivals[code].also == ()


def test_a_quiet_desk_says_it_is_alive_and_the_others_see_how_long_ago(store):
    now = [0.0]
    with DeskLaptop(store, "Bàn 2", "l2", clock=lambda: now[0]) as desk:
        assert desk.heartbeat()           # the first of the session
        now[0] = 5.0
        assert not desk.heartbeat()       # 5 s later: nothing to say
        now[0] = 20.0
        assert desk.heartbeat()           # 20 s later: alive
    watch = DeskWatch(store, clock=lambda: 100.0)
    watch.poll()
    assert [e.kind for e in watch.events_by_desk()["Bàn 2"]] == ["alive", "alive"]
    assert watch.ago_s("Bàn 2") == 0 and not watch.unseen("Bàn 2")
