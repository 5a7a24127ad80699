"""The audit chain anchored: the meta record keeps the chain's start, length and head,
written with each entry; `hoinghi check` names each attack the chain alone let through (the
last entries cut, the first removed, hashes stripped, the seal stripped, who sealed, a check-in
taken back or moved by hand, next year's cluster head changed); purge-personal keeps the anchor
consistent; a store written before the anchor is noted, not failed, and gets one at its first
write. Every hostile store is built here from a copy of the demo."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.integrity.anchor import read_anchor
from store.integrity.chain import ordered_entries, verify_chain
from store.service import Service
from tests.conftest import ticking_clock
from tui.cli.main import main


@pytest.fixture
def day(sample_copy: Path) -> Path:
    """Two check-ins (one taken back), next year's head, every unit signed, the seal."""
    with Service.open(sample_copy, operator="lan", now=ticking_clock(), backup_keep=0) as service:
        service.delegates.check_in("D0001", desk="Cửa A")
        service.delegates.check_in("D0002", desk="Cửa A")
        service.delegates.undo_check_in("D0002", desk="Cửa A")
        service.covenant.set_next_head("PT", "Đặng Công Sơn")
        for code in service.covenant.get().signing_order:
            best = service.covenant.candidates(code)[0]
            service.covenant.sign(code, signer=best.full_name, position=best.position)
        service.covenant.seal()
    return sample_copy


def _raw(path: Path) -> dict:
    return orjson.loads(path.read_bytes())


def _edit(path: Path, change) -> None:
    raw = _raw(path)
    change(raw)
    path.write_bytes(orjson.dumps(raw))


def _check(path: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", str(path), "--lang", "en", "check"])
    return code, capsys.readouterr().out


def _by_seq(raw: dict) -> dict[int, str]:
    return {doc["seq"]: doc_id for doc_id, doc in raw["audit"].items()}


def test_the_anchor_moves_with_each_entry(day, capsys):
    raw = _raw(day)
    entries = ordered_entries(raw["audit"])
    anchor = read_anchor(raw["meta"])
    assert anchor == {"start": 1, "length": len(entries), "head": entries[-1]["hash"]}
    code, out = _check(day, capsys)
    assert code == 0 and "note" not in out, out


def test_a_cut_tail_is_named(day, capsys):
    def cut(raw):
        seqs = _by_seq(raw)
        for seq in sorted(seqs)[-3:]:  # the seal and the last two signatures
            del raw["audit"][seqs[seq]]

    _edit(day, cut)
    assert verify_chain(ordered_entries(_raw(day)["audit"])).problem is None  # the chain alone holds
    code, out = _check(day, capsys)
    assert code == 1 and "the last entries were removed" in out, out


def test_a_removed_head_entry_is_named(day, capsys):
    """The newest entry (the chain's head, here the seal) alone removed: what is left still links."""
    _edit(day, lambda raw: raw["audit"].pop(_by_seq(raw)[max(_by_seq(raw))]))
    code, out = _check(day, capsys)
    assert code == 1 and "the last entries were removed" in out, out


def test_a_removed_first_entry_is_named(day, capsys):
    _edit(day, lambda raw: raw["audit"].pop(_by_seq(raw)[1]))
    code, out = _check(day, capsys)
    assert code == 1 and "entry 2, the first with a hash, links to an entry that is not there" in out, out


def test_hashes_stripped_from_the_first_entries_are_named(day, capsys):
    def strip(raw):
        seqs = _by_seq(raw)
        for seq in (1, 2, 3):
            raw["audit"][seqs[seq]].pop("hash")
            raw["audit"][seqs[seq]].pop("prev")
        raw["audit"][seqs[4]]["prev"] = ""  # as if the chain began there
        from store.integrity.hashes import entry_hash

        head = ""
        for seq in sorted(seqs)[3:]:  # re-hashed from there on, as a careful forger would
            doc = raw["audit"][seqs[seq]]
            doc["prev"] = head
            doc["hash"] = head = entry_hash(doc)
        next(iter(raw["meta"].values()))["chain"]["head"] = head

    _edit(day, strip)
    code, out = _check(day, capsys)
    assert code == 1 and "the chain starts at entry 4, but the store's anchor says it starts at entry 1" in out, out


def test_un_sealing_by_stripping_every_hash_and_the_seal_is_named(day, capsys):
    def unseal(raw):
        for entry in raw["audit"].values():
            entry.pop("hash"), entry.pop("prev")
        covenant = next(iter(raw["covenant"].values()))
        covenant.update(sealed_at=None, seal_hash="", sealed_by="")

    _edit(day, unseal)
    code, out = _check(day, capsys)
    assert code == 1, out
    assert "no audit entry has a hash, but the store's anchor says the chain held" in out
    assert "is no longer sealed, but audit entry" in out and "the seal was stripped" in out


def test_who_sealed_is_covered(day, capsys):
    _edit(day, lambda raw: next(iter(raw["covenant"].values())).update(sealed_by="người khác"))
    code, out = _check(day, capsys)
    assert code == 1 and "says it was sealed by người khác, but the seal's audit entry" in out and "lan" in out, out


@pytest.mark.parametrize("code_, change, said", [
    ("D0001", {"checked_in_at": None, "checkin_desk": None}, "is no longer checked in"),
    ("D0001", {"checked_in_at": "2024-11-30T07:00:00"}, "is checked in at 07:00 30/11/2024, but audit entry 1"),
    ("D0002", {"checked_in_at": "2024-11-30T10:00:15"}, "took the check-in back"),
])
def test_check_ins_are_covered(day, capsys, code_, change, said):
    def edit(raw):
        next(d for d in raw["delegates"].values() if d["code"] == code_).update(change)

    _edit(day, edit)
    code, out = _check(day, capsys)
    assert code == 1 and code_ in out and said in out, out


def test_next_year_s_head_is_covered(day, capsys):
    _edit(day, lambda raw: next(iter(raw["covenant"].values())).update(next_head_unit="VP"))
    code, out = _check(day, capsys)
    assert code == 1 and "next year's cluster head (VP – Đặng Công Sơn) is not the one audit entry" in out, out


def test_purge_personal_keeps_the_anchor_consistent(day, capsys):
    with Service.open(day, operator="lan", now=ticking_clock(), backup_keep=0) as service:
        service.delegates.update("D0003", phone="0912345678")
        service.privacy.purge_personal(apply=True)
    raw = _raw(day)
    entries = ordered_entries(raw["audit"])
    assert read_anchor(raw["meta"]) == {"start": 1, "length": len(entries), "head": entries[-1]["hash"]}
    assert _check(day, capsys)[0] == 0


def test_purged_backups_keep_their_anchor_consistent(day):
    from store.core.backups import list_backups
    from store.core.opening import check_file

    with Service.open(day, operator="lan", now=ticking_clock()) as service:
        service.delegates.update("D0003", phone="0912345678")
        service._storage.backup_now("manual")
        service.delegates.update("D0004", note="riêng")
    with Service.open(day, operator="lan", now=ticking_clock()) as service:
        service.privacy.purge_personal(apply=True)
    backups = list_backups(day)
    assert backups
    for backup in backups:
        assert b"0912345678" not in backup.read_bytes()
        assert check_file(backup) == [], backup.name


def test_a_store_without_an_anchor_is_noted_then_anchored_at_its_first_write(day, capsys):
    _edit(day, lambda raw: next(iter(raw["meta"].values())).pop("chain"))
    code, out = _check(day, capsys)
    assert code == 0 and "note: audit: the audit log has no anchor yet" in out, out
    assert "chain" not in next(iter(_raw(day)["meta"].values()))  # check wrote nothing
    with Service.open(day, operator="lan", now=ticking_clock(), backup_keep=0) as service:
        service.delegates.check_in("D0005")
    raw = _raw(day)
    entries = ordered_entries(raw["audit"])
    assert read_anchor(raw["meta"]) == {"start": 1, "length": len(entries), "head": entries[-1]["hash"]}
    code, out = _check(day, capsys)
    assert code == 0 and "note" not in out, out


def test_an_unhashed_entry_after_the_first_hashed_one_is_refused(day, capsys):
    def strip(raw):
        doc = raw["audit"][_by_seq(raw)[5]]
        doc.pop("hash"), doc.pop("prev")

    _edit(day, strip)
    code, out = _check(day, capsys)
    assert code == 1 and "entry 5 has no hash although entry 1 before it has" in out, out
