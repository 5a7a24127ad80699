"""The papers of the day: every paper written from the command line and
read back with pypdf; one heading rule across every PDF (issuing body, number line, the same
date line, Nơi nhận); the delegate list's code columns and `--only` with the count per unit."""

from __future__ import annotations

import csv
import io
import unicodedata

import pypdf
import pytest

from store.service import Service
from store.io.exporter import export_delegates
from store.io.papers.letterhead import issuing_body, number_line
from tui.cli.main import main

PAPERS = ("delegates", "introduction", "invitations", "badges", "summary", "agenda", "ranking", "covenant")
#: the papers that are Party documents (the badges are cards, not documents)
DOCUMENTS = tuple(p for p in PAPERS if p != "badges")
DATE_LINE = "Hà Nội, ngày 30 tháng 11 năm 2024"


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _write(store, tmp_path, what, *extra, lang="vi") -> str:
    out = tmp_path / f"{what}.pdf"
    assert main(["--db", str(store), "--lang", lang, "export", what, "--format", "pdf",
                 "-o", str(out), "--force", *extra]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    return _text(data)


@pytest.fixture
def numbered(sample_copy):
    """The demo with some delegates arrived, a number for the ranking and recipients set."""
    with Service.open(sample_copy) as service:
        for d in service.delegates.all()[:9]:
            service.delegates.check_in(d.code)
        service.conference.save(doc_numbers={"ranking": "12"},
                                recipients="Ban Tổ chức Trung ương (để báo cáo)\nCác đơn vị trong cụm")
    return sample_copy


def test_every_paper_has_the_same_heading_date_and_number_line(numbered, tmp_path):
    texts = {what: _write(numbered, tmp_path, what) for what in PAPERS}
    for what in DOCUMENTS:
        flat = _flat(texts[what])
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in flat, what
        assert "BAN TỔ CHỨC THÀNH ỦY HÀ NỘI" in flat and "CỤM THI ĐUA SỐ 1" in flat, what
        assert DATE_LINE in flat, what
        assert unicodedata.is_normalized("NFC", texts[what]), what
    assert "Số 12-BC/CTĐ" in _flat(texts["ranking"])
    # a paper without a number leaves the number blank to be written by hand
    for what, sign in (("summary", "BC"), ("covenant", "GƯ"), ("agenda", "CTr"), ("invitations", "GM"),
                       ("delegates", "DS")):
        assert f"Số -{sign}/CTĐ" in _flat(texts[what]), what
    for what in ("ranking", "covenant", "summary", "agenda", "delegates"):
        flat = _flat(texts[what])
        assert "Nơi nhận: - Ban Tổ chức Trung ương (để báo cáo), - Các đơn vị trong cụm, - Lưu." in flat, what
        assert "T/M CỤM THI ĐUA CỤM TRƯỞNG" in flat and "Vũ Đức Bảo" in flat, what


def test_invitations_and_badges_carry_each_delegates_name_and_printed_code(numbered, tmp_path):
    with Service.open(numbered) as service:
        people = service.delegates.all()
        codes = {d.code: (d.full_name, service.delegates.scan_code(d.code)) for d in people}
        units = {u.code for u in service.conference.units()}
    text = _write(numbered, tmp_path, "invitations")
    pages = pypdf.PdfReader(tmp_path / "invitations.pdf").pages
    assert len(pages) == len(people)  # one A4 per delegate
    page_texts = [_flat(page.extract_text()) for page in pages]
    for name, code in codes.values():
        assert any(f"Đồng chí {name}" in p and f"Mã điểm danh: {code}" in p for p in page_texts), name
    for page_text in page_texts:
        assert "GIẤY MỜI" in page_text and "Thời gian: 08:00, thứ Bảy, ngày 30/11/2024." in page_text
    assert unicodedata.is_normalized("NFC", text)
    badges = _flat(_write(numbered, tmp_path, "badges"))
    assert len(pypdf.PdfReader(tmp_path / "badges.pdf").pages) == -(-len(people) // 8)
    for name, code in codes.values():
        assert name in badges and code in badges
    one_unit = _flat(_write(numbered, tmp_path, "badges", "--unit", "pt"))
    assert "PT" in units and "Phú Thọ" in one_unit and "Hà Giang" not in one_unit


def test_delegate_list_has_the_code_columns_in_every_format(numbered):
    with Service.open(numbered) as service:
        rows = list(csv.reader(io.StringIO(export_delegates(service, "csv", "name").decode("utf-8-sig"))))
        assert rows[0][-2:] == ["Mã đại biểu", "Mã điểm danh"]
        by_code = {d.code: d for d in service.delegates.all()}
        assert sorted(row[5] for row in rows[1:]) == sorted(by_code)
        for row in rows[1:]:
            d = by_code[row[5]]
            assert (row[1], row[6]) == (d.full_name, service.delegates.scan_code(d.code))
        md = export_delegates(service, "md", "name").decode()
        pdf = _flat(_text(export_delegates(service, "pdf", "name")))
        for d in by_code.values():
            assert d.code in md and service.delegates.scan_code(d.code) in md
            assert service.delegates.scan_code(d.code) in pdf and d.full_name in pdf


def test_only_absent_lists_those_not_arrived_with_the_count_per_unit(numbered, tmp_path):
    with Service.open(numbered) as service:
        people = service.delegates.all()
        absent = [d for d in people if not d.present]
        present = [d for d in people if d.present]
        units = service.conference.units()
    assert len(present) == 9
    out = tmp_path / "absent.csv"
    assert main(["--db", str(numbered), "export", "delegates", "--only", "absent", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert sorted(r[1] for r in rows[1:]) == sorted(d.full_name for d in absent)
    md = tmp_path / "absent.md"
    assert main(["--db", str(numbered), "export", "delegates", "--only", "absent", "-o", str(md)]) == 0
    text = md.read_text("utf-8")
    assert "| Tổng cộng | 53 | 62 |" in text
    hn = sum(1 for d in absent if d.unit_code == "HN")
    assert f"| Hà Nội | {hn} | {sum(1 for d in people if d.unit_code == 'HN')} |" in text
    pdf = _flat(_write(numbered, tmp_path, "delegates", "--only", "absent"))
    assert "DANH SÁCH ĐẠI BIỂU CHƯA ĐẾN" in pdf and "Tổng cộng 53 62" in pdf
    for d in present:
        assert d.full_name not in pdf.split("Số đại biểu theo đơn vị")[0]
    present_pdf = _flat(_write(numbered, tmp_path, "delegates", "--only", "present"))
    assert "Tổng cộng 9 62" in present_pdf and len(units) == 14


def test_introduction_is_the_present_delegates_in_protocol_order(numbered, tmp_path):
    from store.models import roster

    with Service.open(numbered) as service:
        expected = [d.full_name for d in roster.introduction_list(service.delegates.all())]
    text = _flat(_write(numbered, tmp_path, "introduction"))
    positions = [text.index(name) for name in expected]
    assert positions == sorted(positions) and len(expected) == 9


def test_summary_is_one_page_with_attendance_ranking_and_signing(numbered, tmp_path):
    text = _flat(_write(numbered, tmp_path, "summary"))
    assert len(pypdf.PdfReader(tmp_path / "summary.pdf").pages) == 1
    assert "BÁO CÁO TÓM TẮT HỘI NGHỊ" in text
    assert "Có mặt 9/62 đại biểu được mời." in text
    assert "Đơn vị dẫn đầu: Thái Nguyên" in text
    assert "Chưa niêm phong: đã ký 0/14 đơn vị." in text
    assert "Theo chương trình: 14 nội dung, 08:00 – 11:00." in text


def test_english_papers(numbered, tmp_path):
    text = _flat(_write(numbered, tmp_path, "invitations", lang="en"))
    assert "INVITATION" in text and "Check-in code:" in text and "Hà Nội, 30/11/2024" in text
    assert "No. -GM/CTĐ" in text
    assert "Recipients:" in _flat(_write(numbered, tmp_path, "summary", lang="en"))


def test_options_that_do_not_apply_are_refused_in_one_line(numbered, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["--db", str(numbered), "export", "ranking", "--only", "absent", "-o", str(out)]) == 1
    assert main(["--db", str(numbered), "export", "badges", "--unit", "XX", "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "hoinghi: --only chỉ dùng cho danh sách đại biểu"
    assert err[1].startswith("hoinghi: --unit XX: không có đơn vị này; các mã đơn vị: HN, PT")
    assert not out.exists()


def test_the_issuing_body_from_setup_and_its_refusals(service):
    conference = service.conference.save(issuer="Ban Tổ chức Tỉnh ủy Phú Thọ / Cụm thi đua số 1",
                                         doc_symbol="CTĐ1", doc_numbers={"summary": "07"})
    assert issuing_body(conference) == ("BAN TỔ CHỨC TỈNH ỦY PHÚ THỌ", "CỤM THI ĐUA SỐ 1")
    assert number_line(conference, "summary") == "Số 07-BC/CTĐ1"
    from store.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        service.conference.save(doc_numbers={"summary": "x" * 30})
    assert refused.value.field == "conference.number_summary"
    assert service.conference.get().doc_numbers == {"summary": "07"}


def test_the_printed_code_is_a_full_qr_code_that_a_scanner_reads(numbered, tmp_path):
    """segno picks a Micro QR (17 modules) for a text this short, which phones and desk scanners
    do not read: the papers draw a full QR code (21 modules or more)."""
    import shutil
    import subprocess

    from store.io.pdf import qr_matrix

    with Service.open(numbered) as service:
        first = service.delegates.scan_code(service.delegates.all()[0].code)
    assert len(qr_matrix(first)) >= 21
    if not (shutil.which("pdftoppm") and shutil.which("zbarimg")):
        pytest.skip("pdftoppm and zbarimg are needed to read the code back from the page")
    _write(numbered, tmp_path, "badges")
    _write(numbered, tmp_path, "invitations")
    read = []
    for paper in ("badges", "invitations"):
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(tmp_path / f"{paper}.pdf"),
                        str(tmp_path / paper)], check=True)
        page = next(tmp_path.glob(f"{paper}*.png"))
        read += subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True).stdout.split()
    from store.models import roster

    with Service.open(numbered) as service:
        units = service.conference.units()
        people = service.delegates.all()
        badges = [service.delegates.scan_code(d.code) for d in roster.sort_delegates(people, "unit", units)[:8]]
        invited = service.delegates.scan_code(roster.sort_delegates(people, "protocol", units)[0].code)
    assert sorted(read) == sorted([*badges, invited])  # every badge of the first page, the invitation


def test_summary_after_the_day_tells_the_run_and_the_seal_beside_its_qr(numbered, tmp_path):
    import datetime as dt

    with Service.open(numbered) as service:
        at = dt.datetime(2024, 11, 30, 8, 2)
        for item in service.agenda.items():
            service.agenda.start(item.code, at=at)
            at += dt.timedelta(minutes=item.duration_min + 1)
            service.agenda.finish(at=at)
        covenant = service.covenant.get()
        for code in covenant.signing_order:
            service.covenant.sign(code, signer="Nguyễn Văn A", position="Trưởng Ban")
        seal = service.covenant.seal()
    text = _flat(_write(numbered, tmp_path, "summary"))
    assert len(pypdf.PdfReader(tmp_path / "summary.pdf").pages) == 1
    assert "Đã thực hiện 14/14 nội dung, bỏ qua 0; bắt đầu lúc 08:02." in text
    assert f"Kết thúc lúc {at:%H:%M}." in text and "Chậm 16 phút so với chương trình" in text
    assert f"mã niêm phong: {seal.fingerprint}" in text and "Niêm phong khi 14/14 đơn vị đã ký." in text
    assert text.count("Đã ký") == 14


def test_the_date_line_names_the_host_province_when_no_place_is_set(sample_copy, tmp_path):
    with Service.open(sample_copy) as service:
        service.conference.save(venue="Hội trường Thành ủy, số 18 Lê Lai")
        assert service.conference.get().doc_place in ("", None)
    out = tmp_path / "ds.pdf"
    assert main(["--db", str(sample_copy), "export", "delegates", "--format", "pdf", "-o", str(out)]) == 0
    text = unicodedata.normalize("NFC", "".join(p.extract_text() for p in pypdf.PdfReader(out).pages))
    assert "Hà Nội, ngày 30 tháng 11 năm 2024" in text and "Lê Lai, ngày" not in text
