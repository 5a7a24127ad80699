"""The write-ahead journal: its framing, replay by generation, and the store's use of it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from store.core.journal import (
    JournalDamaged,
    JournalMismatch,
    encode_record,
    read_records,
    replay_onto,
)
from store.core.store_file import read_state
from store.errors import StoreCorruptError
from store.follower import Follower
from store.service import Service


def record(gen: int, seq: int, base: int, doc_id: str = "1", doc: dict | None = None) -> bytes:
    return encode_record({"v": 1, "gen": gen, "seq": seq, "base": base, "at": "x", "by": "t",
                          "changes": [{"t": "delegates", "id": doc_id, "doc": doc}]})


def journal_of(store: Path) -> Path:
    return store.with_name(store.name + ".journal")


def test_framing_round_trip_and_every_torn_tail() -> None:
    one, two = record(0, 1, 10, "1", {"name": "Nguyễn Thị Lan"}), record(0, 2, 10, "2", {"name": "Lê\nVăn"})
    assert one.count(b"\n") == 1  # one line per record, whatever the text holds
    read = read_records(one + two)
    assert [r.seq for r in read.records] == [1, 2] and read.torn == 0
    for cut in range(1, len(two)):  # a power cut anywhere inside the second append
        read = read_records(one + two[:cut])
        assert [r.seq for r in read.records] == [1] and read.torn == cut and read.good_size == len(one)


def test_damage_in_the_middle_is_refused_but_a_bad_last_record_is_a_torn_tail() -> None:
    one, two = record(0, 1, 10, "1", {"n": 1}), record(0, 2, 10, "2", {"n": 2})
    flipped = one.replace(b'"n":1', b'"n":7')
    with pytest.raises(JournalDamaged) as info:
        read_records(flipped + two)
    assert info.value.record == 1 and info.value.why == "bad checksum"
    read = read_records(one + two.replace(b'"n":2', b'"n":9'))
    assert len(read.records) == 1 and read.torn == len(two)
    assert read_records(one + b"\x00" * 40).torn == 40  # a tail of zeros the disk never finished


def test_replay_skips_folded_generations_and_refuses_a_journal_of_another_file() -> None:
    data = {"_journal": {"1": {"generation": 3}}, "delegates": {"1": {"n": 0}}}
    journal = record(2, 1, 50, "1", {"n": 1}) + record(3, 1, 99, "1", {"n": 2}) + record(3, 2, 99, "2", {"n": 3})
    done = replay_onto(data, journal, 99)
    assert data == {"delegates": {"1": {"n": 2}, "2": {"n": 3}}}
    assert (done.generation, done.applied, done.stale, done.last_seq) == (3, 2, 1, 2)
    with pytest.raises(JournalMismatch, match="bytes"):
        replay_onto({"_journal": {"1": {"generation": 3}}}, journal, 98)  # another file of that generation
    with pytest.raises(JournalMismatch):
        replay_onto({"_journal": {"1": {"generation": 1}}}, journal, 99)  # an older copy of the file
    with pytest.raises(JournalMismatch):
        replay_onto({}, record(0, 1, 5) + record(0, 3, 5), 5)  # a record missing


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "hoinghi.json"
    shutil.copyfile(Path(__file__).resolve().parents[2] / "sample.json", path)
    return path


def test_a_check_in_appends_to_the_journal_and_leaves_the_file_alone(store: Path) -> None:
    with Service.open(store, operator="Lan") as service:
        before, st = store.read_bytes(), store.stat()
        code = service.delegates.all()[0].code
        service.delegates.check_in(code, desk="Cửa A")
        assert store.read_bytes() == before and store.stat().st_ino == st.st_ino  # not rewritten
        payloads = [r.payload for r in read_records(journal_of(store).read_bytes()).records]
        assert [(c["t"], c.get("code")) for c in payloads[0]["changes"]][0] == ("delegates", code)
        # the audit entry, then the chain's anchor that moved with it (store/integrity/anchor.py)
        assert payloads[0]["by"] == "Lan" and [c["t"] for c in payloads[0]["changes"]][-2:] == ["audit", "meta"]
        plain = TinyDB(store)  # a plain TinyDB sees the file: every change up to the last fold
        assert all(d.get("checked_in_at") is None for d in plain.table("delegates").all())
        plain.close()
        raw, journal, _ = read_state(store)  # a reader while the app runs: file + journal
        data = orjson.loads(raw)
        replay_onto(data, journal, len(raw))
        assert any(d.get("code") == code and d.get("checked_in_at") for d in data["delegates"].values())
        view = Follower(store).poll()
        assert view is not None and view.last_seq() == service.last_seq()
    assert not journal_of(store).exists()  # folded at close
    plain = TinyDB(store)
    assert any(d.get("code") == code and d.get("checked_in_at") for d in plain.table("delegates").all())
    plain.close()


def _killed_copy(store: Path, folder: Path) -> Path:
    """The files as a kill would leave them now (the app still has them open)."""
    copy = folder / "copy.json"
    shutil.copyfile(store, copy)
    shutil.copyfile(journal_of(store), journal_of(copy))
    return copy


def test_open_replays_the_journal_drops_a_torn_tail_and_says_so(store: Path, tmp_path: Path) -> None:
    with Service.open(store) as service:
        codes = [d.code for d in service.delegates.all()[:3]]
        for code in codes:
            service.delegates.check_in(code)
        copy = _killed_copy(store, tmp_path)
    torn = b'812 0badc0de {"v":1,"gen"'  # an append cut by a power loss
    with open(journal_of(copy), "ab") as handle:
        handle.write(torn)
    with Service.open(copy) as reopened:
        assert all(reopened.delegates.get(c).checked_in_at for c in codes)
        assert reopened.journal_note() == {"code": "journal_torn", "bytes": len(torn)}
        assert reopened.check() == []


def test_a_damaged_record_in_the_middle_stops_the_open_naming_the_newest_backup(store: Path, tmp_path: Path) -> None:
    with Service.open(store) as service:
        for d in service.delegates.all()[:2]:
            service.delegates.check_in(d.code)
        copy = _killed_copy(store, tmp_path)
    Service.open(copy).close()  # a good backup of the copy (the journal folded into it)
    with Service.open(copy) as service:
        for d in service.delegates.all()[2:4]:
            service.delegates.check_in(d.code)
        damaged = _killed_copy(copy, tmp_path / "..")
    raw = journal_of(damaged).read_bytes()
    journal_of(damaged).write_bytes(raw.replace(b"checked_in_at", b"checked_in_At", 1))
    before = damaged.read_bytes(), journal_of(damaged).read_bytes()
    with pytest.raises(StoreCorruptError) as info:
        Service.open(damaged)
    message = str(info.value)
    assert "journal" in message and "record 1" in message and "\n" not in message
    assert info.value.params["record"] == 1
    assert (damaged.read_bytes(), journal_of(damaged).read_bytes()) == before  # left untouched


def test_a_failed_append_is_cut_back_and_the_next_change_works(store: Path, monkeypatch) -> None:
    from store.core import journal_file

    with Service.open(store) as service:
        first, second = service.delegates.all()[:2]
        service.delegates.check_in(first.code)
        size = journal_of(store).stat().st_size

        def half_then_fail(fd: int, data: bytes) -> None:
            os.write(fd, data[: len(data) // 2])
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(journal_file, "_write", half_then_fail)
        with pytest.raises(Exception, match="No space left"):
            service.delegates.check_in(second.code)
        monkeypatch.undo()
        assert journal_of(store).stat().st_size == size  # the half record is gone
        assert service.delegates.get(second.code).checked_in_at is None
        service.delegates.check_in(second.code)
        assert len(read_records(journal_of(store).read_bytes()).records) == 2


def test_idle_fold_writes_the_records_into_the_file(store: Path) -> None:
    with Service.open(store) as service:
        service.delegates.check_in(service.delegates.all()[0].code)
        assert service.fold_journal() is True
        assert journal_of(store).stat().st_size == 0
        assert orjson.loads(store.read_bytes())["_journal"]["1"]["generation"] == 1
        assert service.fold_journal() is False  # nothing to fold


def test_closing_in_the_middle_of_a_change_drops_it(tmp_path: Path) -> None:
    from store.core.storage import DurableStorage

    path = tmp_path / "s.json"
    storage = DurableStorage(path, create=True)
    with storage.transaction():
        storage.stage([{"t": "delegates", "id": "1", "doc": {"code": "D1"}}])
    db = TinyDB(path, storage=lambda *a, **k: storage)
    with storage.transaction():
        storage.stage([{"t": "delegates", "id": "2", "doc": {"code": "D2"}}])
        db.table("delegates").update({"code": "changed"}, doc_ids=[1])  # TinyDB edits in place
        storage.close()
    reopened = DurableStorage(path)
    assert reopened.read() == {"delegates": {"1": {"code": "D1"}}}
    reopened.close()
