"""The scorecards panel as a person uses it, by keyboard only: open a unit's scorecard, type a
wrong value (the reason beside the cell), a right one with a decimal comma (saved, the ranking
and its note change), a bonus with its reason, the chart, the rules, and the export."""

from __future__ import annotations

import io

from textual.widgets import DataTable, Input, Static

from store.service import Service

from ..conftest import FIXED_NOW, make_app, settle
from .pilot import press


def ranking_order(app) -> list[str]:
    table = app.screen.query_one("#ranking", DataTable)
    return [row.key.value for row in table.ordered_rows]


async def test_scorecard_by_keyboard(sample_copy, tmp_path):
    service = Service.open(sample_copy, operator="tester", now=lambda: FIXED_NOW)
    app = make_app(service, panel="scorecards")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        order = ranking_order(app)
        assert order.index("PT") == 8 and order.index("HB") == 9
        explain = str(app.screen.query_one("#explain-text", Static).render())
        assert "Phú Thọ trên Hòa Bình: cùng 95,75 điểm; nhiều mô hình hơn" in " ".join(explain.split())
        # open Hòa Bình's card (10th row) and type in its first cluster cell
        await press(pilot, *["down"] * 9, "enter")
        await settle(pilot)
        card = app.screen
        assert card.unit_code == "HB" and card.focused.id == "in-N1-cluster"
        before = service.scoring.score("HB")
        await press(pilot, "1", "6", "enter")
        await settle(pilot)
        title = str(card.query_one("#title-N1", Static).render())
        assert "không được lớn hơn điểm tối đa (15,00)" in title
        assert card.focused.id == "in-N1-cluster"
        assert service.scoring.score("HB") == before
        # a right value with a decimal comma: saved, the focus moves down
        await press(pilot, "1", "4", ",", "7", "5", "enter")
        await settle(pilot)
        assert service.scoring.score("HB").group("N1").cluster_points == 14.75
        assert card.focused.id == "in-N2-cluster"
        assert "N1." in str(card.query_one("#title-N1", Static).render())
        await press(pilot, "up", "left")  # arrows move between cells; left stays in the cell
        assert card.focused.id == "in-N1-cluster"
        # a bonus chosen from the rules, with its reason
        await press(pilot, "ctrl+b")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#f-score_rule").value == "B15"
        await press(pilot, "down")  # to the reason
        await press(pilot, "enter")
        await settle(pilot)
        assert "bắt buộc" in str(form.query_one("#e-score_reason", Static).render())
        for ch in "Cờ của Chính phủ":
            await press(pilot, ch if ch != " " else "space")
        await press(pilot, "enter")
        await settle(pilot)
        assert app.screen is card
        assert service.scoring.score("HB").bonuses[0].reason == "Cờ của Chính phủ"
        await press(pilot, "f7")
        await settle(pilot)
        assert "Cụm chấm" in str(card.query_one("#group-chart", Static).render())
        await press(pilot, "escape")
        await settle(pilot)
        # back on the ranking: Hòa Bình, with 15 points of bonus, now leads
        total = before.cluster_total - before.group("N1").cluster_points + 14.75 + 15
        assert service.scoring.score("HB").cluster_total == total
        assert ranking_order(app)[0] == "HB"
        explain = " ".join(str(app.screen.query_one("#explain-text", Static).render()).split())
        assert "Đơn vị dẫn đầu: Hòa Bình" in explain
        await press(pilot, "f7")
        await settle(pilot)
        chart = str(app.screen.query_one("#chart", Static).render())
        from wording.numbers import number
        assert "1. Hòa Bình" in chart and number(total) in chart
        # export the PDF from the panel
        await press(pilot, "ctrl+l")
        await settle(pilot)
        target = tmp_path / "ket-qua.pdf"
        app.screen.query_one("#export-path", Input).value = str(target)
        await press(pilot, "enter")
        await settle(pilot)
        assert target.exists() and target.read_bytes().startswith(b"%PDF")
    import pypdf

    text = pypdf.PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "Hòa Bình" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    service.close()


async def test_rules_editor_adds_a_tier_and_a_ballot_decides(sample_copy):
    service = Service.open(sample_copy, operator="tester", now=lambda: FIXED_NOW)
    app = make_app(service, panel="scorecards", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "f6")
        await settle(pilot)
        rules = app.screen
        table = rules.query_one("#rules", DataTable)
        keys = [row.key.value for row in table.ordered_rows]
        table.move_cursor(row=keys.index("tier:MERIT"))
        await press(pilot, "ctrl+n")
        await settle(pilot)
        for ch in "Gov":
            await press(pilot, ch)
        await press(pilot, "down", "2", "enter")  # the quota cell is selected on focus: "2" replaces "1"
        await settle(pilot)
        assert [t.label for t in service.scoring.config().tiers][-1] == "Gov"
        assert service.scoring.config().tiers[-1].quota == 2
        await press(pilot, "escape")
        await settle(pilot)
        await press(pilot, "f8")
        await settle(pilot)
        ballot = app.screen
        ballot.query_one("#voters", Input).value = "14"
        ballot.query_one("#v-HN", Input).value = "10"
        ballot.query_one("#voters", Input).focus()
        await press(pilot, "enter")
        await settle(pilot)
        assert "elected" in str(ballot.query_one("#r-HN", Static).render())
        await press(pilot, "escape")
        await settle(pilot)
        explain = " ".join(str(app.screen.query_one("#explain-text", Static).render()).split())
        assert "Leading unit: Hà Nội" in explain and "by ballot" in explain
        assert "Hà Nội proposed for Cờ thi đua without the highest score" in explain
    service.close()
