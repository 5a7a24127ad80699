"""Regenerate the demo conference `sample.json` (and its packaged copy) from the article.

    .venv/bin/python scripts/make_sample.py

The people the article names keep their real names and titles; every other person is
invented and says so in their note. Indicator totals add up to the article's figures.
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.core import schema  # noqa: E402
from store.checks import check_raw  # noqa: E402
from store.models import (  # noqa: E402
    AdjustmentRule, Adjustment, AgendaItem, ContentGroup, Conference, Covenant, CovenantGroup,
    Delegate, GroupScore, Handover, Indicators, ScoringConfig, Unit, UnitScore,
)

SAMPLE_NOTE = "Dữ liệu mẫu: người được đặt tên giả định"

UNITS = [
    ("HN", "Hà Nội", "Ban Tổ chức Thành ủy Hà Nội"),
    ("PT", "Phú Thọ", "Ban Tổ chức Tỉnh ủy Phú Thọ"),
    ("VP", "Vĩnh Phúc", "Ban Tổ chức Tỉnh ủy Vĩnh Phúc"),
    ("TQ", "Tuyên Quang", "Ban Tổ chức Tỉnh ủy Tuyên Quang"),
    ("HG", "Hà Giang", "Ban Tổ chức Tỉnh ủy Hà Giang"),
    ("YB", "Yên Bái", "Ban Tổ chức Tỉnh ủy Yên Bái"),
    ("DB", "Điện Biên", "Ban Tổ chức Tỉnh ủy Điện Biên"),
    ("LCA", "Lào Cai", "Ban Tổ chức Tỉnh ủy Lào Cai"),
    ("LCH", "Lai Châu", "Ban Tổ chức Tỉnh ủy Lai Châu"),
    ("SL", "Sơn La", "Ban Tổ chức Tỉnh ủy Sơn La"),
    ("HB", "Hòa Bình", "Ban Tổ chức Tỉnh ủy Hòa Bình"),
    ("TN", "Thái Nguyên", "Ban Tổ chức Tỉnh ủy Thái Nguyên"),
    ("CB", "Cao Bằng", "Ban Tổ chức Tỉnh ủy Cao Bằng"),
    ("BK", "Bắc Kạn", "Ban Tổ chức Tỉnh ủy Bắc Kạn"),
]

# Per unit, in cluster order: models, schemes, resolutions, regulations (totals 49/25/30/90).
INDICATORS = [
    (6, 4, 4, 12), (4, 2, 3, 8), (4, 2, 2, 7), (4, 2, 2, 6), (3, 2, 2, 6), (3, 1, 2, 6),
    (3, 2, 2, 6), (4, 2, 3, 7), (3, 1, 2, 5), (3, 2, 2, 6), (3, 1, 2, 6), (4, 2, 2, 7),
    (2, 1, 1, 4), (3, 1, 1, 4),
]

GROUPS = [
    ("N1", "Tham mưu ban hành văn bản về công tác tổ chức xây dựng Đảng", 15,
     "Số đề án, nghị quyết, quy định tham mưu ban hành", "Hoàn thành 100% kế hoạch"),
    ("N2", "Sắp xếp tổ chức bộ máy, biên chế, vị trí việc làm", 15,
     "Tiến độ sắp xếp theo Kết luận của Trung ương", "Đúng tiến độ"),
    ("N3", "Công tác cán bộ, quy hoạch, đào tạo, bồi dưỡng", 15,
     "Tỷ lệ cán bộ được quy hoạch, đào tạo theo kế hoạch", "Từ 95% trở lên"),
    ("N4", "Chuẩn bị đại hội đảng bộ các cấp nhiệm kỳ 2025-2030", 15,
     "Văn kiện, nhân sự đại hội được chuẩn bị đúng hướng dẫn", "Đúng hướng dẫn"),
    ("N5", "Xây dựng tổ chức cơ sở đảng và đảng viên", 10,
     "Số đảng viên mới kết nạp so với chỉ tiêu", "Đạt hoặc vượt chỉ tiêu"),
    ("N6", "Bảo vệ chính trị nội bộ", 10,
     "Hồ sơ thẩm định, xác minh được giải quyết đúng hạn", "100% đúng hạn"),
    ("N7", "Cải cách hành chính, chuyển đổi số trong ngành", 10,
     "Hồ sơ, văn bản xử lý trên môi trường điện tử", "Từ 90% trở lên"),
    ("N8", "Phong trào thi đua, mô hình hay, cách làm mới", 10,
     "Số mô hình hay, cách làm mới được nhân rộng", "Mỗi đơn vị ít nhất 2 mô hình"),
]

MOVEMENTS = (
    "Cán bộ, công chức ngành Tổ chức xây dựng Đảng tăng cường kỷ luật, kỷ cương và trách "
    "nhiệm giải quyết công việc trong thực thi công vụ",
    "Người tốt, việc tốt",
    "Đẩy mạnh cải cách hành chính",
)

AGENDA = [
    ("08:00", 5, "Chào cờ", "ceremony", "Người dẫn chương trình"),
    ("08:05", 10, "Tuyên bố lý do, giới thiệu đại biểu", "opening", "Văn phòng Ban Tổ chức Thành ủy Hà Nội"),
    ("08:15", 25, "Báo cáo tổng kết công tác thi đua năm 2024 của Cụm thi đua số 1", "report", "Ban Tổ chức Thành ủy Hà Nội"),
    ("08:40", 10, "Tham luận của Ban Tổ chức Tỉnh ủy Phú Thọ", "contribution", "Ban Tổ chức Tỉnh ủy Phú Thọ"),
    ("08:50", 10, "Tham luận của Ban Tổ chức Tỉnh ủy Tuyên Quang", "contribution", "Ban Tổ chức Tỉnh ủy Tuyên Quang"),
    ("09:00", 10, "Tham luận của Ban Tổ chức Tỉnh ủy Lào Cai", "contribution", "Ban Tổ chức Tỉnh ủy Lào Cai"),
    ("09:10", 10, "Nghỉ giải lao", "break", ""),
    ("09:20", 25, "Phát biểu chỉ đạo của Phó Bí thư Thường trực Thành ủy Hà Nội", "speech", "Nguyễn Văn Phong"),
    ("09:45", 15, "Phát biểu của đại diện lãnh đạo Ban Tổ chức Trung ương", "speech", "Ban Tổ chức Trung ương"),
    ("10:00", 15, "Công bố kết quả chấm điểm, xếp hạng thi đua năm 2024", "awards", "Ban Tổ chức Thành ủy Hà Nội"),
    ("10:15", 10, "Bầu và bàn giao Cụm trưởng Cụm thi đua số 1 năm 2025", "handover", "Vũ Đức Bảo"),
    ("10:25", 15, "Ký kết giao ước thi đua năm 2025", "signing", "Lãnh đạo 14 đơn vị thành viên"),
    ("10:40", 10, "Trao hỗ trợ xây dựng nhà tình nghĩa, công trình dân sinh", "support", "Các đơn vị trong Cụm"),
    ("10:50", 10, "Phát biểu bế mạc hội nghị", "closing", "Vũ Đức Bảo"),
]

FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
            "Ngô", "Dương", "Lý", "Đinh", "Hà", "Lương", "Triệu", "Ma", "Lò", "Nông", "Giàng"]
MIDDLES_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Mạnh", "Tiến", "Công"]
MIDDLES_F = ["Thị", "Thu", "Hồng", "Ngọc", "Thanh", "Minh"]
GIVENS_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Khánh", "Long", "Nam",
            "Quân", "Sơn", "Thắng", "Trung", "Tuấn", "Việt", "Hòa", "Ánh"]
GIVENS_F = ["Anh", "Giang", "Hà", "Hạnh", "Hương", "Huyền", "Lan", "Linh", "Mai", "Nga",
            "Phương", "Tâm", "Thảo", "Thủy", "Trang", "Yến", "Ân"]


def invented(rng: random.Random) -> tuple[str, str, str, str]:
    female = rng.random() < 0.4
    family = rng.choice(FAMILIES)
    middle = rng.choice(MIDDLES_F if female else MIDDLES_M)
    given = rng.choice(GIVENS_F if female else GIVENS_M)
    birth = f"{rng.randint(1966, 1990)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return family, middle, given, birth


def delegates(rng: random.Random) -> list[Delegate]:
    out: list[Delegate] = []

    def add(family, middle, given, **kw):
        out.append(Delegate(code=f"D{len(out) + 1:04d}", family=family, middle=middle,
                            given=given, **kw))

    central = "Ban Tổ chức Trung ương"
    for position, rank in (("Phó Trưởng Ban Tổ chức Trung ương", 5),
                           ("Vụ trưởng Vụ Tổ chức - Cán bộ, Ban Tổ chức Trung ương", 10),
                           ("Phó Cục trưởng Cục Tổ chức cơ sở đảng, Ban Tổ chức Trung ương", 20),
                           ("Phó Vụ trưởng Vụ Địa phương I, Ban Tổ chức Trung ương", 20)):
        f, m, g, birth = invented(rng)
        add(f, m, g, position=position, organization=central, guest=True, level=1, rank=rank,
            birth=birth, appointed=f"{rng.randint(2016, 2023)}-0{rng.randint(1, 9)}-01",
            note=SAMPLE_NOTE)
    add("Nguyễn", "Văn", "Phong", position="Phó Bí thư Thường trực Thành ủy Hà Nội",
        organization="Thành ủy Hà Nội", guest=True, level=2, rank=2, appointed="2020-10-15")
    add("Vũ", "Đức", "Bảo", position="Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tổ chức Thành ủy "
        "Hà Nội, Cụm trưởng Cụm thi đua số 1", unit_code="HN", level=3, rank=5,
        appointed="2020-10-20")
    for code, short, full in UNITS:
        staff = [("Phó Trưởng Ban", 20), ("Trưởng phòng", 30), ("Chuyên viên", 60)]
        if code == "HN":
            staff = [("Phó Trưởng Ban", 20), ("Phó Trưởng Ban", 20), ("Chánh Văn phòng", 30),
                     ("Phó Chánh Văn phòng", 40), ("Chuyên viên", 60), ("Chuyên viên", 60)]
        elif code == "BK":
            staff = [("Phó Trưởng Ban", 20), ("Chuyên viên", 60)]
        else:
            staff.insert(0, ("Trưởng Ban", 10))
        for title, rank in staff:
            f, m, g, birth = invented(rng)
            behalf = ""
            if code == "BK" and title == "Phó Trưởng Ban":
                behalf = f"Trưởng Ban Tổ chức Tỉnh ủy {short}"
            add(f, m, g, position=f"{title} {full.removeprefix('Ban ')}" if title.endswith("Ban")
                else f"{title}, {full}", unit_code=code, level=3, rank=rank, birth=birth,
                appointed=f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-01",
                on_behalf_of=behalf, phone=f"09{rng.randint(10000000, 99999999)}",
                note=SAMPLE_NOTE)
    return out


def scores(rng: random.Random) -> list[UnitScore]:
    out = []
    for i, (code, _, _) in enumerate(UNITS):
        groups = []
        for gcode, _, maximum, _, _ in GROUPS:
            self_points = maximum - rng.choice((0, 0, 0.25, 0.5, 0.5, 1.0))
            cluster_points = max(0.0, self_points - rng.choice((0, 0, 0, 0.25, 0.5)))
            groups.append(GroupScore(gcode, self_points, cluster_points))
        bonuses: tuple[Adjustment, ...] = ()
        deductions: tuple[Adjustment, ...] = ()
        if code == "HN":
            bonuses = (Adjustment(10, "Cờ thi đua của UBND Thành phố Hà Nội năm 2024", "B10"),)
        if code == "TN":
            bonuses = (Adjustment(10, "Cờ thi đua của Ban Tổ chức Trung ương năm 2024", "B10"),)
        if i in (8, 12):
            deductions = (Adjustment(-1, "Gửi báo cáo tổng kết chậm so với thời hạn của Cụm", "D1"),)
        out.append(UnitScore(code, tuple(groups), bonuses, deductions))
    return out


def build() -> dict:
    rng = random.Random(20241130)
    tables: dict[str, list] = {
        "conference": [Conference(
            title="Hội nghị tổng kết công tác thi đua năm 2024",
            cluster="Cụm thi đua số 1, ngành Tổ chức xây dựng Đảng", year=2024,
            date="2024-11-30", venue="Hà Nội", host_unit="HN",
            organizer="Ban Tổ chức Thành ủy Hà Nội", head_unit="HN")],
        "units": [Unit(code, i + 1, full, short) for i, (code, short, full) in enumerate(UNITS)],
        "delegates": delegates(rng),
        "agenda": [AgendaItem(f"A{i + 1:02d}", i + 1, start, minutes, title, kind, presenter)
                   for i, (start, minutes, title, kind, presenter) in enumerate(AGENDA)],
        "content_groups": [ContentGroup(c, i + 1, t, m) for i, (c, t, m, _, _) in enumerate(GROUPS)],
        "scoring_config": [ScoringConfig(
            total_max=100,
            bonus_rules=(AdjustmentRule("B15", "Cờ thi đua của Chính phủ", 15),
                         AdjustmentRule("B10", "Cờ thi đua của bộ, ban, ngành hoặc tỉnh", 10)),
            deduction_rules=(AdjustmentRule("D1", "Chậm gửi báo cáo", -1),
                             AdjustmentRule("D2", "Không tham gia hoạt động chung của Cụm", -2)),
            flag_quota=1, merit_quota=3)],
        "scores": scores(rng),
        "indicators": [Indicators(code, *counts) for (code, _, _), counts in zip(UNITS, INDICATORS)],
        "covenant": [Covenant(
            year=2025, title="Giao ước thi đua năm 2025 của Cụm thi đua số 1, ngành Tổ chức xây dựng Đảng",
            movements=MOVEMENTS,
            groups=tuple(CovenantGroup(c, i + 1, t, measure, target)
                         for i, (c, t, _, measure, target) in enumerate(GROUPS)),
            signing_order=tuple(code for code, _, _ in UNITS))],
        "handovers": [Handover(f"H{i + 1}", code, what, amount)
                      for i, (code, what, amount) in enumerate((
                          ("HG", "Hỗ trợ xây dựng nhà tình nghĩa", 100_000_000),
                          ("DB", "Hỗ trợ xây dựng nhà tình nghĩa", 100_000_000),
                          ("LCH", "Hỗ trợ xây dựng công trình dân sinh", 150_000_000),
                          ("CB", "Hỗ trợ xây dựng nhà tình nghĩa", 100_000_000),
                          ("BK", "Hỗ trợ xây dựng công trình dân sinh", 150_000_000)))],
    }
    raw: dict = {name: {str(i + 1): rec.to_doc() for i, rec in enumerate(recs)}
                 for name, recs in tables.items()}
    schema.set_version(raw, schema.SCHEMA_VERSION)
    return raw


def main() -> None:
    raw = build()
    problems = check_raw(raw)
    if problems:
        sys.exit("sample is invalid:\n" + "\n".join(problems))
    data = orjson.dumps(raw, option=orjson.OPT_INDENT_2) + b"\n"
    (ROOT / "sample.json").write_bytes(data)
    packaged = ROOT / "tui" / "data" / "sample.json"
    packaged.parent.mkdir(exist_ok=True)
    shutil.copyfile(ROOT / "sample.json", packaged)
    print(f"wrote sample.json: {len(raw['delegates'])} delegates, {len(raw['units'])} units")


if __name__ == "__main__":
    main()
