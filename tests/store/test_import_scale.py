"""Imports at scale (issue 18, point 4): a long list imported whole and right, the whole import
(read, plan, save) linear in the list, a large change written as one fold, and what the fast paths
must not skip (the unit checked again, the collector turned back on)."""

from __future__ import annotations

import gc
import shutil
import time
import unicodedata

import pytest

from store.errors import ValidationError
from store.io.importer import Action, apply_import, plan_import
from store.io.reading import read_table
from store.service import Service
from tui.cli.main import main

from .test_import_real_lists import SAMPLE, write_csv

FAMILIES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLES = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Quốc", "Ngọc"]
GIVENS = ["Hùng", "Lan", "Hòa", "Thủy", "Khỏe", "Tuấn", "Mạnh", "Quyên", "Xuân", "Yến", "Đạt", "Phượng"]
UNITS = ["Hà Nội", "Phú Thọ", "Vĩnh Phúc", "Tuyên Quang", "Hà Giang"]
RATIO = 6  # about 5: linear work measures 4 to 5 here; a quadratic step gives 16


def people(n: int) -> list[list[str]]:
    """n distinct people; every other one's name written decomposed (NFD), as some Mac and old
    Windows tools save it."""
    rows = [["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Số điện thoại"]]
    for i in range(n):
        name = (f"{FAMILIES[i % 12]} {MIDDLES[i // 12 % 8]} {GIVENS[i // 96 % 12]} "
                f"{GIVENS[i // 1152 % 12]}{i // 13824 or ''}")
        if i % 2:
            name = unicodedata.normalize("NFD", name)
        rows.append([str(i + 1), name, f"Chuyên viên phòng {i % 40}", UNITS[i % 5], f"09{i:08d}"])
    return rows


def test_a_20000_row_list_imports_whole_with_its_names_nfc(tmp_path, capsys):
    store = tmp_path / "s.json"
    shutil.copyfile(SAMPLE, store)
    with Service.open(store) as service:
        before = {d.code for d in service.delegates.all()}
    rows = people(20_000)
    file = write_csv(tmp_path / "list.csv", rows)
    assert main(["--db", str(store), "import-delegates", str(file)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "Đã nhập: 20000 thêm mới, 0 cập nhật (đã lưu)."
    with Service.open(store) as service:
        added = [d for d in service.delegates.all() if d.code not in before]
        units = {u.code: u.short_name for u in service.conference.units()}
    assert len(added) == 20_000
    expected = sorted((unicodedata.normalize("NFC", r[1]), r[2], r[3], r[4]) for r in rows[1:])
    got = sorted((d.full_name, d.position, units[d.unit_code], d.phone) for d in added)
    assert got == expected
    for d in added:
        for text in (d.family, d.middle, d.given, d.position):
            assert unicodedata.is_normalized("NFC", text)
    assert len({d.code for d in added}) == 20_000
    assert not store.with_name("s.json.journal").exists() or store.with_name("s.json.journal").stat().st_size == 0

    assert main(["--db", str(store), "import-delegates", str(file)]) == 0  # again: every row known
    assert "0 thêm mới, 0 cập nhật, 20000 không đổi" in capsys.readouterr().out


def _best_cpu(run, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def test_the_whole_import_is_linear_in_the_list(tmp_path):
    """Read, plan and save at 1x and 4x rows, in this process's CPU time: a quadratic step
    anywhere (a search per row through the rows before, a copy per row of the store) gives 16x."""
    files = {n: write_csv(tmp_path / f"list-{n}.csv", people(n)) for n in (1_500, 6_000)}

    def import_into_a_fresh_store(n: int) -> None:
        store = tmp_path / f"s-{n}.json"
        for stale in tmp_path.glob(f"s-{n}.json*"):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
        shutil.copyfile(SAMPLE, store)
        with Service.open(store) as service:
            plan = plan_import(read_table(files[n]), service.conference.units(), service.delegates.all())
            assert apply_import(service, plan) == (n, 0)

    one, four = (_best_cpu(lambda n=n: import_into_a_fresh_store(n)) for n in files)
    assert four <= RATIO * max(one, 0.02), f"1x {one:.3f} s, 4x {four:.3f} s: not linear"


def test_a_few_rows_into_a_large_store_index_only_their_namesakes(tmp_path, monkeypatch):
    """The plan's name index holds the store's delegates whose given name ends as a name of the
    file does, not every delegate; a namesake in the store is still found."""
    store = tmp_path / "s.json"
    shutil.copyfile(SAMPLE, store)
    with Service.open(store) as service:
        apply_import(service, plan_import(read_table(write_csv(tmp_path / "big.csv", people(3_000))),
                                          service.conference.units(), service.delegates.all()))
        known = next(d for d in service.delegates.all() if d.given == "Hùng" and d.unit_code)
        unit = next(u.short_name for u in service.conference.units() if u.code == known.unit_code)
        few = write_csv(tmp_path / "few.csv", [["Họ và tên", "Chức vụ", "Đơn vị"],
                                               [known.full_name, known.position, unit],
                                               ["Lê Văn Zyx", "Chuyên viên", "Hà Nội"]])
        from store.io.store_matches import StoreMatches

        sizes = []
        real = StoreMatches.index

        def counted(self, names):
            real(self, names)
            sizes.append(sum(len(v) for v in self.by_name.values()))

        monkeypatch.setattr(StoreMatches, "index", counted)
        plans = [plan_import(read_table(few), service.conference.units(), delegates)
                 for delegates in (service.delegates.all(), service.delegates.given_words())]
        everyone = service.delegates.all()
    for plan in plans:  # the delegates given, or the session's index asked
        assert [r.action for r in plan.rows] == [Action.UNCHANGED, Action.ADD]
    from wording.text import fold

    assert sizes == [sum(1 for d in everyone if fold(d.given) in ("hung", "zyx"))] * 2
    assert 0 < sizes[0] < len(everyone) / 2


def test_a_planned_row_whose_unit_was_removed_since_is_refused_at_save(tmp_path):
    """The plan's fields are not validated twice, but their unit is checked again at the save."""
    store = tmp_path / "s.json"
    shutil.copyfile(SAMPLE, store)
    file = write_csv(tmp_path / "one.csv", [["Họ và tên", "Đơn vị"], ["Lê Văn Mạnh", "Hà Nội"]])
    with Service.open(store) as service:
        plan = plan_import(read_table(file), service.conference.units(), service.delegates.all())
        code, fields = plan.additions[0]
        stale = type(fields)({**fields, "unit_code": "GONE"})  # as if the unit were removed since
        before = store.read_bytes()
        with pytest.raises(ValidationError) as info:
            service.delegates.import_many([(code, stale)], [])
        assert info.value.code == "unknown_unit"
    assert store.read_bytes() == before


def test_the_collector_is_on_again_after_an_import_even_a_refused_one(tmp_path):
    assert gc.isenabled()
    store = tmp_path / "s.json"
    shutil.copyfile(SAMPLE, store)
    with Service.open(store) as service:
        plan = plan_import(read_table(write_csv(tmp_path / "l.csv", people(10))), service.conference.units(),
                           service.delegates.all())
        assert gc.isenabled()
        apply_import(service, plan)
        assert gc.isenabled()
        with pytest.raises(ValidationError):
            service.delegates.import_many([{"given": "", "unit_code": "HN"}], [])
    assert gc.isenabled()


def test_a_change_whose_record_would_be_folded_at_once_is_written_as_the_fold(tmp_path, monkeypatch):
    """No 35 MB record appended then folded: the file replaced once, no record appended; a
    small change still appends one record."""
    from store.core.fold_writes import FoldWrites

    appended = []
    real = FoldWrites._append
    monkeypatch.setattr(FoldWrites, "_append", lambda self: (appended.append(len(self._staged)), real(self)))
    store = tmp_path / "s.json"
    shutil.copyfile(SAMPLE, store)
    journal = store.with_name("s.json.journal")
    with Service.open(store, fold_bytes=64 * 1024) as service:
        service.delegates.import_many([{"family": "Lê", "given": f"Mạnh {i}", "unit_code": "HN"}
                                       for i in range(300)], [])
        assert appended == []
        assert not journal.exists() or journal.stat().st_size == 0
        assert sum(1 for d in service.delegates.all() if d.given.startswith("Mạnh ")) == 300
        service.delegates.import_many([{"family": "Lê", "given": "Lan", "unit_code": "HN"}], [])
        assert journal.stat().st_size > 0
    with Service.open(store) as service:
        assert sum(1 for d in service.delegates.all() if d.family == "Lê" and d.given.startswith(("Mạnh", "Lan"))) >= 301
