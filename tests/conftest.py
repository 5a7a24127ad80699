from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path

import pytest

from .matrix import DeselectSlow, add_slow_option, mark_snapshot_matrix

def ticking_clock(start: dt.datetime = dt.datetime(2024, 11, 30, 10, 0), step_s: int = 15):
    """A clock for the store that moves `step_s` seconds at each reading, from `start`."""
    ticks = itertools.count()
    return lambda: start + dt.timedelta(seconds=step_s * next(ticks))


ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample.json"


def pytest_addoption(parser: pytest.Parser) -> None:
    add_slow_option(parser)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(DeselectSlow(config), "deselect-slow")


@pytest.hookimpl(tryfirst=True)  # before `-m` reads the marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_snapshot_matrix(items)


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the demo conference."""
    path = tmp_path / "hoinghi.json"
    shutil.copyfile(SAMPLE, path)
    return path


@pytest.fixture
def service(sample_copy: Path):
    from store.service import Service

    svc = Service.open(sample_copy, operator="tester")
    yield svc
    svc.close()


@pytest.fixture(autouse=True)
def no_user_settings(tmp_path, monkeypatch):
    """Tests never read the developer's own settings file."""
    monkeypatch.setenv("HOINGHI_CONFIG", str(tmp_path / "no-settings.json"))


@pytest.fixture(autouse=True)
def default_language_and_keys():
    """Every test starts in Vietnamese with the default keys, whatever the test before it in the
    same process chose (the language and the checked keymap are module state of tui.i18n /
    tui.actions; each xdist worker is a process of its own with its own copy)."""
    from tui import actions, i18n

    i18n.set_language("vi")
    actions.set_keymap({})
    yield
    i18n.set_language("vi")
    actions.set_keymap({})


#: the fixed time shown by the app in tests (header clock, "saved HH:MM:SS")
FIXED_NOW = dt.datetime(2024, 11, 30, 8, 30, 0)


def make_app(service, **kwargs):
    from tui.app import HoiNghiApp

    kwargs.setdefault("now", lambda: FIXED_NOW)
    return HoiNghiApp(service, **kwargs)


async def settle(pilot) -> None:
    """Until every store call has answered and its messages have been shown."""
    from .ui.pilot import settle as settle_once

    await settle_once(pilot)


async def wait_for(pilot, condition, timeout: float = 10.0) -> None:
    """Pause until `condition()` holds (a Pilot wait, not a fixed sleep)."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the screen never reached the expected state"
        await pilot.pause(0.01)


def screen_text(widget) -> str:
    return str(widget.render())


def table_rows(table) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def desk_rows(app) -> list[list[str]]:
    """The desk's result rows as shown: name, position, unit, check-in time."""
    listing = app.screen.query_one("#delegates")
    return [list(listing.cells(code)) for code in listing.codes]
