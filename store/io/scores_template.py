"""The scoring sheet a unit fills in (`hoinghi template scores -o FILE.xlsx`).

Title rows, then the header the import reads (`store.io.scores_import`), then one row per unit
and content group with the group's maximum, and four rows per unit for the indicators. With a
store, the rows name its units and groups; without one, the header and an explanation only.
"""

from __future__ import annotations

import io
from typing import Any
from wording.catalog import table

HEADERS = table("doc.scores.headers")
WORDS = table("doc.scores")


def template(lang: str = "vi", service: Any = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = lang if lang in WORDS else "vi"
    words = WORDS[lang]
    book = Workbook()
    sheet = book.active
    sheet.title = words["sheet"]
    conference = service.conference.get() if service is not None else None
    sheet.append([words["title"] + (" " + words["year"].format(year=conference.year) if conference else "")])
    sheet.append([conference.cluster if conference else ""])
    sheet.append([words["help"]])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(list(HEADERS[lang]))
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=13)
    if service is not None:
        units = service.conference.units()
        groups = service.scoring.content_groups()
        cards = {s.unit_code: s for s in service.scoring.scores()}
        inds = {i.unit_code: i for i in service.scoring.indicators()}
        fill = PatternFill("solid", fgColor="FFF2CC")
        for unit in units:
            card = cards.get(unit.code)
            for g in groups:
                gs = card.group(g.code) if card else None
                sheet.append([unit.short_name, g.code, g.title, g.max_points,
                              gs.self_points if gs else None, gs.cluster_points if gs else None])
                for cell in sheet[sheet.max_row][4:6]:
                    cell.fill = fill
                    cell.number_format = "0.00"
            ind = inds.get(unit.code)
            for (name, label), attr in zip(words["indicators"], ("models", "schemes", "resolutions", "regulations")):
                sheet.append([unit.short_name, name, label, None, getattr(ind, attr) if ind else None, None])
                sheet[sheet.max_row][4].fill = fill
        last = sheet.max_row
        if last > header_row:
            check = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                                   allow_blank=True)
            check.add(f"E{header_row + 1}:F{last}")
            sheet.add_data_validation(check)
    for column, width in zip("ABCDEF", (16, 10, 60, 12, 12, 12)):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=header_row + 1):
        row[2].alignment = Alignment(wrap_text=True)
    sheet.freeze_panes = f"A{header_row + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
