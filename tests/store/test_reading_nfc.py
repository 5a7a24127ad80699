"""Every cell read from a CSV is NFC, whether the file's text was NFC as a whole (no cell is
normalized again) or held decomposed letters anywhere (each cell normalized)."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from store.io.reading import read_table

LETTERS = "aăâeêioôơuưyđ" + "AĂÂĐ" + "\u0300\u0301\u0303\u0309\u0323" + ' ,;"\'=\t'
cells = st.text(alphabet=LETTERS, max_size=8)
forms = st.sampled_from(["NFC", "NFD", None])


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(st.tuples(cells, forms), min_size=2, max_size=2), min_size=1, max_size=6))
def test_cells_are_nfc_and_the_text_the_file_held(tmp_path_factory, rows):
    written = [["Họ và tên", "Đơn vị"]] + [
        ["X" + (unicodedata.normalize(form, text) if form else text), text] for (text, form), (_u, _f) in
        ((row[0], row[1]) for row in rows)]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(written)
    path = Path(tmp_path_factory.mktemp("nfc")) / "in.csv"
    path.write_bytes(out.getvalue().encode("utf-8"))
    table = read_table(path)
    got = [[cells["Họ và tên"], cells.get("Đơn vị", "")] for _n, cells in table.rows]
    want = [[unicodedata.normalize("NFC", c) for c in row] for row in written[1:]]
    want = [row for row in want if any(c.strip() for c in row)]
    assert [row[0] for row in got] == [row[0] for row in want]
    for row in got:
        assert all(unicodedata.is_normalized("NFC", c) for c in row)
