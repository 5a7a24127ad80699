"""The whole day at the keyboard: a conference of another cluster built from its own
filled workbook (not the demo), then, in the app at 120x40, 30 arrivals typed ahead and scanned
at the desk (a namesake answered by moving to the right one, an own code typed by hand), the
agenda run by Enter to its end, the scores sheet written while the app is open and imported, the
ranking, the ceremony by Enter, Enter per unit and the seal, and every paper exported from the
command line while the app holds the store, each PDF's text read back."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

import openpyxl
import pypdf
import pytest
from textual.widgets import DataTable, Input

from store.models.agenda import AgendaStatus
from store.service import Service
from tests.conftest import make_app, screen_text, settle, wait_for
from tests.workbook_fill import fill_conference
from tui.cli.main import main
from tui.widgets.key_bar import KeyBar

from .test_type_ahead import keys, post_keys

UNITS = (("TH", "Ban Tổ chức Tỉnh ủy Thanh Hóa", "Thanh Hóa"),
         ("NA", "Ban Tổ chức Tỉnh ủy Nghệ An", "Nghệ An"),
         ("HT", "Ban Tổ chức Tỉnh ủy Hà Tĩnh", "Hà Tĩnh"),
         ("QB", "Ban Tổ chức Tỉnh ủy Quảng Bình", "Quảng Bình"),
         ("QT", "Ban Tổ chức Tỉnh ủy Quảng Trị", "Quảng Trị"),
         ("HUE", "Ban Tổ chức Thành ủy Huế", "Huế"))
FAMILIES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
#: given names none of which, folded, is another's: each full name found by typing it is one person
GIVEN = ("Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Quang", "Sơn", "Tâm",
         "Thắng", "Tuấn", "Việt", "Yến", "Hạnh", "Lan", "Mai", "Ngọc", "Oanh", "Phượng", "Quỳnh", "Thảo",
         "Trang", "Uyên", "Vy", "Xuân", "Bảo", "Chiến", "Đức", "Hiếu", "Kiên", "Lộc", "Nghĩa", "Phúc",
         "Thành", "Toàn", "Trung", "Vinh", "Hằng", "Nhung")
WOMEN = {"Yến", "Hạnh", "Lan", "Mai", "Ngọc", "Oanh", "Phượng", "Quỳnh", "Thảo", "Trang", "Uyên", "Vy",
         "Xuân", "Hằng", "Nhung"}
POSITIONS = ("Trưởng Ban", "Phó Trưởng Ban", "Phó Trưởng Ban", "Trưởng phòng", "Phó Trưởng phòng",
             "Chuyên viên", "Chuyên viên")
#: the namesakes: the same name in Thanh Hóa (first) and in Quảng Trị
NAMESAKE = ("Nguyễn", "Văn", "Phong")
AGENDA = (("07:30", "5", "Chào cờ", "Nghi lễ"),
          ("07:35", "10", "Tuyên bố lý do, giới thiệu đại biểu", "Nghi lễ"),
          ("07:45", "30", "Báo cáo tổng kết thi đua năm 2025", "Báo cáo"),
          ("08:15", "20", "Tham luận của các đơn vị", "Tham luận"),
          ("08:35", "15", "Công bố kết quả chấm điểm", "Khen thưởng"),
          ("08:50", "15", "Ký giao ước thi đua năm 2026", "Ký giao ước"))
CLUSTER = "Cụm thi đua số 3"
DATE_LINE = "Thanh Hóa, ngày 28 tháng 11 năm 2025"
START = dt.datetime(2025, 11, 28, 7, 0)

#: the whole day takes some 40 s on a loaded machine: `make test-all` (CI) runs it
pytestmark = pytest.mark.slow


class Clock:
    """The time the store and the app see; moved on by hand (no sleeps)."""

    def __init__(self) -> None:
        self.at = START

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, **kwargs) -> None:
        self.at += dt.timedelta(**kwargs)


def people() -> list[tuple[str, str, str, str, str]]:
    """(family, middle, given, position, unit short name): 7 per unit, 42 in all, the namesakes
    the first of Thanh Hóa and of Quảng Trị."""
    out = []
    names = iter(GIVEN)
    for u, (_, _, short) in enumerate(UNITS):
        for p, position in enumerate(POSITIONS):
            if p == 0 and short in ("Thanh Hóa", "Quảng Trị"):
                family, middle, given = NAMESAKE
            else:
                given = next(names)
                family, middle = FAMILIES[(u * 7 + p) % len(FAMILIES)], "Thị" if given in WOMEN else "Văn"
            out.append((family, middle, given, f"{position} Ban Tổ chức {short}", short))
    return out


def conference_workbook(tmp_path: Path) -> Path:
    """The template filled by `fill_conference`, then grown to this cluster's 6 units, 42
    delegates and 6 items; the signing-order column stays blank."""
    template, filled = tmp_path / "t.xlsx", tmp_path / "f.xlsx"
    assert main(["template", "conference", "-o", str(template)]) == 0
    fill_conference(template, filled)
    book = openpyxl.load_workbook(filled)
    sheet = book["Hội nghị"]
    for row in sheet.iter_rows(min_row=3):
        if row[0].value == "Địa điểm":
            row[1].value = "Hội trường Tỉnh ủy Thanh Hóa"
        elif row[0].value == "Địa danh ghi ngày trên giấy tờ":
            row[1].value = "Thanh Hóa"
        elif row[0].value == "Nơi nhận":
            row[1].value = "Ban Tổ chức Trung ương (để báo cáo)\nCác đơn vị trong cụm"
    units = book["Đơn vị"]
    for i, (code, full, short) in enumerate(UNITS):
        for col, value in enumerate((i + 1, code, full, short, None), start=1):
            units.cell(4 + i, col, value)
    sheet = book["Đại biểu"]
    for r in range(4, sheet.max_row + 1):
        for col in range(1, 18):
            sheet.cell(r, col).value = None
    for i, (family, middle, given, position, short) in enumerate(people()):
        for col, value in enumerate((i + 1, None, family, middle, given, position, short, None, None, "3",
                                     "Đảng", str(20 + i)), start=1):
            sheet.cell(4 + i, col, value)
    agenda = book["Chương trình"]
    for i, (start, minutes, title, kind) in enumerate(AGENDA):
        for col, value in enumerate((i + 1, None, start, minutes, title, kind, "Ban tổ chức"), start=1):
            agenda.cell(4 + i, col, value)
    book.save(filled)
    return filled


def fill_scores(path: Path) -> dict[str, float]:
    """Each unit's cluster score for each group of the sheet `template scores` wrote: a unit
    further down the list a little lower; its total by unit short name."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    header = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Đơn vị")
    totals: dict[str, float] = {}
    shorts = [short for _, _, short in UNITS]
    for r in range(header + 1, sheet.max_row + 1):
        unit, top = sheet.cell(r, 1).value, sheet.cell(r, 4).value
        if not unit:
            continue
        rank = shorts.index(unit)
        if top is None:  # an indicator row: a count
            sheet.cell(r, 5, 6 - rank)
            continue
        points = float(top) - 0.75 * (rank + 1)
        sheet.cell(r, 5, points)
        sheet.cell(r, 6, points)
        totals[unit] = totals.get(unit, 0.0) + points
    book.save(path)
    return totals


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, read back (NFC, its whitespace runs as one space)."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF"), path
    return [flat(unicodedata.normalize("NFC", page.extract_text())) for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def run(*argv: str) -> tuple[int, str, str]:
    """`hoinghi ARGV` in this process, its output caught here (while an app runs, Textual holds
    sys.stdout and sys.stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def arrived(service) -> set[str]:
    return {d.code for d in service.delegates.all() if d.checked_in_at is not None}


async def until_arrived(pilot, service, people) -> None:
    """Until the keys queued have all been handled (a burst of 15 scans takes a while on a busy
    machine); then exactly `people` are in."""
    want = {d.code for d in people}
    await wait_for(pilot, lambda: want <= arrived(service), timeout=30)
    await settle(pilot)
    assert arrived(service) == want


async def test_the_whole_day_of_a_workbook_conference_by_keyboard(tmp_path):
    db = tmp_path / "x.json"
    assert main(["--db", str(db), "new", "--from", str(conference_workbook(tmp_path))]) == 0
    clock = Clock()

    # ---- the morning: the door, then the programme -------------------------------------------
    service = Service.open(db, operator="lan", now=clock, backup_keep=0)
    try:
        everyone = service.delegates.all()
        assert len(everyone) == 42 and len(service.conference.units()) == 6
        by_name: dict[str, list] = {}
        for d in everyone:
            by_name.setdefault(d.full_name, []).append(d)
        namesakes = by_name["Nguyễn Văn Phong"]
        assert len(namesakes) == 2
        others = [d for d in everyone if d not in namesakes]
        typed, scanned, by_hand, later = others[:10], others[10:25], others[25], others[26:29]
        wanted = next(d for d in namesakes if "Quảng Trị" in d.position)
        app = make_app(service, now=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            # ten names typed with no pause: each Enter acts on the name typed before it
            burst = "".join(f"{d.full_name.lower()}\n" for d in typed)
            await pilot.press(*keys(burst))
            await until_arrived(pilot, service, typed)
            # a scanner: each printed code and Enter posted straight into the queue, awaiting nothing
            clock.advance(minutes=5)
            post_keys(app, "".join(f"{service.delegates.scan_code(d.code)}\n" for d in scanned))
            await until_arrived(pilot, service, typed + scanned)
            # the namesake: asked, answered by moving to the one from Quảng Trị
            await pilot.press(*keys("nguyen van phong\n"))
            listing = app.screen.query_one("#delegates")
            await wait_for(pilot, lambda: sorted(listing.codes) == sorted(d.code for d in namesakes))
            await settle(pilot)
            assert not arrived(service) & {d.code for d in namesakes}
            await pilot.press(*["down"] * listing.codes.index(wanted.code), "enter")
            await until_arrived(pilot, service, typed + scanned + [wanted])
            # the delegate's own code typed by hand ("d0012" style), then three more names at once
            await pilot.press(*keys(f"{by_hand.code.lower()}\n"),
                              *keys("".join(f"{d.full_name}\n" for d in later)))
            await until_arrived(pilot, service, typed + scanned + [wanted, by_hand] + later)
            assert app.screen.query_one("#search", Input).value == ""
            expected = arrived(service)
            assert len(expected) == 30
            with Service.open_snapshot(db) as snapshot:  # in the store, as saved
                assert {d.code for d in snapshot.delegates.all() if d.checked_in_at is not None} == expected

            # the agenda (F2): Enter per item, a minute more on the report, F6 ends the last
            clock.at = START.replace(hour=7, minute=30)
            await pilot.press("f2")
            await settle(pilot)
            items = service.agenda.items()
            assert [i.title for i in items] == [title for _, _, title, _ in AGENDA]
            agenda = app.screen.query_one("#agenda", DataTable)
            assert agenda.coordinate_to_cell_key(agenda.cursor_coordinate).row_key.value == items[0].code
            for item, (_, minutes, _, _) in zip(items, AGENDA):
                await pilot.press("enter")
                await settle(pilot)
                assert service.agenda.item(item.code).status is AgendaStatus.RUNNING
                if item.code == items[2].code:
                    await pilot.press("plus")
                    await settle(pilot)
                    assert service.agenda.item(item.code).extra_min == 1
                clock.advance(minutes=int(minutes))
            await pilot.press("f6")
            await settle(pilot)
            assert service.agenda.timing().running is None
            assert all(service.agenda.item(i.code).status is AgendaStatus.DONE for i in items)

            # the scores sheet, written while the app holds the store (template --db reads)
            sheet = tmp_path / "s.xlsx"
            assert run("--db", str(db), "template", "scores", "-o", str(sheet))[0] == 0
            totals = fill_scores(sheet)
            # importing writes: refused in one line naming who holds the store, nothing changed
            before = service.scoring.scores()
            code, _, refusal = run("--db", str(db), "import-scores", str(sheet))
            assert code == 1
            assert refusal.count("\n") == 1 and "Traceback" not in refusal
            assert "đang được mở trong chính chương trình này" in refusal, refusal
            assert service.scoring.scores() == before
    finally:
        service.close()

    # the scorecards panel has no import: the app is closed, the sheet imported, the app reopened
    code, _, err = run("--db", str(db), "import-scores", str(sheet))
    assert code == 0, err

    # ---- the afternoon: the ranking, the ceremony, the papers ----------------------------------
    clock.at = START.replace(hour=8, minute=50)
    service = Service.open(db, operator="lan", now=clock, backup_keep=0)
    try:
        units = service.conference.units()
        order = [u.code for u in sorted(units, key=lambda u: -totals[u.short_name])]
        assert order == [code for code, _, _ in UNITS]
        app = make_app(service, now=clock)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("f4")
            await settle(pilot)
            ranking = app.screen.query_one("#ranking", DataTable)
            assert [row.key.value for row in ranking.ordered_rows] == order
            shown = " ".join(" ".join(str(c) for c in ranking.get_row_at(i)) for i in range(ranking.row_count))
            assert all(short in shown for _, _, short in UNITS)

            # the ceremony (F5, F6): the signing order was blank, so it is the units' order
            await pilot.press("f5")
            await settle(pilot)
            assert service.covenant.get().signing_order == tuple(code for code, _, _ in UNITS)
            await pilot.press("f6")
            await settle(pilot)
            ceremony = app.screen
            assert type(ceremony).__name__ == "CeremonyScreen"
            for code, _, short in UNITS:
                assert service.covenant.progress().current == code
                assert short.upper() in screen_text(ceremony.query_one("#turn-unit"))
                await pilot.press("enter")
                await settle(pilot)
                assert type(app.screen).__name__ == "SignDialog"
                await pilot.press("enter")  # the highlighted candidate: one present, the head first
                await settle(pilot)
                clock.advance(minutes=2)
                signed = service.covenant.signatures()[-1]
                assert signed.unit_code == code and not signed.absent
                present = {d.code for d in everyone if d.unit_code == code} & expected
                assert signed.delegate_code in (present or {signed.delegate_code}), (code, signed.signer)
            # Thanh Hóa's head had not come: its deputy signed for him (K/T); none of Huế had
            # come: its head, from the list, was offered
            assert service.covenant.signatures()[0].authority == "K/T"
            await pilot.press("f8")  # asked first
            await settle(pilot)
            assert type(app.screen).__name__ == "ConfirmDialog"
            await pilot.press("c")
            await settle(pilot)
            assert service.covenant.get().sealed
            seal = service.covenant.progress().fingerprint
            assert seal in screen_text(ceremony.query_one("#seal-line"))
            offered = {label for _, label, _ in ceremony.query_one(KeyBar).entries()}
            assert not offered & {"Ký", "Vắng mặt", "Niêm phong", "Hủy dòng ký cuối"}, offered

            # every paper, from the command line while the app holds the store
            texts = {}
            for what in ("delegates", "introduction", "invitations", "badges", "summary", "agenda", "ranking",
                         "covenant"):
                out = tmp_path / f"{what}.pdf"
                code, _, err = run("--db", str(db), "export", what, "--format", "pdf", "-o", str(out))
                assert code == 0, err
                texts[what] = pdf_pages(out)
            signatures = service.covenant.signatures()
            scans = {d.code: service.delegates.scan_code(d.code) for d in everyone}
        assert service.check() == []
    finally:
        service.close()

    flats = {what: " ".join(pages) for what, pages in texts.items()}
    title = "Hội nghị tổng kết thi đua năm 2025 Cụm thi đua số 3"
    for what in ("summary", "agenda", "covenant", "introduction"):
        assert title in flats[what], what
    for what in ("delegates", "summary", "agenda", "ranking", "covenant"):
        # the cluster head's block closes the paper, its role and name on its last page
        assert "T/M CỤM THI ĐUA CỤM TRƯỞNG" in texts[what][-1], what
    assert signatures[0].signer in texts["covenant"][-1]
    for what, text in flats.items():
        if what != "badges":  # cards, not documents: no heading, no date line
            assert CLUSTER.upper() in text, what
            assert DATE_LINE in text, what
            assert set(re.findall(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}", text)) == {DATE_LINE.split(", ")[1]}, what
    for d in everyone:
        assert d.full_name in flats["delegates"], d.full_name
        assert d.full_name in flats["badges"], d.full_name
        if d.code in expected:  # the MC introduces those present
            assert d.full_name in flats["introduction"], d.full_name
        elif d.full_name != "Nguyễn Văn Phong":
            assert d.full_name not in flats["introduction"], d.full_name
    pages = texts["invitations"]
    assert len(pages) == len(everyone)
    for d in everyone:
        assert any(d.full_name in page and scans[d.code] in page for page in pages), d.full_name
        assert scans[d.code] in flats["badges"], d.full_name
    for _, _, short in UNITS:
        assert short in flats["ranking"] and short in flats["summary"], short
    for s in signatures:
        assert s.signer in flats["covenant"], s.signer
    assert seal in flats["covenant"] and seal in flats["summary"]
    assert all(title in flats["agenda"] for _, _, title, _ in AGENDA)
