"""The service facade: validation, durability of acknowledged changes, audit, check-in."""

from __future__ import annotations


import orjson
import pytest

from store.errors import NotFoundError, StoreError, StoreVersionError, ValidationError
from store.models import Bloc
from store.service import Service


def reopen(path):
    return Service.open(path, operator="tester")


def test_add_delegate_is_durable_normalized_and_audited(service, sample_copy):
    nfd_family = "Nguye\u0302\u0303n"  # NFD "Nguyễn"
    d = service.delegates.add(family=nfd_family, middle="  Thị ", given="Ánh",
                             position="Chuyên viên", unit_code="PT")
    assert d.family == "Nguyễn" and d.middle == "Thị"
    assert d.code.startswith("D")
    entry = service.audit.entries()[-1]
    assert (entry.action, entry.target, entry.operator) == ("delegate.add", d.code, "tester")
    service.close()
    with reopen(sample_copy) as again:
        assert again.delegates.get(d.code).full_name == "Nguyễn Thị Ánh"


@pytest.mark.parametrize("field,value,reason", [
    ("given", "", "required"),
    ("family", "x" * 201, "too long"),
    ("unit_code", "XX", "unknown unit"),
    ("birth", "30/02/1980", "date"),
    ("rank", "abc", "whole number"),
    ("phone", "09x", "digits"),
    ("given", "Phong\x1b[31m", "control character"),
    ("bloc", "army", "one of"),
])
def test_bad_input_names_field_and_changes_nothing(service, sample_copy, field, value, reason):
    before = sample_copy.read_bytes()
    values = {"family": "Lê", "given": "Hoa", "unit_code": "HN", field: value}
    with pytest.raises(ValidationError) as exc:
        service.delegates.add(**values)
    assert exc.value.field == field and reason in exc.value.reason
    assert sample_copy.read_bytes() == before
    assert len(service.delegates.all()) == 62


def test_markup_in_names_is_kept_literally(service):
    d = service.delegates.add(family="[b]Lê", given="[/]Hoa", unit_code="HN")
    assert service.delegates.get(d.code).full_name == "[b]Lê [/]Hoa"


def test_edit_and_remove(service, sample_copy):
    code = service.delegates.all()[-1].code
    edited = service.delegates.update(code, position="Phó Trưởng phòng", bloc="government")
    assert edited.position == "Phó Trưởng phòng" and edited.bloc is Bloc.GOVERNMENT
    with pytest.raises(ValidationError):
        service.delegates.update(code, checked_in_at="2024-11-30T08:00:00")
    removed = service.delegates.remove(code)
    assert removed.code == code
    with pytest.raises(NotFoundError):
        service.delegates.get(code)
    actions = [e.action for e in service.audit.entries()]
    assert actions[-2:] == ["delegate.edit", "delegate.remove"]
    service.close()
    with reopen(sample_copy) as again:
        assert code not in {d.code for d in again.delegates.all()}


def test_check_in_is_idempotent_and_undo_is_audited(service, sample_copy):
    import datetime as dt

    code = service.delegates.all()[0].code
    first = service.delegates.check_in(code, desk="Cửa A", at=dt.datetime(2024, 11, 30, 7, 45, 10))
    assert not first.already and first.at == "2024-11-30T07:45:10"
    size = len(service.audit.entries())
    second = service.delegates.check_in(code, desk="Cửa B")
    assert second.already and second.at == "2024-11-30T07:45:10"
    assert len(service.audit.entries()) == size  # nothing new recorded
    undone = service.delegates.undo_check_in(code, desk="Cửa A")
    assert undone.checked_in_at is None
    assert service.audit.entries()[-1].action == "checkin.undo"
    assert service.audit.entries()[-1].before == {"at": "2024-11-30T07:45:10", "desk": "Cửa A"}
    with pytest.raises(ValidationError):
        service.delegates.undo_check_in(code)


def test_write_failure_changes_nothing_in_memory_or_on_disk(service, sample_copy, monkeypatch):
    from store.core import journal_file

    code = service.delegates.all()[0].code
    before = sample_copy.read_bytes()
    audit_before = len(service.audit.entries())

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_file, "_write", refuse)  # the journal's append fails
    with pytest.raises(StoreError):
        service.delegates.check_in(code)
    monkeypatch.undo()
    assert sample_copy.read_bytes() == before
    assert service.delegates.get(code).checked_in_at is None
    assert len(service.audit.entries()) == audit_before
    assert not service.delegates.check_in(code).already  # and the next write works


def test_import_delegates_is_all_or_nothing(service, sample_copy):
    before = sample_copy.read_bytes()
    with pytest.raises(ValidationError):
        service.delegates.import_many([{"family": "A", "given": "B", "unit_code": "HN"},
                                  {"family": "C", "given": "", "unit_code": "HN"}], [])
    assert sample_copy.read_bytes() == before
    added, updated = service.delegates.import_many(
        [{"family": "Hà", "given": "Lan", "unit_code": "VP"}],
        [(service.delegates.all()[0].code, {"note": "đã xác nhận"})], source="list.csv")
    assert (added, updated) == (1, 1)
    assert service.audit.entries()[-1].action == "delegate.import"


def test_check_reports_broken_references(sample_copy):
    raw = orjson.loads(sample_copy.read_bytes())
    first = next(iter(raw["delegates"]))
    raw["delegates"][first]["unit_code"] = "NOPE"
    raw["scores"][next(iter(raw["scores"]))]["groups"][0]["cluster_points"] = 99
    sample_copy.write_bytes(orjson.dumps(raw))
    with reopen(sample_copy) as svc:
        problems = svc.check()
    assert any("unknown unit 'NOPE'" in p for p in problems)
    assert any("outside 0..15" in p for p in problems)


def test_newer_schema_is_refused_and_file_untouched(sample_copy):
    raw = orjson.loads(sample_copy.read_bytes())
    raw["meta"]["1"]["schema_version"] = 99
    sample_copy.write_bytes(orjson.dumps(raw))
    before = sample_copy.read_bytes()
    with pytest.raises(StoreVersionError, match="newer hoinghi"):
        reopen(sample_copy)
    assert sample_copy.read_bytes() == before
    with pytest.raises(StoreVersionError):  # and the lock was released: the same error again
        reopen(sample_copy)


def test_migration_from_version_1_splits_names_after_a_backup(sample_copy):
    raw = orjson.loads(sample_copy.read_bytes())
    del raw["meta"]
    for doc in raw["delegates"].values():
        doc["name"] = " ".join(p for p in (doc.pop("family"), doc.pop("middle"), doc.pop("given")) if p)
    sample_copy.write_bytes(orjson.dumps(raw))
    with reopen(sample_copy) as svc:
        names = {d.full_name for d in svc.delegates.all()}
        assert "Nguyễn Văn Phong" in names
        phong = next(d for d in svc.delegates.all() if d.full_name == "Nguyễn Văn Phong")
        assert (phong.family, phong.middle, phong.given) == ("Nguyễn", "Văn", "Phong")
        assert svc.summary().schema_version == 2
        assert svc.check() == []
    backups = list((sample_copy.parent / (sample_copy.name + ".backups")).iterdir())
    assert any("migration" in b.name for b in backups)
    assert any(b"\"name\"" in b.read_bytes() for b in backups)  # the v1 file is kept
