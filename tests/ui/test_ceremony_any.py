"""The ceremony from any conference, by keyboard: a conference built from a filled
workbook whose signing-order column was left blank; a unit taken out of the order (-) and put
back (+); then Enter, Enter per unit (the highlight moves to the unit whose turn it is); the seal;
after it the key bar offers no signing key and the seal is said once. And the signing table's
signer and time columns are never cut where there is room (80x24, 120x40)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable

from store.service import Service
from tests.conftest import make_app, screen_text, settle, ticking_clock
from tests.ui.pilot import press
from tests.workbook_fill import UNITS, fill_conference
from tui.cli.main import main
from tui.widgets.key_bar import KeyBar


def _conference(tmp_path: Path) -> Path:
    template, filled, db = tmp_path / "t.xlsx", tmp_path / "f.xlsx", tmp_path / "x.json"
    assert main(["template", "conference", "-o", str(template)]) == 0
    fill_conference(template, filled)
    assert main(["--db", str(db), "new", "--from", str(filled)]) == 0
    return db


def _clock(start=dt.datetime(2025, 11, 28, 10, 0)):
    return ticking_clock(start, 40)


def _highlighted(app) -> str:
    table = app.screen.query_one("#signatures", DataTable)
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


async def test_the_ceremony_of_a_workbook_conference_is_enter_enter_per_unit(tmp_path):
    service = Service.open(_conference(tmp_path), operator="lan", now=_clock(), backup_keep=0)
    try:
        app = make_app(service, panel="covenant")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert "0/4" in screen_text(app.screen.query_one("#signed-count"))
            assert _highlighted(app) == "TH"
            # Thanh Hóa out of the order (asked), then back at its end
            await press(pilot, "minus")
            await settle(pilot)
            await press(pilot, "c")
            await settle(pilot)
            assert service.covenant.get().signing_order == ("NA", "HT", "QB")
            await press(pilot, "plus")
            await settle(pilot)
            await press(pilot, "ctrl+y")
            await settle(pilot)
            assert service.covenant.get().signing_order == ("NA", "HT", "QB", "TH")
            assert _highlighted(app) == "NA"
            for code, _, _ in (UNITS[1], UNITS[2], UNITS[3], UNITS[0]):
                assert _highlighted(app) == code
                if code == "HT":  # Hà Tĩnh absent (F7, asked): the highlight moves on the same way
                    await press(pilot, "f7")
                    await settle(pilot)
                    await press(pilot, "c")
                    await settle(pilot)
                    assert service.covenant.signatures()[-1].absent
                    continue
                await press(pilot, "enter")
                await settle(pilot)
                assert type(app.screen).__name__ == "SignDialog"
                await press(pilot, "enter")
                await settle(pilot)
                assert service.covenant.signatures()[-1].unit_code == code
            assert "3/4" in screen_text(app.screen.query_one("#signed-count"))
            await press(pilot, "f8")  # with one absent: asked as sealing with fewer
            await settle(pilot)
            await press(pilot, "c")
            await settle(pilot)
            assert service.covenant.get().sealed
            fingerprint = service.covenant.progress().fingerprint
            panel = app.screen
            assert fingerprint in screen_text(panel.query_one("#seal-line"))
            assert fingerprint not in screen_text(panel.query_one("#covenant-message"))
            offered = {label for _, label, _ in panel.query_one(KeyBar).entries()}
            assert not offered & {"Vắng mặt", "Niêm phong", "Hủy dòng ký cuối", "Chuyển lên trước",
                                  "Thêm đơn vị vào thứ tự ký", "Bỏ đơn vị khỏi thứ tự ký"}, offered
        assert service.check() == []
    finally:
        service.close()


async def test_readiness_and_the_panel_before_anything_is_signed(tmp_path):
    service = Service.open(_conference(tmp_path), operator="lan", backup_keep=0)
    try:
        service.covenant.remove_from_order("QB")
        app = make_app(service, panel="setup")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            said = screen_text(app.screen.query_one("#setup-gaps"))
            assert "1 đơn vị chưa có trong thứ tự ký giao ước: Quảng Bình" in said, said
    finally:
        service.close()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_signer_and_time_are_never_cut(sample_copy, size):
    """Signed live from an empty table (the widths once came from "—" and the header): every
    signer and every time shows whole."""
    service = Service.open(sample_copy, operator="lan", now=_clock(dt.datetime(2024, 11, 30, 23, 59)),
                           backup_keep=0)
    try:
        app = make_app(service, panel="covenant")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            table = app.screen.query_one("#signatures", DataTable)
            before = {c.key.value: c.get_render_width(table) for c in table.ordered_columns}
            for row in range(3):
                table.move_cursor(row=row)
                await press(pilot, "enter")
                await settle(pilot)
                await press(pilot, "enter")
                await settle(pilot)
            shown = {c.key.value: c.get_render_width(table) for c in table.ordered_columns}
            assert shown == before  # sized once, not per signing
            table.move_cursor(row=3)
            await press(pilot, "enter")  # Tuyên Quang: a name no delegate has, typed
            await settle(pilot)
            await press(pilot, *"Nguyễn Thị Phương Thảo Linh", "enter")
            await settle(pilot)
            assert [s.unit_code for s in service.covenant.signatures()] == ["HN", "PT", "VP", "TQ"]
            padding = 2 * table.cell_padding
            columns = {c.key.value: c.get_render_width(table) - padding for c in table.ordered_columns}
            for s in service.covenant.signatures():
                assert cell_len(s.signer) <= columns["signer"], (s.signer, columns["signer"])
            times = [str(table.get_cell(code, "time")) for code in ("HN", "PT", "VP", "TQ")]
            assert all(len(t) == 5 and t[2] == ":" for t in times), times
            assert columns["time"] >= 5
            assert sum(columns.values()) + padding * len(columns) <= size[0]
    finally:
        service.close()
