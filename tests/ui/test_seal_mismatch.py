"""A seal that no longer matches is never shown as sealed: a signer's name changed by
hand in the store file after the seal; the app says so in red at open, the covenant panel and the
ceremony view show a red line naming the unit and the field instead of the seal's code, the
projector's signing page too, and `export covenant` refuses unless --force, which prints
"KHÔNG KHỚP NIÊM PHONG" on every page."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import orjson
import pytest
from pypdf import PdfReader

from store.service import Service
from tests.conftest import make_app, screen_text, settle, ticking_clock
from tests.ui.pilot import press
from tui.cli.main import main
from tui.projector import ProjectorApp

SAID = "Chữ ký của Phú Thọ: người ký đã bị sửa sau niêm phong"


@pytest.fixture
def forged(sample_copy: Path) -> Path:
    clock = ticking_clock()
    with Service.open(sample_copy, operator="lan", now=clock, backup_keep=0) as service:
        for code in service.covenant.get().signing_order:
            best = service.covenant.candidates(code)[0]
            service.covenant.sign(code, signer=best.full_name, position=best.position)
        service.covenant.seal()
    raw = orjson.loads(sample_copy.read_bytes())
    next(d for d in raw["signatures"].values() if d["unit_code"] == "PT")["signer"] = "Người Khác"
    sample_copy.write_bytes(orjson.dumps(raw))
    return sample_copy


async def test_the_app_and_the_covenant_panel_say_what_no_longer_matches(forged):
    service = Service.open(forged, operator="lan", backup_keep=0)
    try:
        fingerprint = None
        app = make_app(service, panel="covenant")
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            assert app.status[1] and SAID in app.status[0]  # said at open, in red
            line = app.screen.query_one("#seal-line")
            assert SAID in screen_text(line) and line.has_class("-broken")
            fingerprint = service.covenant.progress().fingerprint
            assert fingerprint not in screen_text(line) and "Đã niêm phong" not in screen_text(line)
            await press(pilot, "f6")
            await settle(pilot)
            assert SAID in screen_text(app.screen.query_one("#seal-line"))
            assert screen_text(app.screen.query_one("#turn-unit")) == "KHÔNG KHỚP NIÊM PHONG"  # not "ĐÃ KÝ KẾT"
    finally:
        service.close()


async def test_the_projector_s_signing_page_says_it(forged):
    app = ProjectorApp(forged, now=lambda: dt.datetime(2024, 11, 30, 10, 30))
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "f8")
        await pilot.pause()
        said = str(app.query_one("#pj-signing-seal").render())
        assert "KHÔNG KHỚP NIÊM PHONG" in said and SAID in said


def test_export_refuses_unless_forced_then_marks_every_page(forged, tmp_path, capsys):
    out = tmp_path / "giao-uoc.pdf"
    assert main(["--db", str(forged), "export", "covenant", "-o", str(out)]) == 1
    said = capsys.readouterr().err
    assert SAID in said and "--force" in said and not out.exists()
    assert main(["--db", str(forged), "export", "covenant", "-o", str(out), "--force"]) == 0
    pages = PdfReader(io.BytesIO(out.read_bytes())).pages
    assert len(pages) >= 2 and all("KHÔNG KHỚP NIÊM PHONG" in p.extract_text() for p in pages)
    md = tmp_path / "giao-uoc.md"
    assert main(["--db", str(forged), "export", "covenant", "-o", str(md), "--force"]) == 0
    assert md.read_text(encoding="utf-8").startswith("**KHÔNG KHỚP NIÊM PHONG**")


def test_a_record_that_holds_exports_as_before(sample_copy, tmp_path):
    out = tmp_path / "giao-uoc.pdf"
    assert main(["--db", str(sample_copy), "export", "covenant", "-o", str(out)]) == 0
    assert "KHÔNG KHỚP" not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)


def test_the_chair_s_summary_of_a_forged_store_shows_no_seal(forged, tmp_path):
    out = tmp_path / "tomtat.pdf"
    assert main(["--db", str(forged), "export", "summary", "--format", "pdf", "-o", str(out)]) == 0
    text = unicodedata.normalize("NFC", "".join(p.extract_text() for p in PdfReader(out).pages))
    assert "KHÔNG KHỚP NIÊM PHONG" in text
    assert "Mã niêm phong" not in text
