"""Small and projected screens: at 80x24 every panel works, at 120x40 no
essential column is off-screen, notifications never cover the tally or the message line."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from ..conftest import make_app, screen_text, settle

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("panel", ["delegates", "agenda", "scorecards", "covenant"])
async def test_key_bar_keeps_help_and_quit_in_view_at_80x24(service, panel, lang):
    app = make_app(service, panel=panel, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app.screen.query_one("KeyBar")).rstrip()
        quit_label = "Thoát" if lang == "vi" else "Quit"
        assert text.lstrip().startswith("F1 ") and text.endswith(f"^Q {quit_label}")
        assert cell_len(text) <= 80


async def test_attendance_never_breaks_a_unit_name(service):
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app.screen.query_one("#attendance")).splitlines()
        assert len(lines) > 1
        names = [u.short_name for u in service.conference.units()]
        for line in lines:
            assert cell_len(line) <= 78
            for entry in line.split("  ·  "):
                entry = entry.strip()
                if entry and entry != "…" and "/" in entry:
                    name = entry.rsplit(" ", 1)[0]
                    assert name in names or name in ("Khách mời",) or name.startswith("Có mặt"), entry
        shown = " ".join(lines)
        assert all(name in shown for name in names)


def test_attendance_lay_out_ends_with_ellipsis_when_lines_run_out():
    from tui.widgets.attendance import lay_out

    entries = [(f"Đơn vị số {n} 0/4", "") for n in range(40)]
    lines = lay_out(entries, 40, max_lines=3)
    assert len(lines) == 3 and lines[-1][-1][0] == "…"
    assert lay_out([("x" * 50, "")], 20) == [[("x" * 19 + "…", "")]]


async def test_desk_rows_end_in_an_ellipsis_at_80x24(service):
    app = make_app(service)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listing = app.screen.query_one("#delegates")
        line = "".join(segment.text for segment in listing.render_line(0))
        assert "…" in line and cell_len(line) <= 80


async def test_agenda_status_and_actual_times_are_on_screen_at_120x40(sample_copy):
    import json

    from store.service import Service

    data = json.loads(sample_copy.read_text(encoding="utf-8"))
    first = data["agenda"]["1"]
    first.update(status="done", actual_start="2024-11-30T08:00:10", actual_end="2024-11-30T08:06:02")
    sample_copy.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    service = Service.open(sample_copy, operator="test")
    try:
        app = make_app(service, panel="agenda")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#agenda", DataTable)
            assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 120
            for key, longest in (("status", "Chưa bắt đầu"), ("actual", "08:00:10 – 08:06:02")):
                assert table.columns[key].get_render_width(table) >= cell_len(longest) + 2
    finally:
        service.close()


async def test_covenant_target_is_on_screen_at_120x40(service):
    app = make_app(service, panel="covenant")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for table_id in ("#groups", "#signatures"):
            table = app.screen.query_one(table_id, DataTable)
            assert sum(c.get_render_width(table) for c in table.ordered_columns) <= 120


@pytest.mark.parametrize("size", SIZES)
async def test_notifications_never_cover_the_tally_or_the_message_line(service, size):
    from textual.widgets._toast import Toast

    app = make_app(service)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        for _ in range(3):
            app.notify("Một thông báo khá dài để xem nó chiếm bao nhiêu chỗ trên màn hình " * 2, timeout=30)
        await pilot.pause()
        await pilot.pause(0.1)
        assert list(app.screen.query(Toast))
        screen = app.screen
        for selector in ("#attendance", "#desk-message", "#status", "KeyBar"):
            region = screen.query_one(selector).region
            for y in range(region.y, region.bottom):
                for x in range(region.x, region.right, 4):
                    widget, _ = screen.get_widget_at(x, y)
                    assert not isinstance(widget, Toast) and not isinstance(widget.parent, Toast), (selector, x, y)
