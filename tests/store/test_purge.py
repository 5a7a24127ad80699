"""Personal data after the event: `purge-personal` blanks phones,
dates of birth and notes in the store, its audit log and every backup; a removed delegate's
audit entry keeps only code, name and unit."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from store.core.backups import CHECKED, list_backups
from store.core.opening import shape_problems
from store.privacy import PURGE_ACTION, REMOVAL_TRACE
from store.service import Service
from tests.test_import import units_only_store
from tui.cli.main import main

PHONE, BIRTH, NOTE = "0912345678", "1968-03-14", "Dị ứng hải sản"
SECRETS = (PHONE.encode(), BIRTH.encode(), NOTE.encode())


def holds_personal_data(raw: bytes) -> bool:
    text = orjson.dumps(orjson.loads(raw))  # \\u escapes or not: compare decoded text
    return any(secret in text for secret in SECRETS)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """Two delegates with phone, birth and note; one edited, one removed; several backups."""
    path = units_only_store(tmp_path / "hn.json")
    with Service.open(path) as service:
        kept = service.delegates.add(family="Nguyễn", middle="Văn", given="An", unit_code="HN",
                                     phone=PHONE, birth=BIRTH, note=NOTE)
        gone = service.delegates.add(family="Trần", middle="Thị", given="Bình", unit_code="PT",
                                     phone="0987000111", birth="1975-01-02", note="ghi chú")
        service.delegates.update(kept.code, position="Trưởng Ban")
        service.delegates.check_in(kept.code)
        service._storage.backup_now("manual")  # a backup whose label is not "-checked"
        service.delegates.remove(gone.code)
    with Service.open(path) as service:  # reopened after changes elsewhere: more backups
        service.delegates.update(kept.code, note=NOTE + " (2)")
    return path


def _backups(path: Path) -> dict[Path, bytes]:
    return {b: b.read_bytes() for b in list_backups(path)}


def test_removing_a_delegate_keeps_only_code_name_and_unit_in_the_audit(tmp_path):
    path = units_only_store(tmp_path / "rm.json")
    with Service.open(path) as service:
        d = service.delegates.add(family="Lê", middle="Đức", given="Anh", unit_code="TQ",
                                  phone=PHONE, birth=BIRTH, note=NOTE, position="Phó Trưởng Ban")
        service.delegates.remove(d.code)
        entry = service.audit.entries()[-1]
    assert entry.action == "delegate.remove" and entry.after is None
    assert entry.before == {"code": d.code, "family": "Lê", "middle": "Đức", "given": "Anh",
                            "unit_code": "TQ"}
    assert tuple(entry.before) == REMOVAL_TRACE


def test_without_yes_it_shows_what_and_changes_nothing(store, capsys):
    before, backups = store.read_bytes(), _backups(store)
    assert holds_personal_data(before) and any(map(holds_personal_data, backups.values()))
    assert main(["--db", str(store), "purge-personal"]) == 0
    out = capsys.readouterr().out
    assert "Sẽ xóa dữ liệu cá nhân" in out and "chưa thay đổi gì" in out
    assert "đại biểu: 1 (điện thoại 1, ngày sinh 1, ghi chú 1)" in out
    assert store.read_bytes() == before
    assert {b: b.read_bytes() for b in backups} == backups  # every backup as it was


def test_purge_removes_personal_data_everywhere_and_reports_the_counts(store, capsys):
    backups = _backups(store)
    assert len(backups) >= 3 and any(CHECKED in b.name for b in backups)
    assert sum(map(holds_personal_data, backups.values())) >= 2
    (store.parent / f"{store.name}.backups" / f"{store.stem}.20000101T000000000000Z.old{store.suffix}"
     ).write_bytes(b"{not json")  # an unreadable backup: reported, the rest purged, exit 1
    assert main(["--db", str(store), "purge-personal", "--yes"]) == 1
    captured = capsys.readouterr()
    out = captured.out
    assert captured.err == ("hoinghi: chưa xóa hết: 1 bản sao lưu không xử lý được (liệt kê ở trên) "
                            "có thể vẫn còn dữ liệu cá nhân\n")
    assert "Đã xóa dữ liệu cá nhân" in out
    assert "đại biểu: 1 (điện thoại 1, ngày sinh 1, ghi chú 1)" in out
    assert "không đọc được bản sao lưu hn.20000101T000000000000Z.old.json" in out

    assert not holds_personal_data(store.read_bytes())
    for backup in list_backups(store):
        if ".old." in backup.name:
            continue
        raw = backup.read_bytes()
        assert not holds_personal_data(raw), backup.name
        assert shape_problems(raw) == [], backup.name  # still a store open accepts
        if os.name == "posix":
            assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert {b.name for b in backups} <= {b.name for b in list_backups(store)}  # labels kept

    with Service.open(store) as service:
        assert service.check() == []
        for d in service.delegates.all():
            assert (d.phone, d.birth, d.note) == ("", None, "")
        assert [d.position for d in service.delegates.all()] == ["Trưởng Ban"]  # the rest is kept
        entries = service.audit.entries()
        purge = entries[-1]
        removed = [e for e in entries if e.action == "delegate.remove"]
    assert purge.action == PURGE_ACTION and purge.before is None
    assert set(purge.after) == {"delegates", "audit_entries", "backups"}
    assert purge.after["delegates"] == 1 and purge.after["audit_entries"] >= 4
    assert purge.after["backups"] >= 2
    assert f"bản sao lưu: {purge.after['backups']} trên" in out
    assert all(set(e.before) == set(REMOVAL_TRACE) for e in removed)

    capsys.readouterr()
    assert main(["--db", str(store), "--lang", "en", "purge-personal"]) == 1  # the .old one is left
    out = capsys.readouterr().out
    assert "there is no personal data left to remove" in out or "delegates: 0" in out


def test_purge_in_english(store, capsys):
    assert main(["--db", str(store), "--lang", "en", "purge-personal"]) == 0
    out = capsys.readouterr().out
    assert "Would remove the personal data" in out and "run again with --yes" in out
    assert "delegates: 1 (phones 1, dates of birth 1, notes 1)" in out


def test_the_purge_goes_through_one_durable_write(store):
    with Service.open(store) as service:
        writes = service._storage.write_count
        report = service.privacy.purge_personal(apply=True)
        assert service._storage.write_count == writes + 1
        assert report.store.delegates == 1 and report.applied
