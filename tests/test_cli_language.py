"""The command line and the store's errors speak the user's language (Vietnamese by default)."""

from __future__ import annotations

import errno
import io

import pytest

from store.core.problems import REASONS as PROBLEM_REASONS
from store.errors import ERRORS, StoreError, StoreWriteError
from store.io.limits import REFUSALS
from tui import i18n
from tui.cli.main import main

ENGLISH_HELP_WORDS = ("usage:", "options", "show this help", "positional arguments", "store file", "needs")


@pytest.mark.parametrize("prefix,english", [("store", ERRORS), ("refused", REFUSALS), ("problem", PROBLEM_REASONS)])
def test_every_store_error_code_is_worded_in_both_languages(prefix, english):
    i18n.catalog.cache_clear()
    for lang in i18n.LANGUAGES:
        words = i18n.catalog(lang)
        missing = [code for code in english if f"{prefix}.{code}" not in words]
        assert not missing, (lang, missing)


def test_every_table_has_a_name_in_both_languages():
    from store import tables

    for lang in i18n.LANGUAGES:
        words = i18n.catalog(lang)
        assert [n for n in (*tables.NAMES, tables.META) if f"table.{n}" not in words] == [], lang


def test_help_is_vietnamese_by_default_and_english_on_request(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "cách dùng: hoinghi" in out and "tùy chọn" in out and "tệp dữ liệu hội nghị" in out
    assert not [w for w in ENGLISH_HELP_WORDS if w in out], out
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = capsys.readouterr().out
    assert "xuất gì: delegates, introduction" in out and "ghi đè TỆP" in out
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert "usage: hoinghi" in out and "store file" in out and "tệp" not in out
    assert i18n.language() == "vi"  # restored after the command


def test_argparse_refusals_are_vietnamese(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--panel", "kitchen"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "hoinghi: lỗi: tham số --panel: không có lựa chọn 'kitchen'" in err and "usage" not in err
    with pytest.raises(SystemExit):
        main(["export"])
    assert "thiếu tham số bắt buộc: LOẠI" in capsys.readouterr().err


def test_store_errors_are_worded_from_their_code(tmp_path, capsys):
    missing = tmp_path / "khong-co.json"
    assert main(["--db", str(missing), "check"]) == 1
    assert capsys.readouterr().err == (
        f"hoinghi: không có tệp {missing}; kiểm tra lại đường dẫn, hoặc tạo tệp mới "
        f"(hoinghi --db {missing} new)\n")
    assert main(["--lang", "en", "--db", str(tmp_path / "nope" / "x.json"), "check"]) == 1
    assert "folder" in capsys.readouterr().err
    error = StoreError(code="not_found", path="a.json")  # logs keep the English sentence
    assert str(error) == "a.json does not exist; check the path or create a new store (hoinghi --db a.json new)"


def test_an_os_error_inside_a_store_error_is_worded_by_its_errno():
    from tui.store_words import store_error_text

    full = OSError(errno.ENOSPC, "No space left on device")
    error = StoreWriteError(code="cannot_save", path="h.json", reason=full.strerror, error=full)
    assert store_error_text(error) == "không lưu được h.json: ổ đĩa đã đầy; chưa thay đổi gì"


def test_a_limit_reached_is_said_with_vietnamese_numbers(tmp_path, monkeypatch, capsys, sample_copy):
    from store.io import limits

    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 10_000)
    big = tmp_path / "list.csv"
    big.write_bytes(b"H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan\n" + b"a\n" * 6000)
    assert main(["--db", str(sample_copy), "import-delegates", str(big)]) == 1
    size = f"{big.stat().st_size:,}".replace(",", ".")
    assert capsys.readouterr().err == (
        f"hoinghi: list.csv: từ chối: tệp có {size} byte, quá giới hạn 10.000 byte của một lần nhập\n")


def test_no_python_class_name_reaches_the_screen():
    from tui.workers import reason_of

    text = reason_of(KeyError("x"))
    assert "KeyError" not in text and text.startswith("lỗi không lường trước")


def test_an_export_offers_only_its_formats(sample_copy, capsys):
    assert main(["--db", str(sample_copy), "export", "summary", "-o", str(sample_copy.parent / "a.md")]) == 1
    assert capsys.readouterr().err == "hoinghi: không xuất được dạng md; chọn một trong: pdf\n"


# ---- numbers and dates as a Vietnamese reader writes them ------------------------------------

def test_numbers_money_and_dates():
    from wording.numbers import day, integer, money, number, parse_day, parse_number

    assert number(107.25) == "107,25" and number(95) == "95,00" and number(95.5, 1) == "95,5"
    assert number(1234567.5) == "1.234.567,50" and number(-3.5) == "-3,50" and number(-0.001) == "0,00"
    assert number(None) == "—" and integer(10000) == "10.000" and integer(999) == "999"
    assert money(100_000_000) == "100.000.000 đ" and money(0) == "0 đ"
    assert day("2024-11-30") == "30/11/2024" and day("") == "" and day("sai") == "sai"
    assert parse_day("30/11/2024") == parse_day("30.11.2024") == parse_day("2024-11-30") == "2024-11-30"
    assert parse_number("95,75") == parse_number("95.75") == 95.75 and parse_number(" 7 ") == 7
    for bad in ("", "1.000,5", "abc", "9,5,1", "1e3"):
        with pytest.raises(ValueError):
            parse_number(bad)
    with pytest.raises(ValueError):
        parse_day("31/02/2024")


def test_a_party_document_carries_its_vietnamese_text_into_the_pdf():
    import pypdf

    from store.io.pdf import PartyDocument

    doc = PartyDocument("BAN TỔ CHỨC THÀNH ỦY HÀ NỘI", "Hà Nội", "2024-11-30", "BẢNG TỔNG HỢP KẾT QUẢ")
    doc.heading()
    doc.table(["TT", "Đơn vị", "Điểm"], [[i, "Ban Tổ chức Tỉnh ủy Bắc Kạn", "95,75"] for i in range(1, 60)],
              widths=(1, 6, 2), align=("R", "L", "R"))
    doc.qr("3F9A12", 25, caption="Mã 3F9A12")
    doc.signatures([("T/M CỤM THI ĐUA\nCỤM TRƯỞNG", "Nguyễn Thị Ánh Tuyết")])
    data = doc.output()
    reader = pypdf.PdfReader(io.BytesIO(data))
    first = reader.pages[0].extract_text()
    last = reader.pages[-1].extract_text()
    assert len(reader.pages) >= 2
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first and "Hà Nội, ngày 30 tháng 11 năm 2024" in first
    assert "Ban Tổ chức Tỉnh ủy Bắc Kạn" in first and "Đơn vị" in last  # header repeated
    assert "Nguyễn Thị Ánh Tuyết" in last
    fonts = {str(font) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts  # the font is embedded, not a system font


def test_a_template_is_filled_in_from_the_store_when_one_is_given(sample_copy, tmp_path, capsys):
    import openpyxl

    empty, filled = tmp_path / "trong.xlsx", tmp_path / "day-du.xlsx"
    assert main(["template", "scores", "-o", str(empty)]) == 0
    assert main(["--db", str(sample_copy), "template", "scores", "-o", str(filled)]) == 0
    assert "đã ghi" in capsys.readouterr().err

    def units(path):
        sheet = openpyxl.load_workbook(path).active
        return {row[0] for row in sheet.iter_rows(min_row=6, values_only=True) if row[0]}

    assert "Phú Thọ" in units(filled) and "Phú Thọ" not in units(empty)
    assert main(["template", "scores", "-o", str(empty)]) == 1  # never overwritten without --force
    assert "đã có" in capsys.readouterr().err


def test_a_workbook_beyond_the_limits_is_refused_in_one_line(tmp_path, monkeypatch, capsys):
    """The conference workbook is read with the delegates import's limits (it raised a KeyError
    where a limit was reached, its refusal being worded the old way)."""
    from store.io import limits

    book = tmp_path / "mau.xlsx"
    assert main(["template", "conference", "-o", str(book)]) == 0
    capsys.readouterr()
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 1_000)
    assert main(["--db", str(tmp_path / "moi.json"), "new", "--from", str(book)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hoinghi: mau.xlsx: từ chối: phần ") and err.count("\n") == 1, err
    assert not (tmp_path / "moi.json").exists()


def test_the_projector_refuses_a_damaged_store_in_vietnamese(tmp_path, capsys):
    bad = tmp_path / "hong.json"
    bad.write_bytes(b'{"delegates": {"1": {"co')
    assert main(["--db", str(bad), "--view", "projector"]) == 1
    assert capsys.readouterr().err == (
        f"hoinghi: không hiển thị được {bad}: không phải JSON hợp lệ, có lẽ bị cắt cụt hoặc hỏng\n")
