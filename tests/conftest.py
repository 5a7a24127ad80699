from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample.json"


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


def make_app(service, **kwargs):
    from tui.app import HoiNghiApp

    return HoiNghiApp(service, **kwargs)


def screen_text(widget) -> str:
    return str(widget.render())


def table_rows(table) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def desk_rows(app) -> list[list[str]]:
    """The desk's result rows as shown: name, position, unit, check-in time."""
    listing = app.screen.query_one("#delegates")
    return [list(listing.cells(code)) for code in listing.codes]
