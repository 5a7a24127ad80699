"""CSV lines split at once (the usual list) or one at a time give the same rows: breaks that
str.splitlines knows and CSV does not (form feed, U+2028...) stay inside their cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.io.reading import read_table


@pytest.mark.parametrize("inside", ["\x0c", "\u2028", "\x85", "\x1e", ""])
def test_a_cell_keeps_a_break_that_is_not_a_csv_line_end(tmp_path: Path, inside: str):
    path = tmp_path / "in.csv"
    path.write_text(f'Họ và tên,Ghi chú\r\nLê Văn Mạnh,"a{inside}b"\nTrần Văn An,c\rĐỗ Thị Hoa,d\r\n',
                    encoding="utf-8")
    assert read_table(path).rows == [(2, {"Họ và tên": "Lê Văn Mạnh", "Ghi chú": f"a{inside}b"}),
                                     (3, {"Họ và tên": "Trần Văn An", "Ghi chú": "c"}),
                                     (4, {"Họ và tên": "Đỗ Thị Hoa", "Ghi chú": "d"})]
