"""Screens that fit: at 80x24 and 120x40 the ranking shows its tie-break
columns and whole unit names (a finalized card's 🔒 never cuts a name), the agenda keeps its
planned and projected times in view and its columns do not move while the day runs. Asserted on
the text the screen draws."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import DataTable

from store.service import Service
from tui import workers

from ..conftest import FIXED_NOW, make_app, settle
from .pilot import press

SIZES = [(80, 24), (120, 40)]
LONG = "Thừa Thiên Huế"


def shown_lines(app) -> list[str]:
    """The screen as drawn, one string per line."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def header_line(lines: list[str], first: str) -> str:
    return next(line for line in lines if line.lstrip().startswith(first))


@pytest.fixture
def long_named(sample_copy):
    """The demo with its leading unit renamed to the longest name of a province."""
    service = Service.open(sample_copy, operator="tester", now=lambda: FIXED_NOW)
    service.conference.update_unit("TN", short_name=LONG)
    yield service
    service.close()


# ---- the ranking --------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
async def test_ranking_shows_the_tie_break_columns_and_whole_names(long_named, size):
    app = make_app(long_named, panel="scorecards")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = shown_lines(app)
        header = header_line(lines, "Hạng")
        # the demo breaks ties on the bonus, the models and the own score, after the cluster total
        for title in ("Đơn vị", "Cụm chấm", "Thưởng", "Mô hình", "Tự chấm", "Đề nghị"):
            assert title in header, (title, header)
        assert header.index("Cụm chấm") < header.index("Thưởng") < header.index("Mô hình") < header.index("Tự chấm")
        first = next(line for line in lines if LONG in line)
        assert "107,25" in first and "Cờ thi đua" in first
        if size == (120, 40):  # room for every column: the explanation goes under the table
            for title in ("Trừ", "Đề án", "Nghị quyết", "Quy định"):
                assert title in header, (title, header)
            assert any("Ghi chú xếp hạng" in line for line in lines)


@pytest.mark.parametrize("size", SIZES)
async def test_a_finalized_card_marks_the_name_without_cutting_it(long_named, size):
    app = make_app(long_named, panel="scorecards")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "f9")  # finalize every card, confirmed with Enter
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        assert long_named.scoring.score("TN").locked
        lines = shown_lines(app)
        assert any(f"{LONG} 🔒" in line for line in lines), "\n".join(lines)
        assert not any(f"{LONG[:-1]}…" in line for line in lines)
        assert "Mô hình" in header_line(lines, "Hạng")


async def test_a_tie_break_criterion_brings_its_column_into_view_at_80x24(long_named):
    app = make_app(long_named, panel="scorecards")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Quy định" not in header_line(shown_lines(app), "Hạng")
        workers.run(app, "elsewhere", long_named.scoring.set_config,
                    tie_break=["cluster_total", "regulations", "models"])
        await settle(pilot)
        header = header_line(shown_lines(app), "Hạng")
        assert header.index("Cụm chấm") < header.index("Quy định") < header.index("Mô hình") < header.index("Đề nghị")


async def test_the_ranking_in_english_keeps_its_tie_break_columns_at_80x24(long_named):
    app = make_app(long_named, panel="scorecards", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = header_line(shown_lines(app), "Rank")
        for title in ("Unit", "Cluster", "Bonus", "Models", "Own", "Proposed"):
            assert title in header, (title, header)


# ---- the agenda ---------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.at = dt.datetime(2024, 11, 30, 8, 0, 0)

    def __call__(self) -> dt.datetime:
        return self.at


def column_widths(app) -> list[int]:
    table = app.screen.query_one("#agenda", DataTable)
    return [column.get_render_width(table) for column in table.ordered_columns]


@pytest.mark.parametrize("size", SIZES)
async def test_agenda_columns_stay_put_and_planned_times_in_view_while_the_day_runs(sample_copy, size):
    clock = Clock()
    service = Service.open(sample_copy, operator="Lan", now=clock)
    try:
        app = make_app(service, panel="agenda", now=clock)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            before = column_widths(app)
            assert sum(before) <= size[0]
            for minutes in (0, 6, 17):  # three items started, the first two finished
                clock.at = dt.datetime(2024, 11, 30, 8, minutes, 5)
                await press(pilot, "enter")
                await settle(pilot)
                app.screen.tick()
                await pilot.pause()
                assert column_widths(app) == before
            lines = shown_lines(app)
            header = header_line(lines, "TT")
            for title in ("Bắt đầu", "Trạng thái", "Thực tế", "Dự kiến"):
                assert title in header, (title, header)
            first = next(line for line in lines if line.lstrip().startswith("1 "))
            second = next(line for line in lines if line.lstrip().startswith("2 "))
            fourth = next(line for line in lines if line.lstrip().startswith("4 "))
            if size[0] >= 100:
                assert "08:00:05 – 08:06:05" in first and "08:06:05 – 08:17:05" in second
            else:
                assert "08:00–08:06" in first and "08:06–08:17" in second
            assert "08:40" in fourth and fourth.rstrip().endswith("08:42")  # planned and projected starts
    finally:
        service.close()


async def test_agenda_columns_are_sized_again_when_the_programme_changes(sample_copy):
    service = Service.open(sample_copy, operator="Lan", now=lambda: FIXED_NOW)
    try:
        app = make_app(service, panel="agenda", now=lambda: FIXED_NOW)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#agenda", DataTable)
            before = table.columns["title"].get_render_width(table)
            for item in service.agenda.items():
                workers.run(app, "elsewhere", service.agenda.update, item.code, title=f"Mục {item.order}")
            await settle(pilot)
            assert table.columns["title"].get_render_width(table) == len("Nội dung") + 2 < before
            assert "Dự kiến" in header_line(shown_lines(app), "TT")
    finally:
        service.close()
