"""Delegate import from CSV / XLSX: planning, applying, the command line, malformed files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import unicodedata
from pathlib import Path

import orjson
import pytest

from store.core import schema
from store.io import legacy
from store.errors import StoreError
from store.io.importer import Action, apply_import, plan_import
from store.io.reading import read_table
from store.service import Service
from tui.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample.json"
UNITS = [("HN", "Hà Nội", "Ban Tổ chức Thành ủy Hà Nội"),
         ("PT", "Phú Thọ", "Ban Tổ chức Tỉnh ủy Phú Thọ"),
         ("TQ", "Tuyên Quang", "Ban Tổ chức Tỉnh ủy Tuyên Quang"),
         ("LCA", "Lào Cai", "Ban Tổ chức Tỉnh ủy Lào Cai")]
HEADER = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Khách mời", "Điện thoại"]


# ---- helpers shared with test_export ---------------------------------------------------------

def units_only_store(path: Path) -> Path:
    """A store with four member units and no delegate, written in TinyDB's raw layout."""
    raw = {"units": {str(i + 1): {"code": c, "order": i + 1, "full_name": full, "short_name": short}
                     for i, (c, short, full) in enumerate(UNITS)}}
    schema.set_version(raw, schema.SCHEMA_VERSION)
    path.write_bytes(orjson.dumps(raw))
    return path


def sample_store(tmp_path: Path) -> Path:
    """A copy of the demo conference (or, before it exists, a store with units only)."""
    target = tmp_path / "store.json"
    if SAMPLE.exists():
        shutil.copyfile(SAMPLE, target)
        return target
    return units_only_store(target)


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8-sig",
              delimiter: str = ",") -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def plan_file(store: Path, file: Path):
    with Service.open(store) as service:
        return plan_import(read_table(file), service.conference.units(), service.delegates.all())


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return sample_store(tmp_path)


# ---- good rows and every kind of rejection ---------------------------------------------------

MIXED = [
    HEADER,
    ["1", "Nguyễn Văn Tùng", "Chuyên viên", "Phu Tho", "", "0912 345 678"],  # row 2: good
    ["2", "", "Chuyên viên", "Phú Thọ", "", ""],                              # row 3: no name
    ["3", "Lê Thị Hoa", "Chuyên viên", "Phú Thọo", "", ""],                   # row 4: unit typo
    ["4", "nguyen van tung", "Chuyên viên", "phú thọ", "", ""],               # row 5: duplicate of 2
    ["5", "Trần " + "A" * 201, "Chuyên viên", "PT", "", ""],                  # row 6: too long
    ["6", "Đỗ Văn Bell", "Chuyên\x07viên", "PT", "", ""],                     # row 7: control char
    ["7", "[b]Hồ[/] Văn Mới", "[red]Phó[/]", "Ban Tổ chức Tỉnh ủy Phú Thọ", "", ""],  # row 8: ok
    ["8", "Trần Khách Mời", "Giám đốc", "Sở Nội vụ Hà Tây", "x", ""],         # row 9: guest, ok
]


def check_mixed_plan(plan) -> None:
    by_row = {r.row: r for r in plan.rows}
    assert [r.row for r in plan.of(Action.ADD)] == [2, 8, 9]
    assert (by_row[3].field, by_row[3].reason, by_row[3].problem) == ("name", "no name", "no_name")
    assert (by_row[4].field, by_row[4].problem) == ("unit", "unknown_unit")
    assert by_row[4].message == "row 4: unit: unknown unit 'Phú Thọo' (did you mean Phú Thọ?)"
    assert (by_row[5].problem, by_row[5].reason) == ("duplicate", "duplicate of row 2 in the file")
    assert (by_row[6].field, by_row[6].problem) == ("given", "invalid")
    assert "too long" in by_row[6].reason
    assert by_row[7].field == "position" and "control character (U+00" in by_row[7].reason
    assert plan.summary() == "Preview: 3 to add, 0 to update, 0 unchanged, 5 rejected."
    lines = plan.report_lines()
    assert lines[0] == plan.summary()
    assert "row 4: unit: unknown unit 'Phú Thọo' (did you mean Phú Thọ?)" in lines
    assert plan.counts == {"add": 3, "update": 0, "unchanged": 0, "rejected": 5}


def check_mixed_store(store: Path, before: int) -> None:
    with Service.open(store) as service:
        new = {d.full_name: d for d in service.delegates.all()[before:]}
    assert set(new) == {"Nguyễn Văn Tùng", "[b]Hồ[/] Văn Mới", "Trần Khách Mời"}
    tung = new["Nguyễn Văn Tùng"]
    assert (tung.family, tung.middle, tung.given, tung.unit_code) == ("Nguyễn", "Văn", "Tùng", "PT")
    assert tung.phone == "0912 345 678"
    assert new["[b]Hồ[/] Văn Mới"].position == "[red]Phó[/]"  # markup kept literally
    guest = new["Trần Khách Mời"]
    assert guest.guest and guest.unit_code is None and guest.organization == "Sở Nội vụ Hà Tây"


def count(store: Path) -> int:
    with Service.open(store) as service:
        return len(service.delegates.all())


def test_csv_plan_reports_each_rejection_with_row_and_reason(store, tmp_path):
    check_mixed_plan(plan_file(store, write_csv(tmp_path / "in.csv", MIXED)))


def test_cli_imports_good_rows_and_exits_1_when_rows_were_rejected(store, tmp_path, capsys):
    before = count(store)
    file = write_csv(tmp_path / "in.csv", MIXED)
    assert main(["--lang", "en", "--db", str(store), "import-delegates", str(file)]) == 1
    out = capsys.readouterr().out
    assert "Preview: 3 to add, 0 to update, 0 unchanged, 5 rejected." in out
    assert ("Row 4 (Lê Thị Hoa): rejected, Unit: unknown unit 'Phú Thọo' (did you mean Phú Thọ?)"
            in out.splitlines())
    assert "Imported: 3 added, 0 updated (saved)." in out
    check_mixed_store(store, before)
    with Service.open(store) as service:
        imports = [a for a in service.audit.entries() if a.action == "delegate.import"]
    assert len(imports) == 1 and imports[0].target == "in.csv"  # one transaction


def test_xlsx_same_rules_dates_and_integer_floats(store, tmp_path):
    rows = [list(r) for r in MIXED]
    rows[0] = rows[0] + ["Ngày sinh", "Thứ bậc"]
    for r in rows[1:]:
        r += [None, None]
    rows[1][-2:] = [dt.datetime(1975, 4, 30), 9.0]
    rows[6][2] = "Chuyên\x9bviên"  # XLSX cannot hold U+0007; U+009B (CSI) is a control too
    file = write_xlsx(tmp_path / "in.xlsx", rows)
    table = read_table(file)
    assert table.rows[0][0] == 2 and table.rows[0][1]["Thứ bậc"] == "9"
    assert table.rows[0][1]["Ngày sinh"] == "1975-04-30"
    plan = plan_file(store, file)
    check_mixed_plan(plan)
    added = plan.of(Action.ADD)[0]
    assert (added.values["birth"], added.values["rank"]) == ("1975-04-30", 9)
    before = count(store)
    with Service.open(store) as service:
        assert apply_import(service, plan, "in.xlsx") == (3, 0)
    check_mixed_store(store, before)


def test_nfd_input_is_stored_as_nfc(store, tmp_path):
    name = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    file = write_csv(tmp_path / "nfd.csv", [["Họ và tên", "Đơn vị"], [name, unicodedata.normalize("NFD", "Phú Thọ")]])
    assert main(["--db", str(store), "import-delegates", str(file)]) == 0
    with Service.open(store) as service:
        d = service.delegates.all()[-1]
    assert d.full_name == "Nguyễn Thị Ánh" and unicodedata.is_normalized("NFC", d.given)
    assert d.unit_code == "PT"


@pytest.mark.parametrize("text", ["Phu Tho", "phú thọ", "PHÚ THỌ", "Ban Tổ chức Tỉnh ủy Phú Thọ", "pt"])
def test_unit_matches_by_code_short_or_full_name_ignoring_marks(store, tmp_path, text):
    file = write_csv(tmp_path / "u.csv", [["Họ tên", "Đơn vị"], ["Lê Văn Mạnh", text]])
    assert plan_file(store, file).rows[0].values["unit_code"] == "PT"


def test_update_by_code_changes_only_changed_fields_and_keeps_edited_split(store, tmp_path):
    with Service.open(store) as service:
        d = service.delegates.add(family="Tôn Nữ", middle="Thị", given="Hà", position="Chuyên viên",
                                 unit_code="PT", phone="0911")
    file = write_csv(tmp_path / "u.csv", [["Mã", "Họ và tên", "Chức vụ", "Đơn vị", "Điện thoại"],
                                         [d.code, "Tôn Nữ Thị Hà", "Phó Trưởng phòng", "PT", ""]])
    plan = plan_file(store, file)
    assert [(r.action, r.code, r.values) for r in plan.rows] == [
        (Action.UPDATE, d.code, {"position": "Phó Trưởng phòng"})]
    assert main(["--db", str(store), "import-delegates", str(file)]) == 0
    with Service.open(store) as service:
        after = service.delegates.get(d.code)
    assert (after.family, after.middle, after.given) == ("Tôn Nữ", "Thị", "Hà")  # split kept
    assert after.position == "Phó Trưởng phòng" and after.phone == "0911"  # empty cell: no change
    assert plan_file(store, file).rows[0].action is Action.UNCHANGED


def test_update_by_folded_name_and_unit(store, tmp_path):
    with Service.open(store) as service:
        d = service.delegates.add(family="Đặng", middle="Văn", given="Hòa", unit_code="TQ")
        other = service.delegates.add(family="Đặng", middle="Văn", given="Hòa", unit_code="LCA")
    rows = [["Họ", "Tên đệm", "Tên", "Đơn vị", "Khối", "Ngày bổ nhiệm"],
            ["dang", "van", "hoa", "Tuyên Quang", "UBND", "01/02/2020"]]
    plan = plan_file(store, write_csv(tmp_path / "n.csv", rows))
    row = plan.rows[0]
    assert (row.action, row.code) == (Action.UPDATE, d.code)
    # Matched by its folded name: the stored name (with its marks) is kept.
    assert row.values == {"bloc": "government", "appointed": "2020-02-01"}
    assert other.code not in [r.code for r in plan.rows]


def test_dry_run_changes_nothing(store, tmp_path, capsys):
    file = write_csv(tmp_path / "in.csv", MIXED)
    before = store.read_bytes()
    assert main(["--lang", "en", "--db", str(store), "import-delegates", str(file), "--dry-run"]) == 1
    assert store.read_bytes() == before
    assert "Dry run: would add 3, would update 0; nothing was saved." in capsys.readouterr().out
    good = write_csv(tmp_path / "good.csv", MIXED[:2])
    assert main(["--db", str(store), "import-delegates", str(good), "--dry-run"]) == 0
    assert store.read_bytes() == before


def test_exit_0_when_nothing_rejected(store, tmp_path, capsys):
    file = write_csv(tmp_path / "ok.csv", [HEADER, MIXED[1]], delimiter=";")
    assert main(["--lang", "en", "--db", str(store), "import-delegates", str(file)]) == 0
    assert "Preview: 1 to add, 0 to update, 0 unchanged, 0 rejected." in capsys.readouterr().out


def test_cp1258_and_tab_delimited_csv(store, tmp_path):
    tones = "\u0300\u0301\u0303\u0309\u0323"

    def cp1258(text: str) -> bytes:  # Windows-1258 writes the tone as a separate byte
        out = b""
        for ch in text:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
        return out

    file = tmp_path / "win.csv"
    file.write_bytes(cp1258("Họ và tên\tĐơn vị\r\nNguyễn Thị Hường\tLào Cai\r\n"))
    table = read_table(file)
    assert table.encoding == "cp1258" and table.headers == ["Họ và tên", "Đơn vị"]
    assert table.rows == [(2, {"Họ và tên": "Nguyễn Thị Hường", "Đơn vị": "Lào Cai"})]


def test_legacy_tcvn3_rows_are_converted(store, tmp_path):
    rows = [[legacy.unicode_to_tcvn3(h) for h in ("Họ và tên", "Chức vụ", "Đơn vị")],
            [legacy.unicode_to_tcvn3(v) for v in ("Nguyễn Văn Tùng", "Chuyên viên", "Lào Cai")],
            ["Lê Thị Hà", "Chuyên viên", "PT"]]
    plan = plan_file(store, write_xlsx(tmp_path / "old.xlsx", rows))
    first, second = plan.rows
    assert first.action is Action.ADD and first.legacy == "tcvn3"
    assert first.name == "Nguyễn Văn Tùng" and first.values["unit_code"] == "LCA"
    assert second.legacy == "" and second.name == "Lê Thị Hà"
    assert "Converted from TCVN3: row(s) 2" in plan.report_lines()


@pytest.mark.parametrize("encode,name", [(legacy.unicode_to_tcvn3, "TCVN3"), (legacy.unicode_to_vni, "VNI")])
def test_legacy_csv_bytes_are_read_as_windows_1252_and_converted(store, tmp_path, encode, name):
    text = "Họ và tên;Chức vụ;Đơn vị\r\nNguyễn Thị Hường;Phó Trưởng Ban;Lào Cai\r\n"
    file = tmp_path / "old.csv"
    file.write_bytes(encode(text).encode("cp1252"))
    assert read_table(file).encoding == name.lower()
    plan = plan_file(store, file)
    row = plan.rows[0]
    assert (row.action, row.name, row.values["position"]) == (Action.ADD, "Nguyễn Thị Hường", "Phó Trưởng Ban")
    assert row.values["unit_code"] == "LCA"
    assert f"Encoding: {dict(TCVN3='TCVN3 (ABC)', VNI='VNI-Windows')[name]}" in plan.report_lines()


def test_blank_rows_are_skipped_but_counted(store, tmp_path):
    file = write_csv(tmp_path / "b.csv", [["Họ và tên", "Đơn vị"], ["", ""], ["Lê Văn Mạnh", "PT"]])
    assert [r.row for r in plan_file(store, file).rows] == [3]


# ---- malformed files: a clear error, nothing changed ----------------------------------------

@pytest.mark.parametrize("name,content,reason,said", [
    ("garbage.xlsx", b"this is not a workbook\x00\x01", "not a readable .xlsx workbook",
     "không đọc được bảng tính .xlsx (tệp hỏng hoặc không phải bảng tính)"),
    ("empty.csv", b"", "the file is empty", "tệp rỗng"),
    ("blank.csv", b" \r\n\r\n", "the file is empty", "tệp rỗng"),
    ("binary.csv", b"PK\x03\x04\x00\x00garbage", "not a CSV text file", "không phải tệp CSV dạng chữ"),
    ("list.txt", b"a,b\n", "unknown file type", "không nhận loại tệp .txt"),
    ("quote.csv", b'Name,Unit\n"Le Van A,PT\n', "not a valid CSV file", "không phải tệp CSV hợp lệ (dòng 2"),
])
def test_malformed_files_raise_store_error_and_change_nothing(store, tmp_path, capsys, name, content, reason,
                                                              said):
    file = tmp_path / name
    file.write_bytes(content)
    with pytest.raises(StoreError, match=reason) as info:
        read_table(file)
    assert name in str(info.value) and "\n" not in str(info.value)
    before = store.read_bytes()
    assert main(["--db", str(store), "import-delegates", str(file)]) == 1
    assert store.read_bytes() == before
    assert said in capsys.readouterr().err  # the command line speaks Vietnamese by default


def test_no_name_column_is_a_file_error(store, tmp_path):
    file = write_csv(tmp_path / "x.csv", [["Chức vụ", "Đơn vị"], ["Chuyên viên", "PT"]])
    with pytest.raises(StoreError, match="no name column"):
        plan_file(store, file)


def test_header_only_file_plans_nothing(store, tmp_path):
    plan = plan_file(store, write_csv(tmp_path / "h.csv", [["Họ và tên", "Đơn vị", "Ghi chú thêm"]]))
    assert plan.rows == () and plan.summary() == "Preview: 0 to add, 0 to update, 0 unchanged, 0 rejected."
    assert plan.ignored_columns == ("Ghi chú thêm",)
