"""The agenda panel run by keyboard with a controllable clock (no sleeps): Enter at each change
of speaker, a minute more, the overtime in red, undo, re-plan, the speaker's message, an item
added by the form; and after a restart the running item still runs."""

from __future__ import annotations

import datetime as dt

from textual.widgets import DataTable, Digits, Input

from store.models.agenda import AgendaStatus
from store.service import Service

from ..conftest import make_app, settle, wait_for
from .pilot import fill, press


class Clock:
    def __init__(self) -> None:
        self.at = dt.datetime(2024, 11, 30, 8, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, **kwargs) -> None:
        self.at += dt.timedelta(**kwargs)


def digits(app, name: str) -> str:
    return app.screen.query_one(f"#run-{name}", Digits).value


def highlighted(app) -> str:
    table = app.screen.query_one("#agenda", DataTable)
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


async def test_the_day_run_by_keyboard(sample_copy):
    clock = Clock()
    service = Service.open(sample_copy, operator="Lan", now=clock)
    try:
        app = make_app(service, panel="agenda", now=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert highlighted(app) == "A01"
            await press(pilot, "enter")
            await settle(pilot)
            assert service.agenda.item("A01").status is AgendaStatus.RUNNING
            assert highlighted(app) == "A02"  # the highlight moved to the next item
            clock.advance(minutes=3, seconds=30)
            screen.tick()
            assert digits(app, "elapsed") == "03:30" and digits(app, "remaining") == "01:30"
            assert screen.query_one("#run-remaining-box").has_class("-warning")
            await press(pilot, "plus")
            await settle(pilot)
            assert service.agenda.item("A01").extra_min == 1 and digits(app, "remaining") == "02:30"
            clock.advance(minutes=4)  # 1:30 past the end
            screen.tick()
            assert digits(app, "remaining") == "+01:30" and screen.query_one("#run-remaining-box").has_class("-overtime")
            assert "Chậm 2 phút" in str(screen.query_one("#run-offset").render())
            await press(pilot, "enter")  # A02 starts, A01 ends now
            await settle(pilot)
            assert service.agenda.item("A01").actual_end == "2024-11-30T08:07:30"
            assert highlighted(app) == "A03"
            await press(pilot, "ctrl+z")  # undo: A01 runs again, A02 waits
            await settle(pilot)
            assert service.agenda.item("A02").status is AgendaStatus.PLANNED
            assert "Đã hoàn tác" in str(screen.query_one("#agenda-message").render())
            await press(pilot, "up", "enter")
            await settle(pilot)
            assert service.agenda.item("A02").status is AgendaStatus.RUNNING
            await press(pilot, "f8")  # re-plan: preview, Tab to shrink, Ctrl+Y applies
            await settle(pilot)
            assert type(app.screen).__name__ == "ReplanDialog"
            preview = app.screen.query_one("#replan-table", DataTable)
            assert preview.get_row("A03")[3].startswith("08:18")
            await press(pilot, "tab", "ctrl+y")
            await settle(pilot)
            assert app.screen is screen and service.agenda.item("A03").original_start == "08:15"
            assert service.audit.entries()[-1].action == "agenda.replan"
            await press(pilot, "f9")  # the speaker's message, blinking on the projector
            await settle(pilot)
            await fill(pilot, "Còn 2 phút")
            await press(pilot, "enter")
            await settle(pilot)
            assert service.agenda.run_state().message == "Còn 2 phút"
            assert "Còn 2 phút" in str(screen.query_one("#run-stage").render())
            await press(pilot, "ctrl+x")
            await settle(pilot)
            assert service.agenda.run_state().message == ""
            await press(pilot, "f6")
            await settle(pilot)
            assert service.agenda.timing().running is None
            await press(pilot, "ctrl+n")  # a new item after the highlighted one, checked as typed
            await settle(pilot)
            form = app.screen
            form.query_one("#duration_min", Input).value = "abc"
            await pilot.pause()
            assert "số nguyên" in str(form.query_one("#duration_min-error").render()).lower() or \
                form.query_one("#duration_min-error").has_class("-shown")
            form.query_one("#duration_min", Input).value = "5"
            form.query_one("#title", Input).value = "[b]Trình chiếu phim[/b]"
            await press(pilot, "enter")
            await settle(pilot)
            added = [i for i in service.agenda.items() if i.title == "[b]Trình chiếu phim[/b]"]
            assert added and app.screen is screen
            table = screen.query_one("#agenda", DataTable)
            assert str(table.get_row(added[0].code)[3]) == "[b]Trình chiếu phim[/b]"  # literally
    finally:
        service.close()


async def test_after_a_restart_the_running_item_runs_on(sample_copy):
    clock = Clock()
    with Service.open(sample_copy, operator="Lan", now=clock) as service:
        service.agenda.start("A01")
        clock.advance(minutes=2)
        service.agenda.start("A02")
    clock.advance(minutes=6, seconds=5)  # the app was closed (or crashed) and opened again
    with Service.open(sample_copy, operator="Lan", now=clock) as service:
        app = make_app(service, panel="agenda", now=clock)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert digits(app, "elapsed") == "06:05" and digits(app, "remaining") == "03:55"
            assert highlighted(app) == "A03"
            await wait_for(pilot, lambda: "Tuyên bố" in str(app.screen.query_one("#run-title").render()))
