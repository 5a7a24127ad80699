"""The result of the review on paper: the ranking as CSV, XLSX, Markdown or a PDF laid out as a
Vietnamese Party document (ĐẢNG CỘNG SẢN VIỆT NAM heading, issuing body, place and date, title,
table, tie-break notes, proposals, warnings, bar chart, signature block).

Rows: rank, unit, own and cluster totals, bonus and deduction with their reasons, the four
indicators, the award proposed, the ballot's votes, the tie-break note. Numbers are written as
a Vietnamese reader writes them ("95,75"); XLSX keeps them as numbers.
"""

from __future__ import annotations

from typing import Any, Sequence

from ..models import ranking as rk
from wording.numbers import number
from .exporter import render
from wording.catalog import table

HEADERS = table("doc.ranking.headers")
SHEET = table("doc.ranking.sheet")
CRITERIA = table("doc.ranking.criteria")
WORDS = table("doc.ranking")


def _lang(lang: str) -> str:
    return lang if lang in WORDS else "vi"


def note_text(note: rk.TieNote, lang: str = "vi") -> str:
    words = WORDS[_lang(lang)]
    if note.criterion is None:
        return words["shared"].format(upper=note.upper.short_name, lower=note.lower.short_name,
                                      total=number(note.total), rank=note.rank)
    return words["note"].format(upper=note.upper.short_name, lower=note.lower.short_name,
                                total=number(note.total),
                                criterion=CRITERIA[_lang(lang)].get(note.criterion, note.criterion))


def warning_text(warning: rk.Warning, lang: str = "vi") -> str:
    words = WORDS[_lang(lang)]
    params = {k: (number(v) if isinstance(v, float) else v) for k, v in warning.params.items()}
    return words[warning.code].format(units=", ".join(warning.units), tier=warning.tier, **params)


def _reasons(adjustments: Sequence[Any]) -> str:
    return "; ".join(f"{a.reason} ({number(a.points)})" for a in adjustments)


def _votes(table: rk.Ranking, unit_code: str, lang: str) -> str:
    out = []
    for code, result in table.ballots.items():
        for line in result.lines:
            if line.unit.code == unit_code:
                out.append(WORDS[_lang(lang)]["votes"].format(
                    tier=result.tier.label, votes=line.votes, voters=result.voters,
                    percent=number(line.percent)))
    return "; ".join(out)


def ranking_rows(table: rk.Ranking, lang: str = "vi", *, numeric: bool = False) -> list[list[Any]]:
    """One row per unit in ranking order (see HEADERS); with `numeric`, numbers stay numbers."""
    words = WORDS[_lang(lang)]
    shown = (lambda v: v) if numeric else number
    rows = []
    for r in table.rows:
        s, i = r.score, r.indicators
        note = table.note_for(r.unit.code)
        rows.append([
            r.rank if r.rank is not None else words["unranked"],
            r.unit.short_name,
            shown(r.self_total) if r.self_total is not None else "",
            shown(r.cluster_total) if r.cluster_total is not None else "",
            shown(r.bonus_total) if s and s.bonuses else "",
            _reasons(s.bonuses) if s else "",
            shown(r.deduction_total) if s and s.deductions else "",
            _reasons(s.deductions) if s else "",
            i.models if i else 0, i.schemes if i else 0, i.resolutions if i else 0,
            i.regulations if i else 0,
            r.award,
            _votes(table, r.unit.code, lang),
            note_text(note, lang) if note else "",
        ])
    return rows


def summary_lines(table: rk.Ranking, lang: str = "vi") -> dict[str, list[str]]:
    """The explanation under the table: tie-break notes, leader and proposals, warnings."""
    words = WORDS[_lang(lang)]
    proposals = []
    if table.leader is not None:
        proposals.append(words["leader"].format(unit=table.leader.short_name))
    for tier in table.tiers:
        units = table.proposals(tier.code)
        line = words["proposal"].format(tier=tier.label, quota=tier.quota,
                                        units=", ".join(u.short_name for u in units) or words["none"])
        proposals.append(line + (words["by_ballot"] if tier.code in table.ballots else ""))
    return {
        "notes": [note_text(n, lang) for n in table.notes],
        "proposals": proposals,
        "warnings": [warning_text(w, lang) for w in table.warnings],
    }


def export_ranking(service: Any, fmt: str, lang: str = "vi") -> bytes:
    table = service.scoring.table()
    lang = _lang(lang)
    if fmt == "pdf":
        return ranking_pdf(service, table, lang)
    rows = ranking_rows(table, lang, numeric=fmt == "xlsx")
    if fmt == "md":
        return _markdown(rows, table, lang)
    return render(fmt, HEADERS[lang], rows, SHEET[lang])


def _markdown(rows: list[list[Any]], table: rk.Ranking, lang: str) -> bytes:
    from .exporter import markdown_cell, to_markdown

    body = to_markdown(HEADERS[lang], rows).decode("utf-8")
    head, rule, rest = body.split("\n", 2)
    numeric = {0, 2, 3, 4, 6, 8, 9, 10, 11}  # rank, totals, bonus, deduction, indicators: right-aligned
    rule = "|" + "|".join("---:" if i in numeric else "---" for i in range(len(HEADERS[lang]))) + "|"
    body = "\n".join((head, rule, rest))
    words = WORDS[lang]
    parts = [body]
    for key, lines in summary_lines(table, lang).items():
        if lines:
            parts.append(f"\n## {words[key]}\n\n" + "\n".join(f"- {markdown_cell(x)}" for x in lines) + "\n")
    return "".join(parts).encode("utf-8")


# ---- PDF -----------------------------------------------------------------------------------


def ranking_pdf(service: Any, table: rk.Ranking, lang: str = "vi") -> bytes:
    from .papers.letterhead import closing, document, letterhead

    conference = service.conference.get()
    words = WORDS[lang]
    head = letterhead(service, "ranking", lang)
    doc = document(head, words["title"].format(year=conference.year if conference else ""),
                   (conference.cluster if conference else "") or "", landscape=True)
    rows = ranking_rows(table, lang)
    # the PDF leaves out the reasons' own columns' width hogs: reasons stay, widths relative
    widths = (5, 12, 7, 7, 7, 16, 7, 14, 6, 6, 7, 7, 11, 13, 18)
    align = ("C", "L", "R", "R", "R", "L", "R", "L", "R", "R", "R", "R", "L", "L", "L")
    doc.table(HEADERS[lang], rows, widths=widths, align=align, size=7.5)
    lines = summary_lines(table, lang)
    for key in ("proposals", "notes", "warnings"):
        if lines[key]:
            doc.paragraph(words[key], bold=True)
            for line in lines[key]:
                doc.paragraph(f"- {line}", size=10)
            doc.space(2)
    ranked = table.ranked
    if ranked:
        draw_chart(doc, ranked, words["chart"], table.tiers[0].code if table.tiers else "")
    closing(doc, head)
    return doc.output()


def draw_chart(doc: Any, ranked: Sequence[rk.RankedUnit], caption: str, first_tier: str = "") -> None:
    """Horizontal bars of the cluster totals in ranking order, drawn with fpdf2's primitives.
    On paper the scale starts at zero (a bar's length is its score: 89 points is not drawn as a
    ninth of 97,5) and ends at the scale's total (100) or the highest score above it; each bar
    carries its exact value."""
    from .pdf import FONT

    pdf = doc.pdf
    totals = [r.total for r in ranked if r.total is not None]
    low, high = paper_range(totals)
    bar_h, gap = 5.0, 1.6
    label_w, value_w = 38.0, 16.0
    height = len(ranked) * (bar_h + gap) + 16
    if pdf.get_y() + height > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.set_font(FONT, "B", 10)
    pdf.cell(0, 6, caption.format(low=number(low, 0), high=number(high, 0)), align="C",
             new_x="LMARGIN", new_y="NEXT")
    left = pdf.l_margin + label_w
    width = doc.width - label_w - value_w
    top = pdf.get_y() + 2
    scale = width / (high - low)
    # grid lines at every whole point (every 2 or 5 when the range is wide)
    step = 1 if high - low <= 20 else (5 if high - low <= 50 else 10)
    pdf.set_draw_color(200, 200, 200)
    pdf.set_font(FONT, "", 7)
    bottom = top + len(ranked) * (bar_h + gap)
    tick = low
    while tick <= high + 1e-9:
        x = left + (tick - low) * scale
        pdf.line(x, top, x, bottom)
        pdf.set_xy(x - 6, bottom + 0.5)
        pdf.cell(12, 4, number(tick, 0), align="C")
        tick += step
    pdf.set_draw_color(0, 0, 0)
    for index, r in enumerate(ranked):
        y = top + index * (bar_h + gap)
        pdf.set_font(FONT, "", 8)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_w - 2, bar_h, f"{r.rank}. {r.unit.short_name}", align="R")
        value = r.total or low
        if r.award_code and r.award_code == first_tier:
            pdf.set_fill_color(178, 34, 34)    # the first tier (the flag): red
        elif r.award_code:
            pdf.set_fill_color(205, 133, 63)   # another award: ochre
        else:
            pdf.set_fill_color(70, 110, 160)
        pdf.rect(left, y, max(0.2, (value - low) * scale), bar_h, style="F")
        pdf.set_xy(left + (value - low) * scale + 1, y)
        pdf.cell(value_w, bar_h, number(r.total), align="L")
    pdf.set_xy(pdf.l_margin, bottom + 6)
    pdf.set_font(FONT, size=12)


def paper_range(totals: Sequence[float]) -> tuple[float, float]:
    """(0, the top of the scale): 100, or the highest total rounded up to ten above it."""
    import math

    top = max(totals, default=0.0)
    return 0.0, float(max(100, math.ceil(top / 10) * 10))
