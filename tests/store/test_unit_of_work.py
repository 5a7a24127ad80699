"""The one write path: documents changed by code, one durable write, what changed reported."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import orjson
import pytest

from store.core import journal_file
from tinydb import where

import store
import wording
from store.errors import NotFoundError, StoreChangedOnDiskError, StoreError
from store.service import Service
from store.tables import NAMES, TABLES

from ..conftest import ROOT


def test_tinydb_search_sees_a_check_in(service):
    """The unit of work writes documents by code; TinyDB's query cache must not keep old rows."""
    table = service._db.table("delegates")
    code = service.delegates.all()[0].code
    assert table.search(where("code") == code)[0]["checked_in_at"] is None  # cached now
    service.delegates.check_in(code, desk="Cửa A")
    assert table.search(where("code") == code)[0]["checked_in_at"] is not None
    service.delegates.undo_check_in(code)
    assert table.search(where("code") == code)[0]["checked_in_at"] is None


def test_a_removed_delegates_code_is_never_given_again(service, sample_copy):
    unit = service.conference.units()[0].code
    first = service.delegates.add(family="Lê", given="Một", unit_code=unit)
    service.delegates.remove(first.code)
    second = service.delegates.add(family="Lê", given="Hai", unit_code=unit)
    assert second.code != first.code
    service.close()
    with Service.open(sample_copy) as again:  # the counter is kept in the store
        third = again.delegates.add(family="Lê", given="Ba", unit_code=unit)
        assert third.code not in {first.code, second.code}
        assert int(third.code[1:]) > int(second.code[1:])
        actions = [(e.action, e.target) for e in again.audit.entries()]
        assert ("delegate.remove", first.code) in actions


def test_a_store_without_the_counter_starts_above_codes_seen_in_the_audit_log(service, sample_copy):
    unit = service.conference.units()[0].code
    gone = service.delegates.add(family="Lê", given="Một", unit_code=unit)
    service.delegates.remove(gone.code)
    service.close()
    raw = orjson.loads(sample_copy.read_bytes())
    for doc in raw["meta"].values():
        doc.pop("last_codes", None)  # as written before codes were counted
    sample_copy.write_bytes(orjson.dumps(raw))
    with Service.open(sample_copy) as again:
        assert again.delegates.add(family="Lê", given="Hai", unit_code=unit).code != gone.code


def test_each_change_reports_its_tables_codes_and_seq(service):
    seq, version = service.last_seq(), service.version()
    code = service.delegates.all()[0].code
    service.delegates.check_in(code)
    change = service.changes_since(version)
    assert change is not None
    assert change.tables == {"delegates", "audit"}
    assert change.codes == {code}
    assert change.seq == seq + 1 == service.last_seq()
    version = service.version()
    assert service.changes_since(version) is None
    service.delegates.check_in(code)  # already in: nothing written, nothing reported
    assert service.changes_since(version) is None


def test_another_program_writing_the_file_is_caught_and_reload_takes_its_version(service, sample_copy):
    code = service.delegates.all()[0].code
    service.delegates.check_in(code, desk="Cửa A")
    theirs = orjson.loads(sample_copy.read_bytes())
    for doc in theirs["delegates"].values():
        if doc["code"] == code:
            doc["note"] = "sửa bằng tay"
    sample_copy.write_bytes(orjson.dumps(theirs))  # in place, as an editor or a sync tool would
    other = service.delegates.all()[1].code
    with pytest.raises(StoreChangedOnDiskError):
        service.delegates.check_in(other)
    assert orjson.loads(sample_copy.read_bytes()) == theirs  # nothing of ours written over it
    assert service.delegates.get(other).checked_in_at is None
    version = service.version()
    change = service.reload()
    assert change.tables >= {"delegates", "units", "agenda"}
    assert service.changes_since(version) == change
    assert service.delegates.get(code).note == "sửa bằng tay"
    assert not service.delegates.check_in(other).already  # writes again, over their version


def test_a_failed_write_leaves_index_caches_and_counter_as_before(service, sample_copy, monkeypatch):
    unit = service.conference.units()[0].code
    before = sample_copy.read_bytes()
    count = len(service.delegates.all())

    journal = sample_copy.with_name(sample_copy.name + ".journal")
    journal_before = journal.read_bytes() if journal.exists() else b""

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_file, "_sync", refuse)  # the record is written, its sync fails
    with pytest.raises(StoreError):
        service.delegates.add(family="Lê", given="Một", unit_code=unit)
    monkeypatch.undo()
    assert sample_copy.read_bytes() == before
    assert (journal.read_bytes() if journal.exists() else b"") == journal_before  # cut back
    assert len(service.delegates.all()) == count
    added = service.delegates.add(family="Lê", given="Một", unit_code=unit)
    assert service.delegates.get(added.code) == added
    assert len(service.delegates.all()) == count + 1
    assert service.audit.entries()[-1].target == added.code


def test_reads_by_code_and_closed_store(service):
    unit = service.conference.units()[0]
    assert service.conference.unit(unit.code) == unit
    with pytest.raises(NotFoundError):
        service.delegates.get("nobody")
    service.close()
    with pytest.raises(StoreError):
        service.delegates.all()


def test_the_registry_names_every_table_of_the_sample(sample_copy):
    raw = orjson.loads(sample_copy.read_bytes())
    assert set(raw) - {"meta"} <= set(NAMES)
    assert {spec.name for spec in TABLES if spec.single} == {"conference", "scoring_config", "covenant", "agenda_run"}


@pytest.mark.parametrize("package, known, forbidden", [
    (store, "store.unit_of_work", ("textual", "rich", "tui")),
    (wording, "wording.catalog", ("textual", "rich", "tui", "store")),
], ids=["store", "wording"])
def test_store_and_wording_import_only_what_lies_below(package, known, forbidden):
    """Walk every module of the package in a fresh interpreter: the store never imports the UI,
    the text layer neither the UI nor the store."""
    name = package.__name__
    modules = sorted(m.name for m in pkgutil.walk_packages(package.__path__, f"{name}."))
    assert known in modules
    code = (f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
            f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {forbidden!r})\n"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_reload_refuses_a_malformed_file_and_keeps_what_it_had(service, sample_copy):
    code = service.delegates.all()[0].code
    theirs = orjson.loads(sample_copy.read_bytes())
    for doc in theirs["delegates"].values():
        if doc["code"] == code:
            doc["bloc"] = "martians"
    sample_copy.write_bytes(orjson.dumps(theirs))
    with pytest.raises(StoreError, match="martians"):
        service.reload()
    assert service.delegates.get(code).bloc.value != "martians"
    with pytest.raises(StoreChangedOnDiskError):  # still not written over
        service.delegates.check_in(code)
    assert orjson.loads(sample_copy.read_bytes()) == theirs


def test_a_malformed_document_is_never_written(service, sample_copy):
    """A bug that builds a wrong document must not leave a store that open refuses."""
    before = sample_copy.read_bytes()
    doc = service.delegates.all()[0].to_doc()
    with pytest.raises(StoreError, match="bloc"):
        with service._session.lock, service._session.open_records().work(operator="t") as work:
            work.put("delegates", {**doc, "bloc": "martians"})
    assert sample_copy.read_bytes() == before
    assert service.delegates.get(doc["code"]).bloc.value == doc["bloc"]


def test_one_malformed_document_among_many_is_found_and_named(service, sample_copy):
    """The put documents are checked column by column; one wrong among many still stops the
    write, naming its record and field; documents in another field order are still accepted."""
    before = sample_copy.read_bytes()
    docs = [d.to_doc() for d in service.delegates.all()]
    bad = docs[len(docs) // 2]
    with pytest.raises(StoreError, match=f"{bad['code']}.*rank|rank.*{bad['code']}"):
        with service._session.lock, service._session.open_records().work(operator="t") as work:
            for doc in docs:
                work.put("delegates", {**doc, "rank": "50"} if doc is bad else doc)
    assert sample_copy.read_bytes() == before
    with service._session.lock, service._session.open_records().work(operator="t") as work:
        for doc in docs:
            work.put("delegates", dict(reversed(doc.items())))
    assert service.delegates.get(bad["code"]).rank == bad["rank"]
