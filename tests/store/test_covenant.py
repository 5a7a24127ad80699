"""The covenant: the text, the ceremony (sign, absent, deputy, undo, order), the seal
and its refusal, handovers, next year's cluster head, and the printed record (PDF read back)."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest

from store.covenant import next_year_text, suggested_authority
from store.errors import ValidationError
from store.io.covenant_export import export_covenant
from store.service import Service


@pytest.fixture
def cov(sample_copy):
    ticks = itertools.count()
    clock = lambda: dt.datetime(2024, 11, 30, 10, 0) + dt.timedelta(seconds=20 * next(ticks))  # noqa: E731
    with Service.open(sample_copy, operator="lan", now=clock, backup_keep=0) as service:
        yield service


def sign_first(service, code: str):
    best = service.covenant.candidates(code)[0]
    authority, behalf = suggested_authority(best, service.conference.unit(code))
    return service.covenant.sign(code, signer=best.full_name, position=best.position,
                                 authority=authority, on_behalf_of=behalf, delegate_code=best.code)


def test_candidates_present_first_then_highest_rank(cov):
    pt = cov.covenant.candidates("PT")
    assert [d.full_name for d in pt][:2] == ["Đặng Công Sơn", "Vũ Tiến Long"]  # Trưởng, then Phó
    cov.delegates.check_in(pt[1].code)
    assert cov.covenant.candidates("PT")[0].code == pt[1].code  # present comes first


def test_the_whole_ceremony_absent_deputy_undo_and_the_seal(cov):
    order = cov.covenant.get().signing_order
    assert len(order) == 14 and cov.covenant.progress().current == "HN"
    for code in order[:12]:
        sign_first(cov, code)
    assert cov.covenant.progress().signed == 12 and cov.covenant.progress().current == "CB"
    cov.covenant.record_absent("CB")
    undone = cov.covenant.undo_last()  # the absence was a mistake
    assert undone.unit_code == "CB" and undone.absent
    assert cov.covenant.progress().current == "CB"
    cov.covenant.record_absent("CB")
    deputy = cov.covenant.candidates("BK")[0]
    assert deputy.on_behalf_of  # the sample's Bắc Kạn deputy stands in for the head
    line = sign_first(cov, "BK")
    assert (line.authority, line.on_behalf_of) == ("K/T", "Trưởng Ban Tổ chức Tỉnh ủy Bắc Kạn")
    assert line.authority_line == "K/T Trưởng Ban Tổ chức Tỉnh ủy Bắc Kạn"
    progress = cov.covenant.progress()
    assert (progress.signed, progress.absent, progress.total, progress.current) == (13, 1, 14, "")
    with pytest.raises(ValidationError) as refused:
        cov.covenant.seal()
    assert refused.value.code == "seal_incomplete"
    info = cov.covenant.seal(incomplete=True)
    assert len(info.hash) == 64 and info.fingerprint == " ".join(
        info.hash[i:i + 4].upper() for i in range(0, 16, 4))
    assert (info.signed, info.absent, info.total) == (13, 1, 14)
    assert cov.covenant.progress().fingerprint == info.fingerprint
    actions = [e.action for e in cov.audit.entries()]
    assert actions.count("covenant.sign") == 13 and "covenant.sign.undo" in actions
    assert actions[-1] == "covenant.seal"
    assert cov.check() == []

    for change in (lambda: cov.covenant.edit_text(title="Khác"),
                   lambda: cov.covenant.put_group("N1", content="Khác"),
                   lambda: cov.covenant.undo_last(),
                   lambda: cov.covenant.move_in_order("BK", -1)):
        with pytest.raises(ValidationError) as refused:
            change()
        assert refused.value.code == "covenant_sealed"
        assert refused.value.params["fingerprint"] == info.hash[:4].upper() + "…"
        assert refused.value.params["at"] == info.sealed_at[11:16]
    # not part of the sealed text: the handovers and the next cluster head
    cov.covenant.mark_handed("H1")
    assert cov.covenant.set_next_head("PT", "Đặng Công Sơn").next_head_unit == "PT"
    assert cov.check() == []


def test_signing_refusals(cov):
    with pytest.raises(ValidationError) as refused:
        cov.covenant.sign("PT", signer="  ", position="x")
    assert refused.value.field == "signer"
    with pytest.raises(ValidationError) as refused:
        cov.covenant.sign("PT", signer="Vũ Tiến Long", authority="K/T")
    assert refused.value.code == "behalf_required"
    with pytest.raises(ValidationError) as refused:
        cov.covenant.sign("XX", signer="A")
    assert refused.value.code == "not_in_order"
    with pytest.raises(ValidationError):
        cov.covenant.undo_last()
    typed = cov.covenant.sign("PT", signer="Nguyễn  Văn   Mới", position="Phó Trưởng Ban")
    assert typed.signer == "Nguyễn Văn Mới" and typed.authority == "T/M"
    assert typed.on_behalf_of == "Ban Tổ chức Tỉnh ủy Phú Thọ" and typed.delegate_code is None
    with pytest.raises(ValidationError) as refused:
        cov.covenant.sign("PT", signer="Ai đó")
    assert refused.value.code == "already_signed"
    with pytest.raises(ValidationError) as refused:
        cov.covenant.seal(incomplete=False)
    assert refused.value.code == "seal_incomplete"
    with pytest.raises(ValidationError) as refused:  # Phú Thọ signed this text
        cov.covenant.put_group("N1", content="Nội dung khác")
    assert refused.value.code == "text_signed" and refused.value.params == {"count": 1}
    cov.covenant.undo_last()
    assert cov.covenant.put_group("N1", content="Nội dung khác").content == "Nội dung khác"


def test_order_text_groups_and_next_year(cov):
    cov.covenant.move_in_order("BK", -20)
    assert cov.covenant.get().signing_order[0] == "BK" and cov.covenant.progress().current == "BK"
    with pytest.raises(ValidationError):
        cov.covenant.set_order(["HN"])
    covenant = cov.covenant.edit_text(year="2025", title="Giao ước thi đua năm 2025",
                                      movements=["Người tốt, việc tốt", "  "])
    assert covenant.movements == ("Người tốt, việc tốt",) and covenant.year == 2025
    group = cov.covenant.put_group(None, content="Nội dung mới", measure="Cách đo", target="100%")
    assert group.order == 9 and group.code == "N9"
    cov.covenant.move_group("N9", -8)
    groups = sorted(cov.covenant.get().groups, key=lambda g: g.order)
    assert [g.code for g in groups][:2] == ["N9", "N1"] and [g.order for g in groups] == list(range(1, 10))
    cov.covenant.remove_group("N9")
    assert len(cov.covenant.get().groups) == 8
    nxt = next_year_text(cov.covenant.get())
    assert nxt.year == 2026 and "2026" in nxt.title and nxt.groups == cov.covenant.get().groups
    assert not nxt.sealed and nxt.next_head_unit == ""


def test_a_new_covenant_copies_the_previous_one(tmp_path):
    from tests.test_import import units_only_store

    previous = Service.open(units_only_store(tmp_path / "a.json"), backup_keep=0)
    with previous:
        assert previous.covenant.get() is None
        with pytest.raises(ValidationError):
            previous.covenant.sign("HN", signer="A")
    from tests.conftest import SAMPLE
    import orjson
    from store.models import Covenant

    old = Covenant.from_doc(next(iter(orjson.loads(SAMPLE.read_bytes())["covenant"].values())))
    with Service.open(tmp_path / "a.json", backup_keep=0) as service:
        made = service.covenant.create(year=2026, title="Giao ước thi đua năm 2026", copy_of=old)
        assert made.groups == old.groups and made.movements == old.movements
        assert len(made.signing_order) == len(service.conference.units())
        with pytest.raises(ValidationError):
            service.covenant.create(year=2026, title="x")


def test_handovers_amounts_and_totals(cov):
    added = cov.covenant.add_handover(what="Hỗ trợ xây nhà", place="Xã Tả Van", amount_vnd="50.000.000 đ")
    assert added.amount_vnd == 50_000_000 and added.code == "H6"
    with pytest.raises(ValidationError) as refused:
        cov.covenant.add_handover(what="x")
    assert refused.value.code == "unit_or_place"
    done = cov.covenant.mark_handed("H1")
    assert done.handed_over and done.handed_at.startswith("2024-11-30T10:")
    with pytest.raises(ValidationError):
        cov.covenant.mark_handed("H1")
    totals = cov.covenant.totals()
    assert (totals.count, totals.amount_vnd, totals.handed_count, totals.handed_vnd) == (
        6, 650_000_000, 1, 100_000_000)
    assert not cov.covenant.undo_handed("H1").handed_over
    actions = [e.action for e in cov.audit.entries()]
    assert actions[-3:] == ["handover.add", "handover.done", "handover.undo"]


def test_the_record_read_back_from_the_pdf_with_the_names_intact(cov):
    import pypdf

    for code in cov.covenant.get().signing_order[:-1]:
        sign_first(cov, code)
    cov.covenant.record_absent("BK")
    cov.covenant.set_next_head("PT", "Đặng Công Sơn")
    info = cov.covenant.seal(incomplete=True)
    data = export_covenant(cov, "pdf", "vi")
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    for name in ("Vũ Đức Bảo", "Đặng Công Sơn", "Nông Hữu Thắng", "Ma Hồng Hương", "Bắc Kạn",
                 "ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Nội, ngày 30 tháng 11 năm 2024", "Vắng mặt",
                 info.fingerprint, "13/14", "T/M CỤM THI ĐUA"):
        assert name in flat, name
    md = export_covenant(cov, "md", "vi").decode()
    assert "| 14 | Bắc Kạn | Vắng mặt |" in md and info.hash in md and "100.000.000 đ" in md
    assert "Đơn vị cụm trưởng năm 2025: Phú Thọ – Đặng Công Sơn" in md
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export_covenant(cov, "xlsx", "en")))
    cells = [c for row in book["Signing"].iter_rows(values_only=True) for c in row if c]
    assert "Absent" in cells and "Vũ Đức Bảo" in cells


def test_export_covenant_from_the_command_line(cov, tmp_path, capsys):
    from tui.cli.main import main

    for code in cov.covenant.get().signing_order:
        sign_first(cov, code)
    info = cov.covenant.seal()
    path = cov.path
    cov.close()
    out = tmp_path / "giao-uoc.md"
    assert main(["--db", str(path), "export", "covenant", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "Niêm phong khi 14/14 đơn vị đã ký." in text and info.fingerprint in text
    pdf = tmp_path / "giao-uoc.pdf"
    assert main(["--db", str(path), "--lang", "en", "export", "covenant", "--format", "pdf", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    assert main(["--db", str(path), "check"]) == 0
