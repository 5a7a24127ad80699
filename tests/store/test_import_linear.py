"""Every import linear in its input, every bound checked before the work.

The hostile files are built here, small; each shape is timed at 1x and 4x of its size and the
4x must not cost more than about 5 times the 1x (a quadratic cost gives 16x). The refusals are
one line naming the limit, in the user's language.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path
from typing import Callable

import pytest

from store.errors import StoreError
from store.io import limits
from store.io.reading import read_table
from store.service import Service
from tui.cli.main import main

from .test_import_real_lists import HEADER_ROW, _raw_xlsx, plan_file, store, units_store, write_csv  # noqa: F401

RATIO = 6  # about 5: linear work measures 4 to 5 here; a quadratic cost gives 16


def _with_sheet(path: Path, sheet_xml: str, title: str = "S") -> Path:
    """A workbook like _raw_xlsx's whose sheet part is `sheet_xml` (its sheet titled `title`)."""
    base = _raw_xlsx(path.with_suffix(".base.xlsx"), HEADER_ROW)
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            data = sheet_xml.encode() if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace(b'name="S"', f'name="{title}"'.encode())
            out.writestr(info.filename, data)
    return path


NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _root_attribute(path: Path, size: int) -> Path:
    return _with_sheet(path, f'<?xml version="1.0"?><worksheet {NS} x="{"a" * size}"><sheetData>'
                             f'{HEADER_ROW}</sheetData></worksheet>')


def _comment(path: Path, size: int, title: str = "S") -> Path:
    return _with_sheet(path, f'<?xml version="1.0"?><worksheet {NS}><!--{"a" * size}--><sheetData>'
                             f'{HEADER_ROW}</sheetData></worksheet>', title)


def _assert_linear(make: Callable[[Path, int], Path], base: int, run: Callable[[Path], object],
                   tmp_path: Path, runs: int = 3) -> None:
    """The best of `runs` timings at 1x and 4x, taken in turn, in CPU time of this process (the
    other programs of a shared machine do not count)."""
    files = {1: make(tmp_path / "x1", base), 4: make(tmp_path / "x4", 4 * base)}
    best = {1: float("inf"), 4: float("inf")}
    for _ in range(runs):
        for size, file in files.items():
            start = time.process_time()
            try:
                run(file)
            except StoreError:
                pass
            best[size] = min(best[size], time.process_time() - start)
    assert best[4] <= RATIO * max(best[1], 0.02), f"1x {best[1]:.3f} s, 4x {best[4]:.3f} s: not linear"


def _refusal(file: Path) -> str:
    with pytest.raises(StoreError) as info:
        read_table(file)
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"{file.name}: refused: ")
    return message


# ---- 1. the largest XML token, a part's size -------------------------------------------------

def test_a_huge_attribute_in_the_sheet_root_is_refused_at_once_and_linear(tmp_path):
    file = _root_attribute(tmp_path / "attr.xlsx", 4_000_000)
    assert file.stat().st_size < 50_000
    assert "one XML token longer than 262,144 bytes" in _refusal(file)
    _assert_linear(lambda p, n: _root_attribute(p.with_suffix(".xlsx"), n), 1_000_000, read_table, tmp_path)


def test_a_huge_comment_is_refused_at_once_and_linear(tmp_path):
    assert "xl/worksheets/sheet1.xml holds one XML token" in _refusal(_comment(tmp_path / "c.xlsx", 2_000_000))
    _assert_linear(lambda p, n: _comment(p.with_suffix(".xlsx"), n), 1_000_000, read_table, tmp_path)


def test_a_part_that_inflates_beyond_its_directory_size_is_refused(tmp_path):
    """The zip directory says the sheet is small; it inflates to more: never read beyond."""
    big = f'<?xml version="1.0"?><worksheet {NS}><sheetData>{HEADER_ROW}' + " " * 3_000_000 + "</sheetData></worksheet>"
    file = _with_sheet(tmp_path / "lying.xlsx", big)
    data = bytearray(file.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    at = data.rfind(name, 0, data.index(b"PK\x05\x06"))  # the name in the central directory
    header = at - 46
    assert data[header:header + 4] == b"PK\x01\x02"
    data[header + 24:header + 28] = (1_000).to_bytes(4, "little")  # uncompressed size: 1,000 bytes
    file.write_bytes(bytes(data))
    start = time.perf_counter()
    with pytest.raises(StoreError) as info:
        read_table(file)
    assert time.perf_counter() - start < 2
    assert str(info.value).startswith("lying.xlsx: the sheet cannot be read") and "\n" not in str(info.value)


def test_the_part_limit_is_enforced_while_inflating(tmp_path, monkeypatch):
    big = f'<?xml version="1.0"?><worksheet {NS}><sheetData>{HEADER_ROW}' + " " * 300_000 + "</sheetData></worksheet>"
    file = _with_sheet(tmp_path / "inflate.xlsx", big)
    from store.io import xlsx

    monkeypatch.setattr(limits, "MAX_PART_BYTES", 1_000_000)  # the directory check passes
    real = xlsx.feed_part
    monkeypatch.setattr(xlsx, "feed_part", lambda archive, part, parser: real(archive, part, parser, 100_000))
    assert "xl/worksheets/sheet1.xml unzips to more than 100,000 bytes" in _refusal(file)


def test_the_refusal_is_worded_in_vietnamese(tmp_path, capsys):
    store = units_store(tmp_path / "s.json")
    file = _root_attribute(tmp_path / "attr.xlsx", 1_000_000)
    assert main(["--db", str(store), "import-delegates", str(file), "--dry-run"]) != 0
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "có một thẻ XML dài quá 262.144 byte" in text, text
    assert len([line for line in text.splitlines() if line.strip()]) == 1


def test_import_scores_and_new_from_are_bounded_too(tmp_path):
    from store.io.scores_import import read_scores_table
    from store.setup.workbook_import import plan_workbook

    with pytest.raises(StoreError, match="one XML token"):
        plan_workbook(_comment(tmp_path / "conference.xlsx", 2_000_000, title="Đại biểu"))
    with pytest.raises(StoreError, match="one XML token"):
        read_scores_table(_comment(tmp_path / "scores.xlsx", 2_000_000))


# ---- 4. rich text, namesakes, blank lines, empty cells ----------------------------------------

def _runs(path: Path, n: int) -> Path:
    shared = ["<r><t>x</t></r>" * n, "PT"]
    row = '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
    return _raw_xlsx(path.with_suffix(".xlsx"), HEADER_ROW + row, shared=shared)


def test_millions_of_rich_text_runs_are_refused_before_the_string_is_built(tmp_path):
    assert "shared string 1 has more than 1,000 formatted runs" in _refusal(_runs(tmp_path / "r", 300_000))
    _assert_linear(_runs, 50_000, read_table, tmp_path)


def test_a_long_shared_string_no_cell_reads_is_not_refused(tmp_path):
    row = '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c></row>'
    file = _raw_xlsx(tmp_path / "long.xlsx", HEADER_ROW + row, shared=["A" * 5_000, "Lê Văn Mạnh", "PT"])
    assert read_table(file).rows == [(2, {"Họ và tên": "Lê Văn Mạnh", "Đơn vị": "PT"})]


def _namesakes(path: Path, n: int) -> Path:
    return write_csv(path.with_suffix(".csv"), [["Họ và tên", "Chức vụ", "Đơn vị"]]
                     + [["Lê Văn Mạnh", f"Chuyên viên {i}", "PT"] for i in range(n)])


def test_namesakes_are_planned_in_linear_time(tmp_path, store):
    with Service.open(store) as service:
        units, delegates = service.conference.units(), service.delegates.all()
    from store.io.importer import plan_import

    _assert_linear(_namesakes, 2_000, lambda f: plan_import(read_table(f), units, delegates), tmp_path)


def test_reimporting_namesakes_matches_each_in_linear_time(tmp_path, store):
    """The store holds the file's namesakes (as many as the file): each row finds its own by an
    index, not a search through them all."""
    import shutil

    from store.io.importer import apply_import, plan_import

    held: dict[Path, tuple] = {}

    def make(path: Path, n: int) -> Path:
        file = _namesakes(path, n)
        copy = path.with_suffix(".json")
        shutil.copyfile(store, copy)
        with Service.open(copy) as service:
            units = service.conference.units()
            apply_import(service, plan_import(read_table(file), units, service.delegates.all()))
            held[file] = (units, service.delegates.all())
        return file

    def run(file: Path) -> None:
        plan = plan_import(read_table(file), *held[file])
        assert plan.counts["unchanged"] == len(plan.rows)

    _assert_linear(make, 1_000, run, tmp_path)


def _blank_lines(path: Path, size: int) -> Path:
    path = path.with_suffix(".csv")
    path.write_bytes(b"\r\n" * (size // 2) + "Họ và tên,Đơn vị\r\nLê Văn Mạnh,PT\r\n".encode())
    return path


def test_blank_lines_before_the_header_are_refused_quickly(tmp_path):
    assert "no header row in the first 1,000 lines" in _refusal(_blank_lines(tmp_path / "b", 4_000_000))
    _assert_linear(_blank_lines, 1_000_000, read_table, tmp_path)
    near = _blank_lines(tmp_path / "near", 1_000)  # the header on line 501: found
    assert read_table(near).rows == [(502, {"Họ và tên": "Lê Văn Mạnh", "Đơn vị": "PT"})]


def _empty_cells(path: Path, n: int) -> Path:
    path = path.with_suffix(".csv")
    path.write_bytes(("Họ và tên;Đơn vị\r\nLê Văn Mạnh;PT" + ";" * n + "\r\n").encode())
    return path


def test_a_line_of_millions_of_empty_cells_is_refused_before_it_is_split(tmp_path):
    assert "line 2 has more than 1,000 cells" in _refusal(_empty_cells(tmp_path / "e", 2_000_000))
    _assert_linear(_empty_cells, 1_000_000, read_table, tmp_path)
    fine = _empty_cells(tmp_path / "fine", 500)  # trailing empty cells within the bound: dropped
    assert read_table(fine).rows == [(2, {"Họ và tên": "Lê Văn Mạnh", "Đơn vị": "PT"})]


def test_the_readme_states_every_bound():
    text = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    table = text[text.index("### Giới hạn / Limits"):]
    table = table[:table.index("\n\n", table.index("| Giới hạn"))]
    mib, kib = 1024 * 1024, 1024
    for shown in (f"{limits.MAX_FILE_BYTES // mib} MiB", f"{limits.MAX_ROWS:,}", f"| {limits.MAX_COLUMNS} |",
                  f"{limits.MAX_CELL_CHARS:,}", f"first {limits.HEADER_SEARCH_ROWS} non-blank rows",
                  f"first {limits.HEADER_SEARCH_LINES:,} lines", f"| {limits.MAX_ROW_CELLS:,} |",
                  f"{limits.MAX_TOKEN_BYTES // kib} KiB", f"{limits.MAX_PART_BYTES // mib} MiB",
                  f"{limits.MAX_SMALL_PART_BYTES // mib} MiB", f"{limits.MAX_UNZIPPED_BYTES // mib} MiB",
                  f"{limits.MAX_CELLS:,}", f"{limits.MAX_CELL_COLUMN:,} (ALL)", f"{limits.MAX_ROW_NUMBER:,}",
                  f"{limits.MAX_SHARED_STRINGS:,}", f"{limits.MAX_STYLES:,}"):
        assert shown in table, shown


def test_the_row_limit_counts_the_rows_below_the_header(tmp_path, monkeypatch):
    """A list of exactly MAX_ROWS people under its title and header rows is read; one more is not."""
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    title = [["DANH SÁCH ĐẠI BIỂU", ""], ["Họ và tên", "Đơn vị"]]
    full = write_csv(tmp_path / "full.csv", title + [[f"Người {i}", "PT"] for i in range(100)])
    assert len(read_table(full).rows) == 100
    over = write_csv(tmp_path / "over.csv", title + [[f"Người {i}", "PT"] for i in range(101)])
    assert "more than 100 rows" in _refusal(over)
