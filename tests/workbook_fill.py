"""A conference workbook filled as a secretariat would (not the demo): the template written by
`hoinghi template conference`, then filled with openpyxl: 4 units with the signing-order column
left blank (the template allows it), 2 delegates per unit, a short programme, 3 criteria, a
covenant of 2 groups."""

from __future__ import annotations

from pathlib import Path

import openpyxl

UNITS = (("TH", "Ban Tổ chức Tỉnh ủy Thanh Hóa", "Thanh Hóa"), ("NA", "Ban Tổ chức Tỉnh ủy Nghệ An", "Nghệ An"),
         ("HT", "Ban Tổ chức Tỉnh ủy Hà Tĩnh", "Hà Tĩnh"), ("QB", "Ban Tổ chức Tỉnh ủy Quảng Bình", "Quảng Bình"))
PEOPLE = (("Lê", "Văn", "Hùng", "Trưởng Ban"), ("Trần", "Thị", "Mai", "Phó Trưởng Ban"))


def fill_conference(template: Path, out: Path, *, signing: dict[str, int] | None = None) -> Path:
    """`template` filled and saved as `out`; `signing` gives some units a signing place (the
    others left blank)."""
    book = openpyxl.load_workbook(template)
    items = {"Tên hội nghị": "Hội nghị tổng kết thi đua năm 2025 Cụm thi đua số 3",
             "Cụm thi đua": "Cụm thi đua số 3", "Năm": "2025", "Ngày họp (dd/mm/yyyy)": "28/11/2025",
             "Địa điểm": "Thanh Hóa", "Đơn vị đăng cai": "Thanh Hóa", "Cơ quan tổ chức": "Ban Tổ chức Tỉnh ủy Thanh Hóa",
             "Cụm trưởng năm": "Thanh Hóa", "Tổng điểm tối đa": "100", "Năm của giao ước ký tại hội nghị": "2026",
             "Tên giao ước": "Giao ước thi đua năm 2026 của Cụm thi đua số 3",
             "Phong trào thi đua": "Người tốt, việc tốt"}
    for row in book["Hội nghị"].iter_rows(min_row=3):
        if row[0].value in items:
            row[1].value = items[row[0].value]
    units = book["Đơn vị"]
    for i, (code, full, short) in enumerate(UNITS):
        r = 4 + i
        units.cell(r, 1, i + 1), units.cell(r, 2, code), units.cell(r, 3, full), units.cell(r, 4, short)
        if signing and code in signing:
            units.cell(r, 5, signing[code])
    people = book["Đại biểu"]
    r = 4
    for _, _, short in UNITS:
        for family, middle, given, position in PEOPLE:
            for col, value in enumerate((r - 3, None, family, middle, given, f"{position} Ban Tổ chức {short}",
                                         short, None, None, "3", "Đảng", "20"), start=1):
                people.cell(r, col, value)
            r += 1
    agenda = book["Chương trình"]
    for i, (start, minutes, title, kind) in enumerate((("08:00", "5", "Chào cờ", "Nghi lễ"),
                                                        ("08:05", "30", "Báo cáo tổng kết", "Báo cáo"),
                                                        ("08:35", "15", "Ký giao ước", "Ký giao ước"))):
        for col, value in enumerate((i + 1, None, start, minutes, title, kind, "Ban tổ chức"), start=1):
            agenda.cell(4 + i, col, value)
    criteria = book["Tiêu chí chấm điểm"]
    for i, (content, points) in enumerate((("Công tác tham mưu", "40"), ("Công tác cán bộ", "30"),
                                           ("Xây dựng Đảng", "30"))):
        for col, value in enumerate((i + 1, "Nhóm nội dung", f"N{i + 1}", content, points), start=1):
            criteria.cell(4 + i, col, value)
    covenant = book["Giao ước"]
    for i, (content, measure, target) in enumerate((("Tham mưu ban hành văn bản", "Số văn bản", "100%"),
                                                    ("Công tác cán bộ", "Tỷ lệ quy hoạch", "Từ 95%"))):
        for col, value in enumerate((i + 1, f"N{i + 1}", content, measure, target), start=1):
            covenant.cell(4 + i, col, value)
    book.save(out)
    return out
