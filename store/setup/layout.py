"""The conference workbook's layout: its sheets, their columns and the words of both languages.

One sheet per part of a conference (Hội nghị, Đơn vị, Đại biểu, Chương trình, Tiêu chí chấm điểm,
Giao ước, and Trao hỗ trợ: the support handed over at the conference). Each sheet has an instruction line (row 1), the header (row 2) and, in the template,
one example row whose STT cell says "Ví dụ" (left out by the import). The template, the import and
the export all read this module, so what is written can be read back.

Headers are recognized in either language, ignoring case, tones, spaces and anything in
parentheses ("Ngày họp (dd/mm/yyyy)" is "ngayhop").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import AgendaKind, Bloc
from wording.text import fold
from wording.catalog import say


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    en: str
    #: "text" (default), "date", "time", "number"
    kind: str = "text"
    width: int = 18
    #: other headers that name this column (folded keys)
    aliases: tuple[str, ...] = ()

    def header(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class Sheet:
    key: str
    vi: str
    en: str
    columns: tuple[Column, ...]
    example: tuple[str, ...] = ()

    def title(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en

    def instruction(self, lang: str) -> str:
        """The sheet's first row, saying how to fill it in (catalog: doc.workbook.instruction.<key>)."""
        return say(f"doc.workbook.instruction.{self.key}", "vi" if lang == "vi" else "en")

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def key_of(text: str) -> str:
    """A header or item label as compared: folded, without parentheses, spaces or punctuation."""
    text = re.sub(r"\(.*?\)", "", str(text))
    return re.sub(r"[^a-z0-9]", "", fold(text))


STT = Column("no", "STT", "No.", width=7, aliases=("tt", "sothutu", "no", "number"))
#: what the STT cell of the template's example row says (any of these marks an example row)
EXAMPLE_MARKS = ("vidu", "vd", "example", "eg")
EXAMPLE_VI = "Ví dụ"
EXAMPLE_EN = "Example"

# ---- Hội nghị: one item per row ------------------------------------------------------------

ITEM = Column("item", "Mục", "Item", width=34, aliases=("muc",))
VALUE = Column("value", "Giá trị", "Value", width=60, aliases=("giatri",))
HINT = Column("hint", "Ví dụ / ghi chú", "Example / note", width=50, aliases=("vidu", "ghichu", "example", "note"))


@dataclass(frozen=True)
class Item:
    key: str
    vi: str
    en: str
    example: str = ""
    kind: str = "text"
    #: a drop-down list of the member units' short names
    unit_list: bool = False
    #: the item may be given on several rows (each row one value)
    repeated: bool = False

    def label(self, lang: str) -> str:
        return self.vi if lang == "vi" else self.en


ITEMS: tuple[Item, ...] = (
    Item("title", "Tên hội nghị", "Title", "Hội nghị tổng kết công tác thi đua năm 2025"),
    Item("cluster", "Cụm thi đua", "Cluster", "Cụm thi đua số 1, ngành Tổ chức xây dựng Đảng"),
    Item("year", "Năm", "Year", "2025", kind="number"),
    Item("date", "Ngày họp (dd/mm/yyyy)", "Date (dd/mm/yyyy)", "28/11/2025", kind="date"),
    Item("venue", "Địa điểm", "Venue", "Phú Thọ"),
    Item("host_unit", "Đơn vị đăng cai", "Host unit", "Phú Thọ", unit_list=True),
    Item("organizer", "Cơ quan tổ chức", "Organizer", "Ban Tổ chức Tỉnh ủy Phú Thọ"),
    Item("head_unit", "Cụm trưởng năm", "Cluster head of the year", "Phú Thọ", unit_list=True),
    Item("issuer", "Cơ quan ban hành giấy tờ", "Issuing body on the papers",
         "BAN TỔ CHỨC TỈNH ỦY PHÚ THỌ / CỤM THI ĐUA SỐ 1"),
    Item("doc_place", "Địa danh ghi ngày trên giấy tờ", "Place on the papers' date line", "Phú Thọ"),
    Item("doc_symbol", "Ký hiệu cơ quan trong số văn bản", "Issuing body's sign in document numbers", "CTĐ"),
    Item("recipient", "Nơi nhận", "Recipient", "Ban Tổ chức Trung ương (mỗi nơi nhận một dòng)", repeated=True),
    Item("total_max", "Tổng điểm tối đa", "Total points", "100", kind="number"),
    Item("flag_quota", "Số đơn vị đề nghị Cờ thi đua", "Units proposed for the flag", "1", kind="number"),
    Item("merit_quota", "Số đơn vị đề nghị Bằng khen", "Units proposed for certificates", "3", kind="number"),
    Item("tie_break", "Thứ tự xét khi bằng điểm", "Tie-break order",
         "Tổng điểm Cụm chấm, Điểm thưởng, Số mô hình, Tổng điểm tự chấm"),
    Item("scoring_other", "Cấu hình chấm điểm khác (JSON)", "Other scoring settings (JSON)", ""),
    Item("covenant_year", "Năm của giao ước ký tại hội nghị", "Year of the covenant signed", "2026", kind="number"),
    Item("covenant_title", "Tên giao ước", "Covenant title",
         "Giao ước thi đua năm 2026 của Cụm thi đua số 1"),
    Item("movement", "Phong trào thi đua", "Emulation movement",
         "Người tốt, việc tốt (mỗi phong trào một dòng; ô Mục của dòng sau để trống)", repeated=True),
    Item("covenant_other", "Giao ước: thông tin khác (JSON)", "Covenant: other fields (JSON)", ""),
)
ITEM_BY_KEY = {item.key: item for item in ITEMS}
ITEM_OF_LABEL = {key_of(label): item.key for item in ITEMS for label in (item.vi, item.en)}

#: tie-break criteria as people name them (the ranking's own names are accepted too)
TIE_BREAK_WORDS = {
    "cluster_total": ("Tổng điểm Cụm chấm", "Cluster total"),
    "self_total": ("Tổng điểm tự chấm", "Self total"),
    "bonus_total": ("Điểm thưởng", "Bonus points"),
    "deduction_total": ("Điểm trừ", "Deductions"),
    "models": ("Số mô hình", "Models"),
    "schemes": ("Số đề án", "Schemes"),
    "resolutions": ("Số nghị quyết", "Resolutions"),
    "regulations": ("Số quy định", "Regulations"),
}

# ---- the list sheets -------------------------------------------------------------------------

BLOC_WORDS = {
    Bloc.PARTY: ("Đảng", "Party"),
    Bloc.ASSEMBLY: ("Quốc hội - HĐND", "Assembly"),
    Bloc.GOVERNMENT: ("Chính quyền", "Government"),
    Bloc.FRONT: ("Mặt trận", "Front"),
    Bloc.OTHER: ("Khác", "Other"),
}
KIND_WORDS = {
    AgendaKind.CEREMONY: ("Nghi lễ", "Ceremony"),
    AgendaKind.OPENING: ("Khai mạc", "Opening"),
    AgendaKind.REPORT: ("Báo cáo", "Report"),
    AgendaKind.CONTRIBUTION: ("Tham luận", "Contribution"),
    AgendaKind.SPEECH: ("Phát biểu", "Speech"),
    AgendaKind.AWARDS: ("Khen thưởng", "Awards"),
    AgendaKind.HANDOVER: ("Bàn giao cụm trưởng", "Handover of the cluster head"),
    AgendaKind.SIGNING: ("Ký giao ước", "Covenant signing"),
    AgendaKind.SUPPORT: ("Trao hỗ trợ", "Support handover"),
    AgendaKind.CLOSING: ("Bế mạc", "Closing"),
    AgendaKind.BREAK: ("Giải lao", "Break"),
    AgendaKind.OTHER: ("Khác", "Other"),
}
CRITERION_KINDS = {
    "group": ("Nhóm nội dung", "Content group"),
    "bonus": ("Điểm thưởng", "Bonus"),
    "deduction": ("Điểm trừ", "Deduction"),
}
YES_WORDS = ("Có", "Yes")


def word(words: tuple[str, str], lang: str) -> str:
    return words[0] if lang == "vi" else words[1]


def words_index(table: dict) -> dict[str, object]:
    """folded word (either language, or the stored value) -> the value it names."""
    out: dict[str, object] = {}
    for value, names in table.items():
        raw = getattr(value, "value", value)
        for name in (*names, raw):
            out[key_of(name)] = value
    return out


CONFERENCE = Sheet(
    "conference", "Hội nghị", "Conference",
    (ITEM, VALUE, HINT),
)
UNITS = Sheet(
    "units", "Đơn vị", "Units",
    (STT,
     Column("code", "Mã", "Code", width=9, aliases=("madonvi",)),
     Column("full_name", "Tên đầy đủ", "Full name", width=44, aliases=("tendonvi", "tenday du")),
     Column("short_name", "Tên ngắn", "Short name", width=20, aliases=("tengon", "tenviettat")),
     Column("signing", "Thứ tự ký giao ước", "Signing order", kind="number", width=12,
            aliases=("thutuky",))),
    (EXAMPLE_VI, "PT", "Ban Tổ chức Tỉnh ủy Phú Thọ", "Phú Thọ", ""),
)
DELEGATES = Sheet(
    "delegates", "Đại biểu", "Delegates",
    (STT,
     Column("code", "Mã", "Code", width=9),
     Column("family", "Họ", "Family name", width=10),
     Column("middle", "Tên đệm", "Middle name", width=12),
     Column("given", "Tên", "Given name", width=10),
     Column("position", "Chức vụ", "Position", width=40),
     Column("unit", "Đơn vị", "Unit", width=16),
     Column("organization", "Cơ quan", "Organization", width=30),
     Column("guest", "Khách mời", "Guest", width=10),
     Column("level", "Cấp", "Level", kind="number", width=6),
     Column("bloc", "Khối", "Bloc", width=16),
     Column("rank", "Thứ bậc", "Rank", kind="number", width=8),
     Column("appointed", "Ngày bổ nhiệm", "Appointed", kind="date", width=14),
     Column("birth", "Ngày sinh", "Birth", kind="date", width=12),
     Column("on_behalf_of", "Thay mặt", "On behalf of", width=24),
     Column("phone", "Điện thoại", "Phone", width=14),
     Column("note", "Ghi chú", "Note", width=30)),
    (EXAMPLE_VI, "", "Nguyễn", "Văn", "An", "Phó Trưởng Ban Tổ chức Tỉnh ủy", "Phú Thọ", "", "", "3",
     "Đảng", "20", "01/06/2020", "15/03/1975", "", "0912345678", ""),
)
AGENDA = Sheet(
    "agenda", "Chương trình", "Agenda",
    (STT,
     Column("code", "Mã", "Code", width=9),
     Column("planned_start", "Giờ bắt đầu (HH:MM)", "Start (HH:MM)", kind="time", width=14,
            aliases=("gio", "batdau", "start")),
     Column("duration_min", "Số phút", "Minutes", kind="number", width=9,
            aliases=("thoiluong", "phut", "duration")),
     Column("title", "Nội dung", "Title", width=50, aliases=("noidungchuongtrinh",)),
     Column("kind", "Loại", "Kind", width=20),
     Column("presenter", "Người trình bày", "Presenter", width=36, aliases=("nguoithuchien", "trinhbay"))),
    (EXAMPLE_VI, "", "08:00", "5", "Chào cờ", "Nghi lễ", "Người dẫn chương trình"),
)
CRITERIA = Sheet(
    "criteria", "Tiêu chí chấm điểm", "Scoring criteria",
    (STT,
     Column("kind", "Loại", "Kind", width=16),
     Column("code", "Mã", "Code", width=9),
     Column("title", "Nội dung", "Title", width=60, aliases=("tentieuchi", "tennhom")),
     Column("points", "Điểm", "Points", kind="number", width=9, aliases=("diemtoida", "maxpoints"))),
    (EXAMPLE_VI, "Nhóm nội dung", "N1", "Tham mưu ban hành văn bản về công tác tổ chức xây dựng Đảng", "15"),
)
COVENANT = Sheet(
    "covenant", "Giao ước", "Covenant",
    (STT,
     Column("code", "Mã", "Code", width=9),
     Column("content", "Nội dung", "Content", width=60),
     Column("measure", "Cách đo", "Measure", width=40, aliases=("thuocdo", "chitieudo")),
     Column("target", "Chỉ tiêu", "Target", width=30, aliases=("muctieu",))),
    (EXAMPLE_VI, "N1", "Tham mưu ban hành văn bản về công tác tổ chức xây dựng Đảng",
     "Số đề án, nghị quyết, quy định tham mưu ban hành", "Hoàn thành 100% kế hoạch"),
)

HANDOVERS = Sheet(
    "handovers", "Trao hỗ trợ", "Handovers",
    (STT,
     Column("code", "Mã", "Code", width=9),
     Column("unit", "Đơn vị nhận", "Receiving unit", width=18, aliases=("donvi", "unit")),
     Column("place", "Nơi nhận", "Place", width=30),
     Column("what", "Nội dung", "What", width=44, aliases=("noidunghotro",)),
     Column("amount_vnd", "Số tiền (đồng)", "Amount (đồng)", kind="number", width=16,
            aliases=("sotien", "amount"))),
    (EXAMPLE_VI, "", "Hà Giang", "", "Hỗ trợ xây dựng nhà tình nghĩa", "100000000"),
)

SHEETS: tuple[Sheet, ...] = (CONFERENCE, UNITS, DELEGATES, AGENDA, CRITERIA, COVENANT, HANDOVERS)
SHEET_OF_TITLE = {key_of(title): sheet for sheet in SHEETS for title in (sheet.vi, sheet.en)}


def column_index(sheet: Sheet) -> dict[str, str]:
    """folded header -> column key, for one sheet (both languages and the aliases)."""
    out: dict[str, str] = {}
    for column in sheet.columns:
        for name in (column.vi, column.en, column.key, *column.aliases):
            out.setdefault(key_of(name), column.key)
    return out


def is_example(cells: dict[str, str]) -> bool:
    """Whether a row is the template's example row (its STT cell says "Ví dụ")."""
    return any(key_of(v) in EXAMPLE_MARKS for v in list(cells.values())[:1])
