"""The signing ceremony by keyboard: all 14 units from the panel and the full-screen
ceremony view, a typed signer with a corrected position, one unit absent (recorded, undone,
recorded again), a deputy signing K/T, the seal, and the refusal that names it."""

from __future__ import annotations

import datetime as dt
import itertools

from store.service import Service
from tests.conftest import make_app, screen_text, settle
from tests.ui.pilot import fill, press
from tui.widgets.key_bar import KeyBar


async def test_the_ceremony_by_keyboard(sample_copy):
    ticks = itertools.count()
    clock = lambda: dt.datetime(2024, 11, 30, 10, 30) + dt.timedelta(seconds=40 * next(ticks))  # noqa: E731
    service = Service.open(sample_copy, operator="lan", now=clock, backup_keep=0)
    try:
        app = make_app(service, panel="covenant")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            # Hà Nội from the panel: Enter on the unit, Enter takes the highest ranked delegate
            await press(pilot, "enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "SignDialog"
            await press(pilot, "enter")
            await settle(pilot)
            hn = service.covenant.signatures()[-1]
            assert (hn.unit_code, hn.signer, hn.authority) == ("HN", "Vũ Đức Bảo", "T/M")
            assert "1/14" in screen_text(app.screen.query_one("#signed-count"))

            # Phú Thọ: the highlight moved on to it; a name typed that is not on the list, the
            # position corrected
            await press(pilot, "enter")
            await settle(pilot)
            dialog = app.screen
            await press(pilot, *"Nguyễn Văn Mới")
            await pilot.pause()
            assert dialog.highlighted() is None and dialog.query_one("#position").value == ""
            await press(pilot, "tab")
            await press(pilot, *"Phó Trưởng Ban")
            await press(pilot, "enter")
            await settle(pilot)
            pt = service.covenant.signatures()[-1]
            assert (pt.unit_code, pt.signer, pt.position, pt.delegate_code) == (
                "PT", "Nguyễn Văn Mới", "Phó Trưởng Ban", None)

            # the rest from the full-screen ceremony view: the unit whose turn it is, large
            await press(pilot, "f6")
            await settle(pilot)
            ceremony = app.screen
            assert type(ceremony).__name__ == "CeremonyScreen"
            assert "VĨNH PHÚC" in screen_text(ceremony.query_one("#turn-unit"))
            for _ in range(10):  # Vĩnh Phúc … Thái Nguyên
                await press(pilot, "enter")
                await settle(pilot)
                await press(pilot, "enter")
                await settle(pilot)
            assert "Đã ký 12/14" in screen_text(ceremony.query_one("#progress-line"))
            assert "CAO BẰNG" in screen_text(ceremony.query_one("#turn-unit"))
            # Cao Bằng absent; taken back; absent again
            await press(pilot, "f7")
            await settle(pilot)
            await press(pilot, "c")
            await settle(pilot)
            assert service.covenant.signatures()[-1].absent
            await press(pilot, "ctrl+z")
            await settle(pilot)
            await press(pilot, "c")
            await settle(pilot)
            assert service.covenant.progress().current == "CB"
            await press(pilot, "f7")
            await settle(pilot)
            await press(pilot, "c")
            await settle(pilot)
            # Bắc Kạn: the deputy present on the list signs K/T for the head
            await press(pilot, "enter")
            await settle(pilot)
            assert "Trưởng Ban Tổ chức Tỉnh ủy Bắc Kạn" == app.screen.query_one("#on_behalf_of").value
            await press(pilot, "enter")
            await settle(pilot)
            bk = service.covenant.signatures()[-1]
            assert (bk.unit_code, bk.authority, bk.signer) == ("BK", "K/T", "Lò Quang Cường")
            # the seal, with fewer than every unit: asked, then the fingerprint is shown
            await press(pilot, "f8")
            await settle(pilot)
            assert "13/14" in screen_text(app.screen.query_one("#confirm-message"))
            await press(pilot, "c")
            await settle(pilot)
            covenant = service.covenant.get()
            assert covenant.sealed
            fingerprint = service.covenant.progress().fingerprint
            assert fingerprint in screen_text(ceremony.query_one("#seal-line"))
            # after the seal: the ceremony's keys leave the key bar and do nothing; the seal line
            # is said once (the message line does not repeat it)
            offered = {label for _, label, _ in ceremony.query_one(KeyBar).entries()}
            assert not offered & {"Ký", "Vắng mặt", "Niêm phong", "Hủy dòng ký cuối"}, offered
            await press(pilot, "ctrl+z", "f7", "enter")
            await settle(pilot)
            assert type(app.screen).__name__ == "CeremonyScreen" and service.covenant.get() == covenant
            assert fingerprint not in screen_text(ceremony.query_one("#ceremony-message"))
            await press(pilot, "escape")
            await settle(pilot)
            assert type(app.screen).__name__ == "CovenantScreen"
            assert fingerprint in screen_text(app.screen.query_one("#seal-line"))
        actions = [e.action for e in service.audit.entries()]
        assert actions.count("covenant.sign") == 13 and actions.count("covenant.absent") == 2
        assert actions.count("covenant.sign.undo") == 1 and actions[-1] == "covenant.seal"
        assert service.check() == []
    finally:
        service.close()


async def test_handovers_and_the_next_head_from_the_panel(service):
    app = make_app(service, panel="covenant")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f9", "f9")  # signing -> text -> handovers
        await settle(pilot)
        table = app.screen.query_one("#handovers")
        assert [str(c) for c in table.get_row("H1")][3] == "100.000.000 đ"
        await press(pilot, "enter")
        await settle(pilot)
        h1 = next(h for h in service.covenant.handovers() if h.code == "H1")
        assert h1.handed_over and str(table.get_row("H1")[4]) == f"đã trao {h1.handed_at[11:16]}"
        totals = screen_text(app.screen.query_one("#handover-totals"))
        assert "5 khoản, tổng 600.000.000 đ; đã trao 1 khoản, 100.000.000 đ" in totals
        await press(pilot, "ctrl+k")
        await settle(pilot)
        form = app.screen
        form.query_one("#next_head_unit").value = "PT"
        form.query_one("#next_head_name").focus()
        await fill(pilot, "Đặng Công Sơn")
        await press(pilot, "enter")
        await settle(pilot)
        covenant = service.covenant.get()
        assert (covenant.next_head_unit, covenant.next_head_name) == ("PT", "Đặng Công Sơn")
        await press(pilot, "f9")
        await settle(pilot)
        assert "Phú Thọ — Đặng Công Sơn" in screen_text(app.screen.query_one("#next-head"))


async def test_tab_moves_between_the_fields_of_the_covenant_form(service):
    """The covenant's forms dropped the screen's own Tab binding (Tab typed nowhere)."""
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "f5", "f9", "ctrl+e")  # the text view, then its form
        await settle(pilot)
        first = app.focused
        await press(pilot, "tab")
        await pilot.pause()
        assert app.focused is not None and app.focused is not first
        await press(pilot, "shift+tab")
        await pilot.pause()
        assert app.focused is first
