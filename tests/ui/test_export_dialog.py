"""The export dialog shared by the panels: the desk's export follows the desk's order
and unit filter; every panel's export (desk, ranking, covenant) never overwrites a file without
asking."""

from __future__ import annotations

import csv
import io

import pytest

from store.models import roster
from store.io.exports import EXPORTS

from ..conftest import make_app, settle, wait_for
from .pilot import press


def _names(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    return [row[1] for row in rows[1:]]


async def _open_export(pilot, path) -> None:
    await press(pilot, "ctrl+l")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "ExportDialog")
    pilot.app.screen.query_one("#export-path").value = str(path)
    await press(pilot, "enter")
    await settle(pilot)


async def test_export_follows_the_desks_order_and_unit_filter(service, tmp_path):
    units = service.conference.units()
    everyone = service.delegates.all()
    unit = max(units, key=lambda u: sum(d.unit_code == u.code for d in everyone))
    out = tmp_path / "ds.csv"
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        desk = app.screen
        desk.action_cycle_order()  # protocol -> unit -> name
        desk.action_cycle_order()
        desk.state.choose_unit(unit.code)
        await settle(pilot)
        await press(pilot, "ctrl+l")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ExportDialog")
        papers = app.screen.query_one("#export-papers")
        chosen = str(papers.get_option_at_index(papers.highlighted).prompt)
        assert unit.short_name in chosen and "theo tên" in chosen
        app.screen.query_one("#export-path").value = str(out)
        await press(pilot, "enter")
        await settle(pilot)
    chosen = [d for d in everyone if d.unit_code == unit.code]
    assert 1 < len(chosen) < len(everyone)
    assert _names(out.read_bytes()) == [d.full_name for d in roster.sort_delegates(chosen, "name", units)]


async def test_an_existing_file_is_overwritten_only_after_yes(service, tmp_path):
    out = tmp_path / "ds.csv"
    out.write_bytes(b"keep me")
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_export(pilot, out)
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert "ds.csv" in str(app.screen.query_one("#confirm-message").render())
        await press(pilot, "escape")  # no
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportDialog"
        assert out.read_bytes() == b"keep me"
        await press(pilot, "enter")  # asks again
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmDialog"
        await press(pilot, "enter")  # yes
        await settle(pilot)
        assert type(app.screen).__name__ == "DeskScreen"
    assert _names(out.read_bytes()) == [
        d.full_name for d in roster.sort_delegates(service.delegates.all(), "protocol",
                                                   service.conference.units())]


async def test_a_new_file_is_written_without_a_question(service, tmp_path):
    out = tmp_path / "new.md"
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_export(pilot, out)
        assert type(app.screen).__name__ == "DeskScreen"
    assert out.read_bytes().startswith(b"| STT |")


@pytest.mark.parametrize("panel, what, name, screen", [
    ("covenant", "covenant", "giao-uoc.md", "CovenantScreen"),
    ("scorecards", "ranking", "xep-hang.csv", "ScorecardsScreen"),
])
async def test_the_covenant_and_ranking_exports_overwrite_only_after_co(panel, what, name, screen,
                                                                       service, tmp_path):
    out = tmp_path / name
    out.write_bytes(b"keep me")
    app = make_app(service, panel=panel)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_export(pilot, tmp_path / "ket-qua.docx")  # a format it does not write
        said = str(app.screen.query_one("#export-message").render())
        assert ", ".join(f".{fmt}" for fmt in EXPORTS[what].formats) in said
        app.screen.query_one("#export-path").value = str(out)
        await press(pilot, "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert name in str(app.screen.query_one("#confirm-message").render())
        await press(pilot, "k")  # Không
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportDialog"
        assert out.read_bytes() == b"keep me"
        await press(pilot, "enter")  # asks again
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmDialog"
        await press(pilot, "c")  # Có
        await settle(pilot)
        assert type(app.screen).__name__ == screen
    assert out.read_bytes() == EXPORTS[what].load()(service, out.suffix[1:], lang="vi")
