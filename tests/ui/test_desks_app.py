"""Several desks in the app: a desk laptop (`--desk`) checks people in by keyboard into its own
journal and never writes the store; the other desks' events show within a refresh, with each
desk's last event and how long ago, and a person recorded at two desks said on the line; the
main laptop folds the desks' events into its store."""

from __future__ import annotations

import datetime as dt

from store.replication.desk_events import CHECK_IN, DeskJournal
from store.replication.desk_laptop import DeskLaptop
from store.service import Service
from tests.conftest import desk_rows, make_app, settle, wait_for


async def test_a_desk_laptop_checks_in_by_keyboard_and_sees_the_other_desks(sample_copy):
    before = sample_copy.read_bytes()
    laptop = DeskLaptop(sample_copy, "Bàn 2", "laptop-2")
    app = make_app(laptop, desk="Bàn 2")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*"vu duc bao", "enter")
        await settle(pilot)
        bao = next(d for d in laptop.delegates.all() if d.full_name == "Vũ Đức Bảo")
        assert bao.checked_in_at and bao.checkin_desk == "Bàn 2"
        assert app.check_action("switch_mode", ("agenda",)) is None  # the desk panel only

        other = DeskJournal(sample_copy, "Bàn 3", "laptop-3")
        phong = next(d for d in laptop.delegates.all() if d.full_name == "Nguyễn Văn Phong")
        other.append(CHECK_IN, phong.code, dt.datetime(2024, 11, 30, 8, 1))
        other.append(CHECK_IN, bao.code, dt.datetime(2024, 11, 30, 7, 59))  # earlier, during a split
        other.close()
        await wait_for(pilot, lambda: "Bàn 3: 07:59" in app.desks_line, timeout=30)
        await wait_for(pilot, lambda: "giây trước" in str(app.screen.query_one("#desks-line").render()))
        assert "Vũ Đức Bảo: Bàn 3 lúc 07:59, cũng ghi ở Bàn 2" in app.desks_line
        await wait_for(pilot, lambda: laptop.delegates.get(phong.code).checkin_desk == "Bàn 3")
        rows = {row[0]: row for row in desk_rows(app)}
        assert rows["Nguyễn Văn Phong"][-1] == "08:01:00"
    laptop.close()
    assert sample_copy.read_bytes() == before  # a desk never writes the store


async def test_the_main_laptop_folds_the_desks_events_into_its_store(sample_copy):
    with Service.open(sample_copy) as service:
        code = service.delegates.all()[3].code
        app = make_app(service)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            desk = DeskJournal(sample_copy, "Bàn 2", "laptop-2")
            desk.append(CHECK_IN, code, dt.datetime(2024, 11, 30, 8, 14))
            desk.close()
            await wait_for(pilot, lambda: service.delegates.get(code).checked_in_at is not None, timeout=30)
            d = service.delegates.get(code)
            assert (d.checked_in_at, d.checkin_desk) == ("2024-11-30T08:14:00", "Bàn 2")
            await wait_for(pilot, lambda: "Bàn 2: 08:14" in app.desks_line)


async def test_a_desk_laptop_says_before_it_closes_that_its_check_ins_have_not_left(sample_copy, tmp_path,
                                                                                    monkeypatch):
    monkeypatch.setenv("HOINGHI_SYNC_HOME", str(tmp_path / "no-syncthing-here"))
    laptop = DeskLaptop(sample_copy, "Bàn 2", "laptop-2")
    app = make_app(laptop, desk="Bàn 2")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "ConfirmDialog")
        assert "chưa gửi tới Syncthing" in str(app.screen.query_one("#confirm-message").render())
        await pilot.press("k")
        await settle(pilot)
        assert app.is_running
    laptop.close()


async def test_a_desk_laptop_offers_no_change_to_the_list(sample_copy):
    laptop = DeskLaptop(sample_copy, "Bàn 2", "laptop-2")
    app = make_app(laptop, desk="Bàn 2")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for action in ("add", "edit", "remove", "import"):
            assert app.screen.check_action(action, ()) is False
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "DeskScreen"  # no form opened
    laptop.close()
