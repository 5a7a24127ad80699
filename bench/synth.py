"""Synthetic conferences: the demo conference with n generated delegates.

    make_store(path, n_delegates, seed)                 # writes a store file in the app's format
    make_store(path, n_delegates, seed, imported=True)  # ... as a real imported list would be
    python -m bench.synth OUT.json 10000 [SEED] [--imported]

Names follow real Vietnamese frequencies (Nguyễn ~38%), with gendered middle and given names;
positions, units (the 14 member units), bloc, rank, level, birth and appointment are set. About 2%
are guests from central agencies. Docs are built with `Delegate(...).to_doc()`, so the file passes
`hoinghi check`.

`imported=True` makes the list as a province's spreadsheet comes in (`import-delegates`): name,
position and unit only, so every delegate has the default rank, level and bloc (rank ties all
the way down) and no birth or appointment date; that is what real lists look like, and what
the varied store hides (a protocol sort that must fall back to names for everyone).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import orjson

from store.models import Bloc, Delegate

SAMPLE = Path(__file__).resolve().parent.parent / "sample.json"

FAMILY = [  # (name, share in %) after published surname surveys
    ("Nguyễn", 38.4), ("Trần", 12.1), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 3.0), ("Huỳnh", 2.1),
    ("Phan", 4.5), ("Vũ", 2.0), ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.6), ("Trương", 0.6), ("Đoàn", 0.5),
    ("Lương", 0.4), ("Trịnh", 0.4), ("Mai", 0.4), ("Hà", 0.4), ("Cao", 0.3), ("Lâm", 0.3),
    ("Tô", 0.2), ("Chu", 0.2), ("Thái", 0.2), ("Tạ", 0.2), ("Nông", 0.2), ("Triệu", 0.2),
    ("Kiều", 0.1), ("Quách", 0.1), ("Lò", 0.1), ("Giàng", 0.1), ("Ma", 0.1), ("Lục", 0.1),
]
MIDDLE_M = [("Văn", 30), ("Đức", 10), ("Minh", 10), ("Hữu", 8), ("Quang", 7), ("Công", 6),
            ("Đình", 5), ("Xuân", 5), ("Tiến", 5), ("Mạnh", 5), ("Thanh", 5), ("Ngọc", 4),
            ("Duy", 4), ("Trọng", 4), ("Quốc", 4), ("Thế", 3), ("Anh", 3), ("Hoàng", 3), ("Bá", 2),
            ("Huy", 2), ("Việt", 2), ("Trung", 2)]
MIDDLE_F = [("Thị", 50), ("Ngọc", 8), ("Thu", 7), ("Thanh", 7), ("Hồng", 6), ("Minh", 5),
            ("Phương", 3), ("Kim", 3), ("Thúy", 3), ("Lan", 2), ("Bích", 2), ("Diệu", 2),
            ("Hải", 2), ("Mai", 2), ("Khánh", 2), ("Bảo", 2), ("Thùy", 2), ("Quỳnh", 1)]
GIVEN_M = (
    "An Anh Bảo Bình Cường Chiến Công Dũng Duy Đạt Đức Giang Hải Hiếu Hiển Hòa Hoàng Huy "
    "Hùng Hưng Khánh Khoa Kiên Lâm Long Lợi Mạnh Minh Nam Nghĩa Nguyên Phong Phúc Quân "
    "Quang Quý Sơn Tài Tâm Thắng Thành Thịnh Toàn Trí Trung Tuấn Tùng Vinh Việt Vũ Hậu Lộc "
    "Thuận Tiến Trọng Tú Đông Hiệp Khải Luân Khôi Định Ước Quyết Thạch"
).split()
GIVEN_F = (
    "An Anh Ánh Bích Chi Cúc Dung Duyên Giang Hà Hạnh Hằng Hiền Hoa Hồng Huệ Hương Huyền "
    "Lan Liên Linh Loan Ly Mai My Nga Ngân Ngọc Nhung Oanh Phương Quyên Quỳnh Tâm Thảo Thủy "
    "Thư Thúy Trang Trâm Tuyết Uyên Vân Vy Yến Nhàn Xuân Diệp Khuê Nguyệt Thoa Lụa"
).split()
# (title, rank, weight) in a member unit; rank <= 20 prefixes the unit name ("Phó Trưởng Ban Tổ chức ...")
UNIT_POSITIONS = [
    ("Trưởng", 10, 1), ("Phó Trưởng", 20, 3), ("Chánh Văn phòng", 30, 1),
    ("Phó Chánh Văn phòng", 40, 2), ("Trưởng phòng Tổ chức cán bộ", 30, 2),
    ("Trưởng phòng Tổ chức đảng, đảng viên", 30, 2), ("Trưởng phòng Bảo vệ chính trị nội bộ", 30, 2),
    ("Phó Trưởng phòng Tổ chức cán bộ", 40, 4), ("Phó Trưởng phòng Tổ chức đảng, đảng viên", 40, 4),
    ("Phó Trưởng phòng Bảo vệ chính trị nội bộ", 40, 4), ("Chuyên viên chính", 50, 20),
    ("Chuyên viên", 60, 55),
]
GUEST_ORGS = ["Ban Tổ chức Trung ương", "Văn phòng Trung ương Đảng", "Bộ Nội vụ",
              "Ban Thi đua - Khen thưởng Trung ương", "Ủy ban Kiểm tra Trung ương"]
GUEST_POSITIONS = [("Phó Trưởng Ban", 5), ("Vụ trưởng Vụ Tổ chức - Cán bộ", 10),
                   ("Phó Vụ trưởng Vụ Địa phương I", 20), ("Chuyên viên cao cấp", 40)]
BLOCS = [(Bloc.PARTY, 88), (Bloc.GOVERNMENT, 5), (Bloc.ASSEMBLY, 3), (Bloc.FRONT, 3), (Bloc.OTHER, 1)]


def _picker(rng: random.Random, pairs):
    names, weights = zip(*pairs)
    cum = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    return lambda: rng.choices(names, cum_weights=cum)[0]


def _date(rng: random.Random, first_year: int, last_year: int) -> str:
    return f"{rng.randint(first_year, last_year)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def make_delegates(n: int, seed: int, units: list[dict], imported: bool = False) -> list[Delegate]:
    rng = random.Random(seed)
    family = _picker(rng, FAMILY)
    middle_m, middle_f = _picker(rng, MIDDLE_M), _picker(rng, MIDDLE_F)
    unit_pos = _picker(rng, [((title, rank), w) for title, rank, w in UNIT_POSITIONS])
    bloc = _picker(rng, BLOCS)
    out = []
    for i in range(1, n + 1):
        female = rng.random() < 0.45
        birth = _date(rng, 1963, 1998)
        appointed = _date(rng, max(int(birth[:4]) + 24, 2008), 2024)
        common = dict(
            code=f"D{i:05d}", family=family(),
            middle=middle_f() if female else middle_m(),
            given=rng.choice(GIVEN_F if female else GIVEN_M),
            bloc=bloc(), birth=birth, appointed=appointed,
        )
        if rng.random() < 0.02:  # a guest from a central agency
            title, rank = rng.choice(GUEST_POSITIONS)
            org = rng.choice(GUEST_ORGS)
            d = Delegate(**common, position=f"{title}, {org}", organization=org, guest=True,
                         level=1, rank=rank)
        else:
            unit = rng.choice(units)
            title, rank = unit_pos()
            position = (f"{title} {unit['full_name']}" if rank <= 20
                        else f"{title}, {unit['full_name']}")
            d = Delegate(**common, position=position, unit_code=unit["code"], level=3, rank=rank)
        if imported:  # what a spreadsheet gives: name, position, unit (or organization)
            d = Delegate(code=d.code, family=d.family, middle=d.middle, given=d.given, position=d.position,
                         unit_code=d.unit_code, organization=d.organization, guest=d.guest)
        out.append(d)
    return out


def make_raw(n_delegates: int, seed: int = 1, imported: bool = False) -> dict:
    """The sample conference's tables (conference, units, agenda, meta...) with n delegates."""
    raw = orjson.loads(SAMPLE.read_bytes())
    units = list(raw["units"].values())
    raw["delegates"] = {str(i): d.to_doc()
                        for i, d in enumerate(make_delegates(n_delegates, seed, units, imported), start=1)}
    return raw


def make_store(path: str | Path, n_delegates: int, seed: int = 1, imported: bool = False) -> Path:
    """Write a store file (TinyDB layout, compact UTF-8 JSON as the app writes) and return its path."""
    path = Path(path)
    path.write_bytes(orjson.dumps(make_raw(n_delegates, seed, imported)))
    return path


if __name__ == "__main__":
    imported = "--imported" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--imported"]
    if len(args) not in (2, 3):
        sys.exit("usage: python -m bench.synth OUT.json N [SEED] [--imported]")
    out = make_store(args[0], int(args[1]), int(args[2]) if len(args) > 2 else 1, imported)
    print(f"{out}: {int(args[1])} {'imported ' if imported else ''}delegates, {out.stat().st_size:,} bytes")
