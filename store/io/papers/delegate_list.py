"""The delegate lists on paper: `export delegates --format pdf` (in the order chosen, one unit,
or only those present or not yet arrived, with the count per unit) and `export introduction
--format pdf` (what the MC reads: those present in protocol order). Each is a Party document
(letterhead.py); its rows are the other formats' (store/io/exporter.py), with every delegate's
own code and printed check-in code."""

from __future__ import annotations

from typing import Any

from ...models import roster
from ...models.roster import introduction_rows
from ..exporter import DELEGATE_HEADERS, INTRODUCTION_HEADERS, chosen_delegates, delegate_rows, markdown_cell
from .letterhead import closing, document, letterhead
from .words import lang_of, words

TITLES = {None: "delegates_title", "present": "present_title", "absent": "absent_title"}


def unit_counts(service: Any, only: str, lang: str, unit: str | None = None) -> list[list[Any]]:
    """Per unit in the cluster's order (guests first): [unit, chosen, invited], and the total."""
    said = words(lang)
    everyone = chosen_delegates(service, unit)
    tally = roster.AttendanceTally(everyone, service.conference.units())
    rows, chosen_total, invited_total = [], 0, 0
    for row in tally.rows(said["guests"]):
        if not row.expected:
            continue
        chosen = row.present if only == "present" else row.expected - row.present
        rows.append([row.label, chosen, row.expected])
        chosen_total += chosen
        invited_total += row.expected
    rows.append([said["total"], chosen_total, invited_total])
    return rows


def counts_markdown(service: Any, only: str, lang: str, unit: str | None = None) -> bytes:
    """The count per unit under an `--only` list in Markdown."""
    said = words(lang)
    lines = [f"## {markdown_cell(said['counts'])}", "",
             "| " + " | ".join(markdown_cell(h) for h in said["count_headers_only"][only]) + " |",
             "|---|---:|---:|"]
    lines += ["| " + " | ".join(markdown_cell(v) for v in row) + " |"
              for row in unit_counts(service, only, lang, unit)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _unit_name(service: Any, unit: str | None, lang: str) -> str:
    if unit is None:
        return ""
    if unit == roster.GUESTS:
        return words(lang)["guests"]
    found = next((u for u in service.conference.units() if u.code == unit), None)
    return found.short_name if found else unit


def delegates_pdf(service: Any, order: str, lang: str = "vi", *, unit: str | None = None,
                  only: str | None = None) -> bytes:
    lang = lang_of(lang)
    said = words(lang)
    head = letterhead(service, "delegates", lang)
    conference = service.conference.get()
    doc = document(head, said[TITLES[only]], conference.title if conference else "")
    line = said["order_line"].format(order=said["orders"][order])
    if unit is not None:
        line += " · " + said["unit_line"].format(unit=_unit_name(service, unit, lang))
    doc.paragraph(line, align="C", size=10)
    doc.space(2)
    delegates = chosen_delegates(service, unit, only)
    rows = delegate_rows(delegates, order, service.conference.units(), service.delegates.scan_code)
    if rows:
        shown = [[*row[:4], row[4][:5], *row[5:]] for row in rows]  # arrival at HH:MM on paper
        doc.table(DELEGATE_HEADERS[lang], shown, widths=(8, 30, 36, 20, 11, 13, 30),
                  align=("R", "L", "L", "L", "C", "C", "C"), size=9)
    else:
        doc.paragraph(said["nobody"])
    if only is not None:
        doc.paragraph(said["counts"], bold=True)
        doc.table(said["count_headers_only"][only], unit_counts(service, only, lang, unit),
                  widths=(50, 20, 20), align=("L", "R", "R"), size=10)
    closing(doc, head)
    return doc.output()


def introduction_pdf(service: Any, lang: str = "vi") -> bytes:
    lang = lang_of(lang)
    said = words(lang)
    head = letterhead(service, "introduction", lang)
    conference = service.conference.get()
    doc = document(head, said["introduction_title"], conference.title if conference else "")
    rows = introduction_rows(service.delegates.all(), service.conference.units())
    if rows:
        doc.table(INTRODUCTION_HEADERS[lang], rows, widths=(9, 30, 50, 22, 16),
                  align=("R", "L", "L", "L", "L"), size=11)
    else:
        doc.paragraph(said["nobody_present"])
    return doc.output()
