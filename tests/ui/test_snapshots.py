"""Snapshots (pytest-textual-snapshot) of every panel and dialog, at 120x40 and 80x24, in
Vietnamese and in English: what a person sees, kept as SVGs in __snapshots__/.

    .venv/bin/python -m pytest tests/ui/test_snapshots.py --snapshot-update   # after a wanted change

The clock is fixed (app.now and the store's now), cursors do not blink, and every store call has
answered before the picture is taken. Three delegates are checked in (fixed times) so the desk,
the attendance line and the introduction list show arrivals.
"""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from store.service import Service

from ..conftest import FIXED_NOW, make_app
from .pilot import press
from .pilot import snapshot_keys as keys

ARRIVED = ("Vũ Đức Bảo", "Nguyễn Văn Phong", "Bùi Đức Hòa")
CSV = "Họ và tên,Chức vụ,Đơn vị\nLê Thị Hoa,Chuyên viên,Phu Tho\n,Chuyên viên,Phú Thọ\nĐào Văn Nam,Chuyên viên,Hà Tây\n"


async def fill_export(pilot) -> None:
    pilot.app.screen.query_one("#export-path", Input).value = "dai-bieu.xlsx"


async def preview_import(pilot) -> None:
    await press(pilot, *"moi.csv", "enter")


#: name -> (panel the app opens on, what to do before the picture)
SCREENS = {
    "desk": ("delegates", keys()),
    "agenda": ("agenda", keys()),
    "scorecards": ("scorecards", keys()),
    "covenant": ("covenant", keys()),
    "help": ("delegates", keys("f1")),
    "confirm": ("delegates", keys(*"vu duc bao", "ctrl+r")),
    "form_add": ("delegates", keys(*"tran thi ut", "ctrl+n")),
    "form_edit": ("delegates", keys(*"vu duc bao", "ctrl+t")),
    "unit_picker": ("delegates", keys("f7")),
    "introduction": ("delegates", keys("f8")),
    "import_preview": ("delegates", keys("ctrl+g", then=preview_import)),
    "export": ("delegates", keys("ctrl+l", then=fill_export)),
}
SIZES = {"120x40": (120, 40), "80x24": (80, 24)}


@pytest.fixture
def fixed_service(sample_copy):
    service = Service.open(sample_copy, operator="tester", now=lambda: FIXED_NOW)
    for n, name in enumerate(ARRIVED):
        code = next(d.code for d in service.delegates.all() if d.full_name == name)
        service.delegates.check_in(code, desk="Cửa A", at=FIXED_NOW - dt.timedelta(minutes=20 - 7 * n))
    yield service
    service.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(SCREENS))
def test_snapshot(name, size, lang, fixed_service, snap_compare, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "moi.csv").write_text(CSV, encoding="utf-8")
    panel, run_before = SCREENS[name]
    app = make_app(fixed_service, panel=panel, lang=lang)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
