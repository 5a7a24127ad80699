"""Two desks and the main laptop, each with its own folder and its own Syncthing on loopback
(never skipped: a machine without Syncthing fails here). 100 check-ins spread over the three,
a namesake, and the same person checked in at both desks while one desk is cut off: every laptop
converges on the same attendance, the conflict shown on both desks, the store holding everyone.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.replication import syncthing
from store.replication.desk_events import CHECK_IN, read_events
from store.replication.desk_laptop import DeskLaptop
from store.service.desks import fold_desks, merged_view
from store.replication.watch import DeskWatch
from store.service import Service

FOLDER_ID = "hoinghi-test"
PEOPLE = 100


def _wait(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def _store_with_people(path: Path) -> list[str]:
    shutil.copy("sample.json", path)
    with Service.open(path) as service:
        units = [u.code for u in service.conference.units()]
        middles = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thành", "Ngọc")
        givens = ("An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Lâm", "Mạnh", "Nam",
                  "Phúc", "Quân", "Sơn", "Tùng")
        adds = [{"family": "Khổng", "middle": m, "given": g, "unit_code": units[i % len(units)],
                 "position": "Chuyên viên"} for i, (m, g) in enumerate((m, g) for m in middles for g in givens)]
        # namesakes: the same name in two units, told apart by unit and position
        adds += [{"family": "Trần", "middle": "Thị", "given": "Hoa", "unit_code": units[0], "position": "Phó Trưởng ban"},
                 {"family": "Trần", "middle": "Thị", "given": "Hoa", "unit_code": units[1], "position": "Chuyên viên"}]
        assert len(adds) == PEOPLE
        service.delegates.import_many(adds, [], source="test")
        return [d.code for d in service.delegates.all() if d.family in ("Khổng", "Trần") and d.position]


def _laptops(tmp_path: Path, homes) -> tuple[list[syncthing.Home], list[Path], list[str]]:
    folders = [tmp_path / name for name in ("chinh", "ban1", "ban2")]
    made, ids = [], []
    for name, folder in zip(("chinh", "ban1", "ban2"), folders):
        home = homes(name)
        ids.append(syncthing.init(home, folder=folder, folder_id=FOLDER_ID, name=name,
                                  listen=f"tcp://127.0.0.1:{syncthing.free_port()}"))
        made.append(home)
    ports = [h.listen_address() for h in made]
    for home in made:
        syncthing.start(home)
    for i, home in enumerate(made):
        for j, other in enumerate(ids):
            if i != j:
                syncthing.add_device(home, other, address=ports[j], name=("chinh", "ban1", "ban2")[j])
    return made, folders, ids


@pytest.mark.slow  # three real Syncthing instances and 100 check-ins: ~26 s
def test_two_desks_and_the_main_laptop_converge(tmp_path, syncthing_homes):
    homes, folders, ids = _laptops(tmp_path, syncthing_homes)
    main_store = folders[0] / "hoinghi.json"
    codes = _store_with_people(main_store)
    desk_stores = [f / "hoinghi.json" for f in folders[1:]]
    assert _wait(lambda: all(p.exists() and p.read_bytes() == main_store.read_bytes() for p in desk_stores), 60)

    main = Service.open(main_store)
    watch = DeskWatch(main_store)
    desks = [DeskLaptop(desk_stores[0], "Bàn 1", "ban1"), DeskLaptop(desk_stores[1], "Bàn 2", "ban2")]
    try:
        namesakes = [c for c in codes if main.delegates.get(c).full_name == "Trần Thị Hoa"]
        others = [c for c in codes if c not in namesakes]
        # 100 check-ins: a third at each laptop, one of the namesakes at desk 1 by her own code
        desks[0].delegates.check_in_by_text(namesakes[1].lower(), desk="Bàn 1")
        for i, code in enumerate(others[:-1]):
            if i % 3 == 0:
                main.delegates.check_in(code, desk="chính")
            else:
                desks[i % 3 - 1].delegates.check_in(code)
        # a split: desk 2 cut off from everyone; the same person arrives at both desks
        split = others[-1]
        for device in ids[:2]:
            syncthing.pause(homes[2], device)
        desks[1].delegates.check_in(split, at=dt.datetime(2024, 11, 30, 8, 3))
        desks[0].delegates.check_in(split, at=dt.datetime(2024, 11, 30, 8, 5))
        for device in ids[:2]:
            syncthing.resume(homes[2], device)
        last = time.monotonic()
        for home in homes:
            syncthing.rescan(home)

        def converged() -> bool:
            for desk in desks:
                desk.refresh()
            if watch.poll():
                fold_desks(main, watch)
            everyone = {c: (a.at, a.desk) for c, a in merged_view(main, watch).arrivals.items()}
            return (len(everyone) == PEOPLE
                    and all({c: (a.at, a.desk) for c, a in d.merged.arrivals.items()} == everyone for d in desks))

        assert _wait(converged, 30), "the three laptops did not converge"
        took = time.monotonic() - last
        print(f"converged {took:.1f} s after the last check-in")
        assert took < 15
        for desk in desks:  # the conflict is shown on both desks
            assert desk.delegates.get(split).checkin_desk == "Bàn 2"
            assert desk.delegates.also(split) == (("Bàn 1", "2024-11-30T08:05:00"),)
        assert sum(1 for d in main.delegates.all() if d.checked_in_at and d.code in codes) == PEOPLE
        assert main.delegates.get(namesakes[1]).checkin_desk == "Bàn 1"
        assert main.delegates.get(namesakes[0]).checked_in_at is None
        # what a desk asks at quit: nothing of its own is still waiting to reach the others
        assert _wait(lambda: syncthing.pending_peers(homes[1]) == [], 30)
        syncthing.pause(homes[1], ids[0])  # cut off from the main laptop, then an undo here
        own = next(c for c in others if desks[0].delegates.get(c).checkin_desk == "Bàn 1")
        desks[0].delegates.undo_check_in(own)
        syncthing.rescan(homes[1])
        assert _wait(lambda: "chinh" in syncthing.pending_peers(homes[1]), 15)
    finally:
        for desk in desks:
            desk.close()
        main.close()


CHILD = """
import sys, time
from store.replication.desk_events import DeskJournal, CHECK_IN
journal = DeskJournal(sys.argv[1], "Bàn 3", "ban3")
for i in range(100000):
    journal.append(CHECK_IN, f"D{i:05d}")
    print(i, flush=True)
"""


def test_a_desk_killed_mid_append_keeps_every_acknowledged_event(tmp_path):
    store = tmp_path / "hoinghi.json"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(store)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.getcwd()})
    acked = -1
    assert child.stdout is not None
    while acked < 200:
        acked = int(child.stdout.readline())
    child.send_signal(signal.SIGKILL)
    child.wait()
    rest = child.stdout.read().split()
    acked = int(rest[-1]) if rest else acked
    journal = next((tmp_path / "hoinghi.json.desks").glob("*.journal"))
    events, good = read_events(journal.read_bytes())
    assert [e.seq for e in events] == list(range(1, len(events) + 1)) and len(events) >= acked + 1
    assert all(e.kind == CHECK_IN for e in events)
    reopened_watch = DeskWatch(store)
    reopened_watch.poll()
    assert len(reopened_watch.events_by_desk()["Bàn 3"]) == len(events)
