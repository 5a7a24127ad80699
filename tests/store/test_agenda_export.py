"""The agenda on paper: the programme before the day, the timekeeping record once it has begun."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pypdf

from store.io.agenda_export import export_agenda
from store.service import Service
from tui.cli.main import main


def test_before_the_day_the_printable_programme(service):
    service.agenda.update("A01", fixed_start=True)
    text = export_agenda(service, "md", "vi").decode("utf-8")
    assert r"| 1 | 08:00 – 08:05 \(cố định\) | 5 | Chào cờ |" in text
    rows = list(csv.reader(io.StringIO(export_agenda(service, "csv", "en").decode("utf-8-sig"))))
    assert rows[0] == ["No.", "Time", "Minutes", "Item", "Presenter"] and len(rows) == 15
    page = pypdf.PdfReader(io.BytesIO(export_agenda(service, "pdf", "vi"))).pages[0].extract_text()
    assert "CHƯƠNG TRÌNH HỘI NGHỊ" in page and "ĐẢNG CỘNG SẢN VIỆT NAM" in page and "Chào cờ" in page


def test_once_under_way_planned_actual_and_over_under(sample_copy, tmp_path):
    at = [dt.datetime(2024, 11, 30, 8, 1, 10)]
    with Service.open(sample_copy, now=lambda: at[0]) as service:
        service.agenda.start("A01")
        at[0] += dt.timedelta(minutes=7)
        service.agenda.start("A02")
        at[0] += dt.timedelta(minutes=9, seconds=20)
        service.agenda.skip("A03")
        service.agenda.finish()
        rows = list(csv.reader(io.StringIO(export_agenda(service, "csv", "vi").decode("utf-8-sig"))))
        assert rows[1] == ["1", "Chào cờ", "Người dẫn chương trình", "08:00", "5", "08:01:10", "08:08:10",
                           "7", "2", "Đã xong"]
        assert rows[2][7:9] == ["9", "-1"] and rows[3][8:] == ["-25", "Bỏ qua"]
        assert rows[-1][1] == "Cả ngày" and rows[-1][4] == "180" and rows[-1][7] == "16"
        md = export_agenda(service, "md", "vi").decode("utf-8")
        assert "| +2 |" in md and "Sớm" in md
    out = tmp_path / "agenda.xlsx"
    assert main(["--db", str(sample_copy), "export", "agenda", "-o", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"
    out = tmp_path / "agenda.pdf"
    assert main(["--db", str(sample_copy), "--lang", "en", "export", "agenda", "--format", "pdf", "-o", str(out)]) == 0
    page = pypdf.PdfReader(out).pages[0].extract_text()
    assert "CONFERENCE TIMEKEEPING RECORD" in page and "Skipped" in page
