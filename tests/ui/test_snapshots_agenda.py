"""Snapshots of the agenda panel while an item runs over (overtime in red, the day's offset, the
projected starts, the speaker's message shown to the operator) and of the projector view, at
80x24 and 160x50. The clock is fixed; the store holds a day under way written with that clock.

    .venv/bin/python -m pytest tests/ui/test_snapshots_agenda.py --snapshot-update
"""

from __future__ import annotations

import datetime as dt

import pytest

from store.service import Service
from tui.projector import ProjectorApp

from ..conftest import make_app
from .pilot import settle as settled

NOW = dt.datetime(2024, 11, 30, 8, 19, 40)
SIZES = {"80x24": (80, 24), "160x50": (160, 50)}


@pytest.fixture
def day_under_way(sample_copy):
    at = [dt.datetime(2024, 11, 30, 8, 0, 20)]
    with Service.open(sample_copy, operator="Lan", now=lambda: at[0]) as service:
        service.agenda.update("A08", fixed_start=True)
        service.agenda.start("A01")
        at[0] = dt.datetime(2024, 11, 30, 8, 6, 50)
        service.agenda.start("A02")
        at[0] = dt.datetime(2024, 11, 30, 8, 8, 0)
        service.agenda.set_message("Xin mời kết thúc", blink=False)
    return sample_copy


@pytest.mark.parametrize("size", SIZES)
def test_running_panel(size, day_under_way, snap_compare):
    service = Service.open(day_under_way, operator="Lan", now=lambda: NOW)
    try:
        app = make_app(service, panel="agenda", now=lambda: NOW)
        assert snap_compare(app, terminal_size=SIZES[size], run_before=settled)
    finally:
        service.close()


@pytest.mark.parametrize("size", SIZES)
def test_projector(size, day_under_way, snap_compare):
    app = ProjectorApp(day_under_way, lang="vi", now=lambda: NOW, poll_s=60)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=settled)
