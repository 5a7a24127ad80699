"""The audit log's hash chain and the seal: every write links its entry to the one
before; `hoinghi check` names the first entry or record a hand edit broke (the sealed text, a
signature, an audit entry, a removed entry) and exits 1; stores written before the chain open and
check clean; purge-personal keeps the chain valid and says so."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from store.integrity.chain import verify_chain, ordered_entries
from store.errors import StoreError
from store.privacy import RECHAIN_ACTION
from store.integrity.hashes import canonical, entry_hash
from store.service import Service
from tests.conftest import ticking_clock
from tui.cli.main import main


@pytest.fixture
def sealed(sample_copy: Path) -> Path:
    """The demo conference signed by every unit (Bắc Kạn's deputy K/T) and sealed."""
    with Service.open(sample_copy, operator="lan", now=ticking_clock(), backup_keep=0) as service:
        for code in service.covenant.get().signing_order:
            best = service.covenant.candidates(code)[0]
            deputy = bool(best.on_behalf_of)
            service.covenant.sign(code, signer=best.full_name, position=best.position,
                                  authority="K/T" if deputy else "T/M", on_behalf_of=best.on_behalf_of)
        service.covenant.seal()
    return sample_copy


def _edit(path: Path, change) -> None:
    raw = orjson.loads(path.read_bytes())
    change(raw)
    path.write_bytes(orjson.dumps(raw))


def _check(path: Path, capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--db", str(path), "--lang", "en", "check"])
    return code, capsys.readouterr().out


def _entries(raw) -> list[dict]:
    return ordered_entries(raw["audit"])


def test_every_entry_links_to_the_one_before(sealed):
    raw = orjson.loads(sealed.read_bytes())
    entries = _entries(raw)
    assert entries[0]["prev"] == "" and all(e["hash"] == entry_hash(e) for e in entries)
    assert all(b["prev"] == a["hash"] for a, b in zip(entries, entries[1:]))
    report = verify_chain(entries)
    assert report.problem is None and report.start == 1 and report.length == len(entries)


def test_canonical_json_is_nfc_sorted_and_compact():
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed with a Windows keyboard (NFD)
    assert canonical({"b": decomposed, "a": [1, None]}) == canonical({"a": [1, None], "b": "Nguyễn"})
    assert canonical({"b": 1, "a": 2}) == b'{"a":2,"b":1}'


def test_a_clean_sealed_store_checks_clean(sealed, capsys):
    code, out = _check(sealed, capsys)
    assert code == 0, out


def test_a_hand_edit_of_the_sealed_text_is_named(sealed, capsys):
    def change(raw):
        covenant = next(iter(raw["covenant"].values()))
        covenant["groups"][2]["target"] = "Từ 50% trở lên"

    _edit(sealed, change)
    code, out = _check(sealed, capsys)
    assert code == 1 and "the text no longer matches the seal of 10:0" in out and "30/11/2024" in out, out


def test_a_hand_edit_of_a_signature_is_named(sealed, capsys):
    def change(raw):
        line = next(d for d in raw["signatures"].values() if d["unit_code"] == "TQ")
        line["signer"] = "Người Khác"

    _edit(sealed, change)
    code, out = _check(sealed, capsys)
    assert code == 1 and "TQ" in out and "no longer matches the seal" in out, out
    assert "does not match audit entry" in out  # and the entry that recorded it says so too


def test_a_signature_edited_before_the_seal_is_caught_by_its_audit_entry(sample_copy, capsys):
    with Service.open(sample_copy, operator="lan", now=ticking_clock(), backup_keep=0) as service:
        service.covenant.sign("HN", signer="Vũ Đức Bảo", position="Trưởng Ban")
        service.covenant.sign("PT", signer="Đặng Công Sơn", position="Trưởng Ban")
    _edit(sample_copy, lambda raw: next(d for d in raw["signatures"].values()
                                         if d["unit_code"] == "HN").update(signed_at="2024-11-30T09:00:00"))
    code, out = _check(sample_copy, capsys)
    assert code == 1 and "HN" in out and "does not match audit entry" in out, out


def test_a_hand_edit_of_an_audit_entry_is_named(sealed, capsys):
    def change(raw):
        entry = _entries(raw)[4]
        entry["operator"] = "ai đó"

    _edit(sealed, change)
    code, out = _check(sealed, capsys)
    assert code == 1 and "audit 5: entry 5 does not match its hash" in out, out


def test_a_removed_entry_is_named(sealed, capsys):
    def change(raw):
        doc_id = next(k for k, d in raw["audit"].items() if d["seq"] == 7)
        del raw["audit"][doc_id]

    _edit(sealed, change)
    code, out = _check(sealed, capsys)
    assert code == 1 and "entry 8 follows entry 6" in out, out


def test_removing_the_seal_entry_itself_is_caught(sealed, capsys):
    def change(raw):
        last = max(raw["audit"], key=lambda k: raw["audit"][k]["seq"])
        assert raw["audit"][last]["action"] == "covenant.seal"
        del raw["audit"][last]

    _edit(sealed, change)
    code, out = _check(sealed, capsys)
    assert code == 1 and "the audit log has no seal entry" in out, out


def test_stripping_every_hash_is_caught_by_the_seal(sealed, capsys):
    def change(raw):
        for entry in raw["audit"].values():
            entry.pop("hash"), entry.pop("prev")

    _edit(sealed, change)
    code, out = _check(sealed, capsys)
    assert code == 1 and "no seal entry" in out, out


def test_a_store_written_before_the_chain_opens_and_checks_clean(sample_copy, capsys):
    def legacy(raw):  # entries as hoinghi wrote them before the chain: no prev, no hash
        raw["audit"] = {"1": {"seq": 1, "at": "2024-11-29T08:00:00", "operator": "lan",
                              "action": "delegate.edit", "target": "D0001", "before": None, "after": None},
                        "2": {"seq": 2, "at": "2024-11-29T08:01:00", "operator": "lan",
                              "action": "checkin", "target": "D0002", "before": None,
                              "after": {"at": "2024-11-29T08:01:00", "desk": ""}}}

    _edit(sample_copy, legacy)
    assert _check(sample_copy, capsys)[0] == 0
    with Service.open(sample_copy, operator="lan", now=ticking_clock(), backup_keep=0) as service:
        service.covenant.sign("HN", signer="Vũ Đức Bảo")
        report = service.audit.chain()
    assert (report.start, report.length, report.problem) == (3, 1, None)
    assert _check(sample_copy, capsys)[0] == 0
    raw = orjson.loads(sample_copy.read_bytes())
    assert _entries(raw)[2]["prev"] == ""  # the chain starts where hashes start


def test_purge_personal_keeps_the_chain_valid_and_says_so(sample_copy, capsys):
    with Service.open(sample_copy, operator="lan", now=ticking_clock(), backup_keep=0) as service:
        d = service.delegates.add(family="Lê", middle="Văn", given="Tám", unit_code="HN",
                                  phone="0912345678", note="ghi chú riêng")
        service.delegates.update(d.code, phone="0987654321")
        service.covenant.sign("HN", signer="Vũ Đức Bảo")
        service.privacy.purge_personal(apply=True)
        entries = service.audit.entries()
        assert service.audit.chain().problem is None
    rechain = next(e for e in entries if e.action == RECHAIN_ACTION)
    assert rechain.after["from"] == 1 and rechain.after["entries"] == 3 and len(rechain.after["old_head"]) == 64
    assert entries[-1].action == "privacy.purge"
    assert b"0912345678" not in sample_copy.read_bytes()
    assert _check(sample_copy, capsys)[0] == 0


def test_purge_refuses_to_relink_a_broken_chain(sample_copy):
    with Service.open(sample_copy, operator="lan", now=ticking_clock(), backup_keep=0) as service:
        d = service.delegates.add(family="Lê", middle="Văn", given="Tám", unit_code="HN", phone="0912345678")
        service.delegates.update(d.code, given="Chín")
    _edit(sample_copy, lambda raw: _entries(raw)[1].update(operator="khác"))
    with Service.open(sample_copy, backup_keep=0) as service:
        with pytest.raises(StoreError) as refused:
            service.privacy.purge_personal(apply=True)
    assert refused.value.code == "purge_chain_broken"
    assert b"0912345678" in sample_copy.read_bytes()  # nothing removed


def test_purge_relinks_the_chain_in_the_backups_too(sample_copy):
    from store.core.backups import list_backups
    from store.core.decode import decode_store

    with Service.open(sample_copy, operator="lan", now=ticking_clock()) as service:
        d = service.delegates.add(family="Lê", middle="Văn", given="Tám", unit_code="HN", phone="0912345678")
        service.covenant.sign("HN", signer="Vũ Đức Bảo")
        service._storage.backup_now("manual")
        service.delegates.update(d.code, note="riêng")
    with Service.open(sample_copy, operator="lan", now=ticking_clock()) as service:
        service.privacy.purge_personal(apply=True)
    backups = list_backups(sample_copy)
    assert backups
    for backup in backups:
        raw = decode_store(backup.read_bytes())
        assert b"0912345678" not in backup.read_bytes()
        assert verify_chain(ordered_entries(raw.get("audit"))).problem is None, backup.name
