"""The papers from the panels: the desk's export dialog offers the delegate
papers (↑/↓ choose, the file name follows), the covenant panel the chair's summary, F11 (and the
palette) every paper of the day; the setup panel's papers form sets the number and Nơi nhận
that every paper then prints."""

from __future__ import annotations

import io

import pypdf

from ..conftest import make_app, settle, wait_for
from .pilot import press


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages).split())


async def _export(pilot, downs: int, path) -> None:
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "ExportDialog")
    for _ in range(downs):
        await press(pilot, "down")
    box = pilot.app.screen.query_one("#export-path")
    assert box.value.endswith(".pdf") or downs == 0
    box.value = str(path.with_name(box.value.rsplit("/", 1)[-1]))
    await press(pilot, "enter")
    await settle(pilot)
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ != "ExportDialog")


async def test_the_desk_prints_invitations_badges_and_who_has_not_arrived(service, tmp_path):
    people = service.delegates.all()
    service.delegates.check_in(people[0].code)
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        await _export(pilot, 4, tmp_path / "x")  # list, absent, present, introduction, invitations
        await press(pilot, "ctrl+l")
        await _export(pilot, 5, tmp_path / "x")  # … badges
        await press(pilot, "ctrl+l")
        await _export(pilot, 1, tmp_path / "x")  # not yet arrived
    invitations = _text(tmp_path / "giay-moi.pdf")
    badges = _text(tmp_path / "the-dai-bieu.pdf")
    absent = _text(tmp_path / "dai-bieu-chua-den.pdf")
    for d in people:
        code = service.delegates.scan_code(d.code)
        assert code in invitations and code in badges
    assert f"Mã điểm danh: {service.delegates.scan_code(people[1].code)}" in invitations
    assert "DANH SÁCH ĐẠI BIỂU CHƯA ĐẾN" in absent and f"Tổng cộng {len(people) - 1} {len(people)}" in absent
    assert service.delegates.scan_code(people[0].code) not in absent


async def test_the_covenant_panel_and_f11_print_the_chairs_summary(service, tmp_path):
    app = make_app(service, panel="covenant")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+l")
        await _export(pilot, 1, tmp_path / "x")
        assert (tmp_path / "tom-tat-hoi-nghi.pdf").exists()
        (tmp_path / "tom-tat-hoi-nghi.pdf").unlink()
        await press(pilot, "f11")
        await _export(pilot, 0, tmp_path / "x")  # the summary comes first
    text = _text(tmp_path / "tom-tat-hoi-nghi.pdf")
    assert "BÁO CÁO TÓM TẮT HỘI NGHỊ" in text and "Số -BC/CTĐ" in text


async def test_the_papers_form_sets_the_number_and_recipients_every_paper_prints(service, tmp_path):
    from store.io.exports import EXPORTS

    app = make_app(service, panel="setup")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f6")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PapersForm")
        form = app.screen
        form.query_one("#recipients").text = "Ban Tổ chức Trung ương\nCác đơn vị trong cụm"
        form.query_one("#number_summary").focus()
        await press(pilot, *"15", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "SetupScreen"
    conference = service.conference.get()
    assert conference.doc_numbers == {"summary": "15"}
    assert conference.recipients == ("Ban Tổ chức Trung ương", "Các đơn vị trong cụm")
    text = " ".join(pypdf.PdfReader(io.BytesIO(EXPORTS["summary"].load()(service, "pdf"))).pages[0]
                    .extract_text().split())
    assert "Số 15-BC/CTĐ" in text
    assert "Nơi nhận: - Ban Tổ chức Trung ương, - Các đơn vị trong cụm, - Lưu." in text


async def test_a_number_too_long_is_refused_at_its_field(service):
    app = make_app(service, panel="setup")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f6")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PapersForm")
        app.screen.query_one("#number_ranking").focus()
        await press(pilot, *("9" * 25), "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "PapersForm"
        assert "25" in str(app.screen.query_one("#number_ranking-error").render())
    assert service.conference.get().doc_numbers == {}
