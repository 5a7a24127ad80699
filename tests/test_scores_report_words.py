"""The report of `import-scores` speaks the user's language on every line:
an indicator's row said "Hà Nội, models: mô hình 6", and a sheet without its columns was refused
with an English sentence."""

from __future__ import annotations

import re

import pytest

from store.io.scores_template import template
from store.service import Service
from tui import i18n
from tui.cli.main import main

ENGLISH_NAMES = re.compile(r"\b(models|schemes|resolutions|regulations|refused|columns)\b")


@pytest.fixture
def filled_sheet(sample_copy, tmp_path):
    with Service.open(sample_copy, operator="tester") as service:
        data = template("vi", service)
    path = tmp_path / "diem.xlsx"
    path.write_bytes(data)
    return path


def run(capsys, *argv: str) -> tuple[int, str]:
    i18n.catalog.cache_clear()
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_indicator_rows_are_said_in_vietnamese(sample_copy, filled_sheet, capsys):
    code, out = run(capsys, "--db", str(sample_copy), "import-scores", str(filled_sheet), "--dry-run")
    assert code == 0
    assert "Dòng 14: Hà Nội, Số mô hình: không đổi (6)" in out
    assert "Số quy định: không đổi (12)" in out
    assert not ENGLISH_NAMES.search(out), ENGLISH_NAMES.search(out)


def test_indicator_rows_are_said_in_english_with_lang_en(sample_copy, filled_sheet, capsys):
    code, out = run(capsys, "--lang", "en", "--db", str(sample_copy), "import-scores", str(filled_sheet),
                    "--dry-run")
    assert code == 0
    assert "Row 14: Hà Nội, Models: unchanged (6)" in out and "mô hình" not in out


def test_a_sheet_without_its_columns_is_refused_in_vietnamese(sample_copy, tmp_path, capsys):
    sheet = tmp_path / "diem.csv"
    sheet.write_text("Đơn vị,Ghi chú\nHà Nội,tốt\n", encoding="utf-8")
    code, out = run(capsys, "--db", str(sample_copy), "import-scores", str(sheet))
    assert code != 0
    assert "không có đủ cột đơn vị, nhóm nội dung và điểm" in out
    assert not ENGLISH_NAMES.search(out), out
