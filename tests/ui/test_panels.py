"""Every panel renders the demo data and hostile data; catalogs complete; import/export dialogs."""

from __future__ import annotations

import re
from pathlib import Path

import orjson
from textual.widgets import DataTable

from store.service import Service

from ..conftest import desk_rows, make_app, screen_text, settle, table_rows, wait_for
from .pilot import fill, press

ROOT = Path(__file__).resolve().parent.parent.parent


def test_catalogs_have_the_same_keys_and_every_used_key_exists():
    from tui import i18n

    i18n.catalog.cache_clear()
    vi, en = i18n.catalog("vi"), i18n.catalog("en")  # each with its parts (vi.<area>.json)
    assert set(vi) == set(en)
    assert all(isinstance(v, str) for v in [*vi.values(), *en.values()])
    used = set()
    for path in (ROOT / "tui").rglob("*.py"):
        used |= set(re.findall(r'\bt\("([a-z_]+\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
        used |= set(re.findall(r'"(key\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in vi)
    assert not missing, missing
    from store.errors import REASONS

    assert [code for code in REASONS if f"reason.{code}" not in vi] == []  # every store reason is worded
    for key, text in vi.items():  # the same placeholders in both languages
        assert set(re.findall(r"{([^}]+)}", text)) == set(re.findall(r"{([^}]+)}", en[key])), key


async def test_every_panel_shows_the_demo_data(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "f2")
        rows = table_rows(app.screen.query_one("#agenda", DataTable))
        assert len(rows) == 14 and rows[0][3] == "Chào cờ"
        await press(pilot, "f4")
        ranking = app.screen.query_one("#ranking", DataTable)
        assert ranking.row_count == 14 and table_rows(ranking)[0][0] == "1"
        assert "49 mô hình" in screen_text(app.screen.query_one("#totals"))
        await press(pilot, "f5")
        assert "0/14" in screen_text(app.screen.query_one("#signed-count"))
        await press(pilot, "f1")
        await pilot.pause()
        assert "HelpScreen" == type(app.screen).__name__
        await press(pilot, "escape", "f3", "f8")
        await pilot.pause()
        assert type(app.screen).__name__ == "IntroductionScreen"


HOSTILE = [
    ("[b]Lê", "[/]", "[red]Hoa[/red]"),
    ("Nguye\u0302\u0303n", "Va\u0306n", "A\u0300nh"),  # NFD
    ("Trần\x1b[31m", "", "Esc\x1b]0;pwned\x07"),
    ("X" * 500, "Y" * 500, "Z" * 500),
]


def write_hostile_store(path: Path) -> None:
    raw = orjson.loads(path.read_bytes())
    for i, (family, middle, given) in enumerate(HOSTILE):
        raw["delegates"][str(900 + i)] = {
            "code": f"H{i}", "family": family, "middle": middle, "given": given,
            "position": "[bold]Chức vụ[/bold] \x1b[2J", "unit_code": "HN", "note": "[link=x]y",
            "checked_in_at": "2024-11-30T08:00:00", "on_behalf_of": "[i]"}
    raw["agenda"]["1"]["title"] = "[b]Chào cờ\x1b[0m"
    raw["units"]["1"]["short_name"] = "[u]Hà Nội"
    path.write_bytes(orjson.dumps(raw))


async def test_hostile_data_renders_literally_on_every_panel(sample_copy):
    write_hostile_store(sample_copy)
    with Service.open(sample_copy) as service:
        app = make_app(service)
        async with app.run_test(size=(120, 40)) as pilot:
            await press(pilot, *"le")
            rows = desk_rows(app)
            assert any(r[0] == "[b]Lê [/] [red]Hoa[/red]" for r in rows)
            await press(pilot, "escape", *"tran")
            rows = desk_rows(app)
            shown = next(r for r in rows if r[0].startswith("Trần") and "Esc" in r[0])
            assert "\x1b" not in "".join(shown) and "␛" in shown[0]
            await press(pilot, "escape", *"nguyen van anh")
            assert desk_rows(app)
            for key in ("f8", "escape", "f2", "f4", "f5", "f1", "escape", "f3"):
                await press(pilot, key)
                await pilot.pause()
            assert app.screen.query_one("#delegates")
            await press(pilot, "f2")
            assert table_rows(app.screen.query_one("#agenda", DataTable))[0][3].startswith("[b]Chào cờ")


async def test_import_dialog_previews_then_imports_on_confirm(service, sample_copy, tmp_path):
    csv = tmp_path / "moi.csv"
    csv.write_text("Họ và tên,Chức vụ,Đơn vị\nLê Thị Hoa,Chuyên viên,Phu Tho\n"
                   ",Chuyên viên,Phú Thọ\nĐào Văn Nam,Chuyên viên,Hà Tây\n"
                   "Trần Văn Bình,Chuyên viên,Phú Thọo\n", encoding="utf-8")
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "ctrl+g")
        await pilot.pause()
        await press(pilot, *str(csv), "enter")
        await settle(pilot)
        report = screen_text(app.screen.query_one("#import-report"))
        # a name missing and a unit misspelt are refused; a non-member organization is a guest
        assert "2 thêm mới" in report and "2 bị từ chối" in report and "Dòng 5" in report
        assert len(service.delegates.all()) == 62  # nothing until confirmed
        await press(pilot, "ctrl+y")
        await settle(pilot)
        added = {d.full_name: d for d in service.delegates.all()}
        assert added["Lê Thị Hoa"].unit_code == "PT"
        assert added["Đào Văn Nam"].guest and added["Đào Văn Nam"].organization == "Hà Tây"
        assert "Trần Văn Bình" not in added
        assert type(app.screen).__name__ == "DeskScreen"


async def test_export_dialog_writes_the_list(service, tmp_path):
    out = tmp_path / "ds.csv"
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "ctrl+l")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(out)
        await press(pilot, "enter")
        await settle(pilot)
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("STT,Họ và tên") and "Nguyễn Văn Phong" in text


async def test_palette_finds_a_delegate_by_initials_and_opens_the_desk_on_them(service):
    app = make_app(service, panel="agenda")
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "ctrl+p")
        await pilot.pause()
        await press(pilot, *"nvp")
        await wait_for(pilot, lambda: "Nguyễn Văn Phong" in str(app.screen.query_one("CommandList").get_option_at_index(0).prompt)
                       if app.screen.query("CommandList") and app.screen.query_one("CommandList").option_count else False)
        await press(pilot, "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "DeskScreen" and app.screen.highlighted() is not None)
        assert type(app.screen).__name__ == "DeskScreen"
        phong = app.screen.highlighted()
        assert phong is not None and phong.full_name == "Nguyễn Văn Phong"


async def test_f9_cancels_the_highlighted_arrival_after_confirmation(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        for name in ("vu duc bao", "nguyen van phong"):
            await press(pilot, *name, "enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
        await fill(pilot, "vu duc bao")
        await press(pilot, "f9")
        await pilot.pause()
        assert "Vũ Đức Bảo" in screen_text(app.screen.query_one("#confirm-message"))
        await press(pilot, "y")  # English "yes" is not an answer in Vietnamese: Có is C
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await press(pilot, "c")
        await settle(pilot)
        bao = next(d for d in service.delegates.all() if d.full_name == "Vũ Đức Bảo")
        phong = next(d for d in service.delegates.all() if d.full_name == "Nguyễn Văn Phong")
        assert bao.checked_in_at is None and phong.checked_in_at is not None
        assert service.audit.entries()[-1].action == "checkin.undo"
        await press(pilot, "ctrl+z")  # the last check-in left: Phong's, not Bảo's again
        await settle(pilot)
        assert service.delegates.get(phong.code).checked_in_at is None
        await press(pilot, "escape", *"vu duc bao", "f9")
        await pilot.pause()
        assert "chưa được ghi nhận đến" in screen_text(app.screen.query_one("#desk-message"))
