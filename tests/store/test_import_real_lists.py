"""Real lists in: the lists provinces actually send, and hostile files.

Each test builds its own files in tmp_path (openpyxl / csv / raw zip) and its own store.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import orjson
import pytest

from store.core import schema
from store.errors import StoreError
from store.io import exporter, legacy, limits
from store.io.importer import Action, apply_import, describe, plan_import
from store.io.reading import read_table
from store.service import Service
from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample.json"


# ---- helpers ----------------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path: Path) -> Path:
    target = tmp_path / "store.json"
    shutil.copyfile(SAMPLE, target)
    return target


def units_store(path: Path, source: Path = SAMPLE) -> Path:
    """A store with the units of `source` and no delegate."""
    raw = orjson.loads(source.read_bytes())
    out = {"units": raw["units"], "conference": raw.get("conference", {})}
    schema.set_version(out, schema.SCHEMA_VERSION)
    path.write_bytes(orjson.dumps(out))
    return path


def write_csv(path: Path, rows, *, encoding="utf-8-sig", delimiter=",") -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def plan_file(store: Path, file: Path):
    with Service.open(store) as service:
        return plan_import(read_table(file), service.conference.units(), service.delegates.all())


def notes(plan) -> dict[str, dict]:
    return {code: params for code, params in plan.notes}


def province_sheet(path: Path) -> Path:
    """A province's list as sent: three title rows merged across the columns, the header,
    the people, a totals row and a signature block."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["BAN TỔ CHỨC TỈNH ỦY PHÚ THỌ"])
    ws.append(["DANH SÁCH ĐẠI BIỂU DỰ HỘI NGHỊ TỔNG KẾT CỤM THI ĐUA SỐ 1"])
    ws.append(["(Kèm theo Công văn số 123-CV/BTCTU ngày 20/11/2024)"])
    for r in (1, 2, 3):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=5)
    ws.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Điện thoại"])
    ws.append([1, "Nguyễn Văn Tùng", "Phó Trưởng Ban", "Phú Thọ", "0912345678"])
    ws.append([2, "Lê Thị Hoa", "Chuyên viên", "Phú Thọ", None])
    ws.append([None, "Tổng cộng: 02 người", None, None, None])
    ws.append([])
    ws.append([None, "Người lập biểu", None, "K/T TRƯỞNG BAN", None])
    ws.append([None, "Trần Văn Lập", None, "Phạm Văn Ký", None])
    wb.save(path)
    return path


# ---- 1. header below title rows, totals and signatures skipped -------------------------------

def test_header_is_found_below_title_rows_and_footer_is_skipped(store, tmp_path):
    plan = plan_file(store, province_sheet(tmp_path / "phu-tho.xlsx"))
    assert [(r.row, r.action, r.name) for r in plan.rows] == [
        (5, Action.ADD, "Nguyễn Văn Tùng"), (6, Action.ADD, "Lê Thị Hoa")]
    assert notes(plan)["title_rows"]["rows"] == "1-3"
    assert notes(plan)["footer_rows"]["rows"] == "7, 9-10"
    lines = plan.report_lines()
    assert "Title row(s) above the header skipped: 1-3" in lines
    assert "Row(s) after the list skipped (totals, signatures): 7, 9-10" in lines


def test_csv_title_rows_too(store, tmp_path):
    file = write_csv(tmp_path / "t.csv", [["DANH SÁCH ĐẠI BIỂU", "", ""], ["", "", ""],
                                          ["Họ và tên", "Chức vụ", "Đơn vị"],
                                          ["Lê Văn Mạnh", "Chuyên viên", "Lào Cai"],
                                          ["Cộng", "1", ""]])
    plan = plan_file(store, file)
    assert [(r.row, r.action) for r in plan.rows] == [(4, Action.ADD)]
    assert notes(plan)["title_rows"]["rows"] == "1" and notes(plan)["footer_rows"]["rows"] == "5"


# ---- 2. the active visible sheet; hidden sheets, hidden rows, formulas without values ---------

def test_active_visible_sheet_hidden_rows_and_formulas_left_out(store, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    old = wb.active
    old.title = "Cũ"
    old.append(["Họ và tên", "Đơn vị"])
    old.append(["Người Năm Ngoái", "Phú Thọ"])
    old.sheet_state = "hidden"
    ws = wb.create_sheet("Đại biểu")
    ws.append(["Họ và tên", "Chức vụ", "Đơn vị"])
    ws.append(["Nguyễn Văn Tùng", "Chuyên viên", "Phú Thọ"])
    ws.append(["Người Bị Ẩn", "Chuyên viên", "Phú Thọ"])
    ws.append(["Lê Thị Hoa", "=B2", "Phú Thọ"])  # a formula: no value saved by openpyxl
    ws.row_dimensions[3].hidden = True
    wb.create_sheet("Ghi chú").append(["x"])
    wb.active = 1
    wb.save(tmp_path / "w.xlsx")
    plan = plan_file(store, tmp_path / "w.xlsx")
    assert [(r.row, r.name) for r in plan.rows] == [(2, "Nguyễn Văn Tùng"), (4, "Lê Thị Hoa")]
    assert plan.rows[1].values["position"] == ""  # the formula was left out, not imported
    n = notes(plan)
    assert n["hidden_sheets"]["names"] == "Cũ"
    assert n["hidden_rows"]["rows"] == "3"
    assert n["formulas"]["cells"] == "B4"
    assert n["other_sheets"]["names"] == "Ghi chú"


# ---- 3. unit variants; non-members as guests; the app's own export imports back --------------

@pytest.mark.parametrize("text,code", [
    ("Bắc Cạn", "BK"), ("Bắc Kạn", "BK"), ("BẮC   KẠN", "BK"), ("Ban Tổ chức Tỉnh ủy Phú Thọ", "PT"),
    ("ban to chuc tinh uy phu tho", "PT"), ("  PHÚ   thọ ", "PT"), ("Ban Tổ chức Tỉnh uỷ Bắc Cạn", "BK"),
])
def test_unit_matched_through_its_variants(store, tmp_path, text, code):
    with Service.open(store) as service:
        codes = {u.short_name: u.code for u in service.conference.units()}
    file = write_csv(tmp_path / "u.csv", [["Họ và tên", "Đơn vị"], ["Lê Văn Mạnh", text]])
    row = plan_file(store, file).rows[0]
    expected = codes["Bắc Kạn" if code == "BK" else "Phú Thọ"]
    assert (row.action, row.values["unit_code"], row.values["guest"]) == (Action.ADD, expected, False)


def test_people_of_other_organizations_come_in_as_guests(store, tmp_path):
    file = write_csv(tmp_path / "g.csv", [["Họ và tên", "Chức vụ", "Đơn vị"],
                                          ["Trần Văn Khách", "Vụ trưởng", "Ban Tổ chức Trung ương"],
                                          ["Lê Văn Bí", "Phó Bí thư", "Thành ủy Hà Nội"]])
    plan = plan_file(store, file)
    for row, org in zip(plan.rows, ("Ban Tổ chức Trung ương", "Thành ủy Hà Nội")):
        assert row.action is Action.ADD
        assert (row.values["unit_code"], row.values["organization"], row.values["guest"]) == (None, org, True)
    assert notes(plan)["guests"]["rows"] == "2-3"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_own_export_imports_back_unchanged(store, tmp_path, fmt):
    with Service.open(store) as service:
        data = exporter.export_delegates(service, fmt)
        before = {d.code: d for d in service.delegates.all()}
    file = tmp_path / f"export.{fmt}"
    file.write_bytes(data)

    # into a store with the same units and no delegate: the same people, nothing rejected
    empty = units_store(tmp_path / "empty.json")
    plan = plan_file(empty, file)
    assert plan.rejected == [] and plan.counts["add"] == len(before)
    with Service.open(empty) as service:
        assert apply_import(service, plan) == (len(before), 0)
        after = service.delegates.all()

    def people(delegates):
        return sorted((d.full_name, d.position, d.unit_code, d.organization if not d.unit_code else "",
                       d.guest) for d in delegates)

    assert people(after) == people(before.values())

    # into the store it came from: every row unchanged
    plan = plan_file(store, file)
    assert plan.counts == {"add": 0, "update": 0, "unchanged": len(before), "rejected": 0}


# ---- 4. namesakes ----------------------------------------------------------------------------

def test_namesakes_are_kept_and_reported_duplicates_refused(store, tmp_path):
    file = write_csv(tmp_path / "n.csv", [
        ["Họ và tên", "Chức vụ", "Đơn vị", "Ngày sinh"],
        ["Nguyễn Văn An", "Chuyên viên", "Phú Thọ", "01/01/1980"],
        ["Nguyễn Văn An", "Phó Trưởng phòng", "Phú Thọ", "02/02/1975"],  # namesake: another position
        ["Nguyễn Văn An", "Chuyên viên", "Lào Cai", ""],                  # another unit: not even that
        ["nguyen van an", "chuyên viên", "phu tho", ""],                  # same name, unit, position
    ])
    plan = plan_file(store, file)
    assert [r.action for r in plan.rows] == [Action.ADD, Action.ADD, Action.ADD, Action.REJECTED]
    assert (plan.rows[3].reason_code, plan.rows[3].params) == ("duplicate", {"row": 2})
    assert notes(plan)["namesakes"]["rows"] == "2-3"
    with Service.open(store) as service:
        apply_import(service, plan)
    again = plan_file(store, write_csv(tmp_path / "n2.csv", [
        ["Họ và tên", "Chức vụ", "Đơn vị", "Ngày sinh"],
        ["Nguyễn Văn An", "Phó Trưởng phòng", "Phú Thọ", "02/02/1975"],
        ["Nguyễn Văn An", "Chuyên viên", "Phú Thọ", "01/01/1980"]]))
    assert [r.action for r in again.rows] == [Action.UNCHANGED, Action.UNCHANGED]
    assert again.rows[0].code != again.rows[1].code


# ---- 5. phones stored as numbers -------------------------------------------------------------

def test_phone_stored_as_a_number_gets_its_leading_zero(store, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    for row in (["Họ và tên", "Đơn vị", "Điện thoại"], ["Lê Văn Mạnh", "PT", 912345678],
                ["Lê Văn Nam", "PT", 912345678.0], ["Lê Văn Sơn", "PT", "0987 654 321"]):
        wb.active.append(row)
    wb.save(tmp_path / "p.xlsx")
    plan = plan_file(store, tmp_path / "p.xlsx")
    assert [r.values["phone"] for r in plan.rows] == ["0912345678", "0912345678", "0987 654 321"]
    assert notes(plan)["phone_zero"]["rows"] == "2-3"


# ---- 6. encodings ----------------------------------------------------------------------------

def test_utf8_with_a_stray_byte_stays_utf8_and_the_row_is_reported(store, tmp_path):
    text = "Họ và tên,Chức vụ,Đơn vị\r\nNguyễn Văn Tùng,Chuyên viên,Phú Thọ\r\n"
    data = text.encode("utf-8") + b"L\xea V\xe3n H\xf9ng,Chuy\xean vi\xean,Ph\xfa Th\xf4\r\n"
    data += "Lê Thị Hoa,Chuyên viên,Lào Cai\r\n".encode("utf-8")
    (tmp_path / "bad.csv").write_bytes(data)
    table = read_table(tmp_path / "bad.csv")
    assert table.encoding == "utf-8" and table.damaged_rows == {3}
    plan = plan_file(store, tmp_path / "bad.csv")
    assert [r.name for r in plan.of(Action.ADD)] == ["Nguyễn Văn Tùng", "Lê Thị Hoa"]
    assert (plan.rows[1].action, plan.rows[1].reason_code) == (Action.REJECTED, "bad_bytes")
    assert notes(plan)["bad_bytes"]["rows"] == "3" and notes(plan)["encoding"]["name"] == "UTF-8"


def _cp1258(text: str) -> bytes:
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out


@pytest.mark.parametrize("encode,name", [
    (_cp1258, "Windows-1258"),
    (lambda s: legacy.unicode_to_tcvn3(s).encode("cp1252"), "TCVN3 (ABC)"),
    (lambda s: legacy.unicode_to_vni(s).encode("cp1252"), "VNI-Windows"),
])
def test_legacy_encodings_named_and_nfc(store, tmp_path, encode, name):
    text = "Họ và tên;Chức vụ;Đơn vị\r\nNguyễn Thị Hường;Phó Trưởng Ban;Lào Cai\r\n"
    (tmp_path / "old.csv").write_bytes(encode(text))
    plan = plan_file(store, tmp_path / "old.csv")
    row = plan.rows[0]
    assert row.name == "Nguyễn Thị Hường" and unicodedata.is_normalized("NFC", row.values["given"])
    assert row.values["position"] == "Phó Trưởng Ban"
    assert notes(plan)["encoding"]["name"] == name


# ---- 7. bounded cost ------------------------------------------------------------------------

def _raw_xlsx(path: Path, sheet_data: str, *, shared: list[str] | None = None,
              dimension: str = "A1:B2", styles: str | None = None) -> Path:
    """A minimal workbook written by hand (what a hostile program could write)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'),
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook {ns} {rel}><sheets>'
                           '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>'),
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {ns}><dimension ref="{dimension}"/>'
                                    f'<sheetData>{sheet_data}</sheetData></worksheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {ns}>'
                                + "".join(f"<si>{s}</si>" if s.startswith("<") else f"<si><t>{s}</t></si>"
                                          for s in (shared or ["x"])) + "</sst>",
    }
    if styles is not None:
        parts["xl/styles.xml"] = f'<?xml version="1.0"?><styleSheet {ns}>{styles}</styleSheet>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return path


HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>Đơn vị</t></is></c></row>')


def _timed_refusal(file: Path, match: str) -> None:
    start = time.perf_counter()
    with pytest.raises(StoreError, match=match) as info:
        read_table(file)
    assert time.perf_counter() - start < 5
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{file.name}: refused: ")


def test_hand_written_minimal_workbook_reads(tmp_path):
    file = _raw_xlsx(tmp_path / "ok.xlsx", HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c>'
                     '<c r="B2" t="inlineStr"><is><t>PT</t></is></c></row>', shared=["Lê Văn Mạnh"])
    assert read_table(file).rows == [(2, {"Họ và tên": "Lê Văn Mạnh", "Đơn vị": "PT"})]


def test_dimension_claiming_the_whole_sheet_with_a_far_cell_is_refused(tmp_path):
    far = '<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    file = _raw_xlsx(tmp_path / "far.xlsx", HEADER_ROW + far, dimension="A1:XFD1048576")
    _timed_refusal(file, "beyond column")
    deep = '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    _timed_refusal(_raw_xlsx(tmp_path / "deep.xlsx", HEADER_ROW + deep), "below row 250,000")


def test_millions_of_empty_cells_are_refused_quickly(tmp_path):
    row = '<row r="2">' + "<c/>" * 2_000_000 + "</row>"
    file = _raw_xlsx(tmp_path / "wide.xlsx", HEADER_ROW + row)
    assert file.stat().st_size < 100_000
    _timed_refusal(file, "cells beyond column ALL")


def test_huge_shared_string_is_refused(tmp_path):
    file = _raw_xlsx(tmp_path / "sst.xlsx", HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>',
                     shared=["A" * 5_000_000])
    assert file.stat().st_size < 100_000
    _timed_refusal(file, "longer than 1,000 characters")


def test_zip_part_beyond_the_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 1_000_000)
    file = _raw_xlsx(tmp_path / "big.xlsx", HEADER_ROW, shared=["A" * 2_000_000])
    _timed_refusal(file, "unzips to")


def test_csv_cell_length_columns_rows_and_file_size(tmp_path, monkeypatch):
    (tmp_path / "cell.csv").write_text("Họ và tên,Đơn vị\n" + "A" * 5_000 + ",PT\n", encoding="utf-8")
    _timed_refusal(tmp_path / "cell.csv", "longer than 1,000 characters")
    (tmp_path / "wide.csv").write_text("Họ và tên,Đơn vị" + ",x" * 200 + "\n", encoding="utf-8")
    _timed_refusal(tmp_path / "wide.csv", "beyond column 100")
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    write_csv(tmp_path / "rows.csv", [["Họ và tên", "Đơn vị"]] + [[f"Người {i}", "PT"] for i in range(150)])
    _timed_refusal(tmp_path / "rows.csv", "more than 100 rows")
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1_000)
    (tmp_path / "big.csv").write_bytes(b"a" * 2_000)
    _timed_refusal(tmp_path / "big.csv", "more than the 1,000 an import reads")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from /proc")
def test_a_50mb_csv_header_is_refused_in_a_second_with_little_memory(tmp_path):
    """In a fresh process: the time and peak memory of the refusal itself."""
    file = tmp_path / "header.csv"
    with file.open("wb") as f:
        f.write(b"H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan,")
        f.write(b"x" * 50_000_000)
        f.write(b"\n")
    # Peak memory from /proc's VmHWM, which starts afresh at exec; ru_maxrss would carry over
    # the forking pytest process's size (285 MB once, in a clean clone's full run).
    code = ("import re, sys, time; from store.io.reading import read_table\n"
            "t = time.perf_counter()\n"
            "try: read_table(sys.argv[1])\n"
            "except Exception as e: print(e)\n"
            "status = open('/proc/self/status').read()\n"
            "print(time.perf_counter() - t, re.search(r'VmHWM:\\s+(\\d+)', status).group(1))")
    out = subprocess.run([sys.executable, "-c", code, str(file)], capture_output=True, text=True,
                         cwd=ROOT, timeout=60).stdout.splitlines()
    assert "refused" in out[0]
    seconds, peak_kb = out[1].split()
    assert float(seconds) < 2 and int(peak_kb) < 200_000


# ---- 8. the export's protection against formula injection is undone -------------------------

def test_apostrophe_before_formula_characters_is_removed(store, tmp_path):
    file = write_csv(tmp_path / "a.csv", [
        ["Họ và tên", "Chức vụ", "Đơn vị", "Ghi chú"],
        ["Lê Văn Mạnh", "'=Trưởng ban", "PT", "'-5 phút"],
        ["Lê Văn Nam", "'Chuyên viên", "PT", "'+84 912"],
        ["Lê Văn Sơn", "''=x", "PT", "'@home"],
    ])
    values = [r.values for r in plan_file(store, file).rows]
    assert [(v["position"], v["note"]) for v in values] == [
        ("=Trưởng ban", "-5 phút"), ("'Chuyên viên", "+84 912"), ("''=x", "@home")]


# ---- 9. reasons as codes, worded in the UI language; the CLI in Vietnamese by default ---------

def test_rows_carry_reason_codes_and_the_cli_speaks_vietnamese(store, tmp_path, capsys):
    file = write_csv(tmp_path / "r.csv", [["Họ và tên", "Chức vụ", "Đơn vị", "Ngày sinh"],
                                          ["Lê Văn Mạnh", "Chuyên viên", "PT", ""],
                                          ["", "Chuyên viên", "PT", ""],
                                          ["Lê Văn Nam", "Chuyên viên", "PT", "31/02/1980"]])
    plan = plan_file(store, file)
    assert [(r.reason_code, r.reason_key) for r in plan.rejected] == [
        ("no_name", "import.reason.no_name"), ("date", "reason.date")]
    assert main(["--db", str(store), "import-delegates", str(file), "--dry-run"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Xem trước: 1 thêm mới, 0 cập nhật, 0 không đổi, 2 bị từ chối."
    assert out[1] == "Dòng 2: thêm Lê Văn Mạnh (Phú Thọ)"
    assert out[2] == "Dòng 3 (—): bị từ chối, Họ và tên: không có họ tên"
    assert out[3].startswith("Dòng 4 (Lê Văn Nam): bị từ chối, Ngày sinh: ")
    assert out[-1] == "Chạy thử: sẽ thêm 1, sẽ cập nhật 0; chưa lưu gì."
    assert main(["--lang", "en", "--db", str(store), "import-delegates", str(file), "--dry-run"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[2] == "Row 3 (—): rejected, Full name: no name"
    assert out[-1] == "Dry run: would add 1, would update 0; nothing was saved."


def test_describe_in_english_for_logs(store, tmp_path):
    file = write_csv(tmp_path / "e.csv", [["Họ và tên", "Đơn vị"], ["Lê Văn Mạnh", "PT"], ["", "PT"],
                                          ["Lê Văn Nam", "PT"]])
    with Service.open(store) as service:
        units = service.conference.units()
    lines = describe(plan_file(store, file), units=units)
    assert lines[:4] == ["Preview: 2 to add, 0 to update, 0 unchanged, 1 rejected.", "Row 2: add Lê Văn Mạnh (Phú Thọ)",
                         "Row 3 (—): rejected, Full name: no name", "Row 4: add Lê Văn Nam (Phú Thọ)"]


def test_millions_of_tiny_shared_strings_are_refused(tmp_path, monkeypatch):
    """openpyxl's own reader took 55 s for 3.9 million "<si><t>A</t></si>" (a 250 KB file)."""
    monkeypatch.setattr(limits, "MAX_SHARED_STRINGS", 1_000)
    file = _raw_xlsx(tmp_path / "many.xlsx", HEADER_ROW, shared=["A"] * 5_000)
    _timed_refusal(file, "more than 1,000 shared strings")
    rich = _raw_xlsx(tmp_path / "rich.xlsx", HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c>'
                     '<c r="B2" t="s"><v>1</v></c></row>',
                     shared=["<r><t>Lê </t></r><r><rPr><b/></rPr><t>Văn Mạnh</t></r>"
                             "<rPh sb=\"0\" eb=\"1\"><t>x</t></rPh>", "Phú Thọ"])
    assert read_table(rich).rows == [(2, {"Họ và tên": "Lê Văn Mạnh", "Đơn vị": "Phú Thọ"})]


def test_a_bloated_stylesheet_is_refused_and_date_styles_still_read(tmp_path):
    """openpyxl took 36 s and 763 MB for a 45 KB file with a million cell styles."""
    bloated = '<cellXfs>' + '<xf numFmtId="0"/>' * 100_000 + '</cellXfs>'
    _timed_refusal(_raw_xlsx(tmp_path / "styles.xlsx", HEADER_ROW, styles=bloated), "cell styles")
    dates = ('<numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
             '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs>')
    row = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c>'
           '<c r="B1" t="inlineStr"><is><t>Ngày sinh</t></is></c>'
           '<c r="C1" t="inlineStr"><is><t>Ngày bổ nhiệm</t></is></c></row>'
           '<row r="2"><c r="A2" t="inlineStr"><is><t>Lê Văn Mạnh</t></is></c>'
           '<c r="B2" s="1"><v>27514</v></c><c r="C2" s="2"><v>43831</v></c></row>')
    table = read_table(_raw_xlsx(tmp_path / "dates.xlsx", row, styles=dates))
    assert table.rows[0][1]["Ngày sinh"] == "1975-04-30" and table.rows[0][1]["Ngày bổ nhiệm"] == "2020-01-01"
