"""Backups are independent copies: a program that rewrites the store in place cannot reach them."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from store.core.backups import list_backups, newest_good_backup, prune_backups
from store.core.storage import BACKUP_EVERY, DurableStorage
from store.errors import StoreChangedOnDiskError, StoreCorruptError


def open_db(path: Path, **kwargs) -> TinyDB:
    return TinyDB(path, storage=DurableStorage, **kwargs)


def records(raw: bytes) -> list[int]:
    return sorted(doc["k"] for doc in orjson.loads(raw).get("_default", {}).values())


def overwrite_in_place(path: Path, data: bytes) -> None:
    """What `> store.json`, an editor or a sync tool does: same inode, new bytes."""
    with open(path, "r+b") as f:
        f.truncate(0)
        f.write(data)


def test_backups_are_copies_not_links(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path, create=True, backup_every=2)
    for k in range(4):
        db.insert({"k": k})
    newest = list_backups(path)[0]
    assert newest.read_bytes() == path.read_bytes()
    assert newest.stat().st_nlink == 1 and path.stat().st_nlink == 1
    assert not os.path.samefile(newest, path)
    db.close()


@pytest.mark.parametrize("every", [1, 3, 5])
@pytest.mark.parametrize("writes", [0, 1, 4, 11, 23])
def test_after_an_in_place_overwrite_the_newest_backup_is_at_most_n_writes_behind(
    tmp_path: Path, every: int, writes: int
) -> None:
    """The promise: whenever another program rewrites the store in place, the newest backup
    holds the state of at most `backup_every` writes before (here: fewer than N behind)."""
    path = tmp_path / "s.json"
    db = open_db(path, create=True, backup_every=every, backup_keep=50)
    states = [path.read_bytes()]
    for k in range(writes):
        db.insert({"k": k})
        states.append(path.read_bytes())
    assert db.storage.writes_since_backup < every
    overwrite_in_place(path, b"")  # the store is gone...
    newest = list_backups(path)[0].read_bytes()
    assert newest in states[-every:]  # ...but its newest backup is at most N-1 writes old
    assert records(newest) == list(range(writes - (writes % every)))

    with pytest.raises(StoreChangedOnDiskError):  # the next write notices, saves nothing...
        db.insert({"k": 999})
    assert list_backups(path)[0].read_bytes() == states[-1]  # ...and backs up the last saved state
    db.close()
    assert path.read_bytes() == b""  # the app never writes over what the other program wrote


def test_closing_backs_up_what_was_written_since_the_last_backup(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path, create=True, backup_every=10)
    for k in range(3):
        db.insert({"k": k})
    before = list_backups(path)
    db.close()
    after = list_backups(path)
    assert len(after) == len(before) + 1 and ".close." in after[0].name
    assert after[0].read_bytes() == path.read_bytes()
    overwrite_in_place(path, b"garbage")  # after close: the newest backup is the last state
    with pytest.raises(StoreCorruptError, match=f"newest good backup: {after[0]}"):
        DurableStorage(path)


def test_backups_are_capped_in_total_size_but_the_newest_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    db = open_db(path, create=True, backup_every=1, backup_keep=100, backup_max_bytes=1_000)
    for k in range(12):
        db.insert({"k": k, "pad": "x" * 20})
    found = list_backups(path)
    sizes = [p.stat().st_size for p in found]
    assert sum(sizes) <= 1_000 and len(found) >= 2
    assert sum(sizes) + (sizes[-1] - 40) > 1_000  # no older one would have fitted
    assert found[0].read_bytes() == path.read_bytes()
    db.close()
    big = open_db(path, backup_every=1, backup_max_bytes=10)  # one backup alone is over the cap
    big.insert({"k": 100})
    assert [p.read_bytes() for p in list_backups(path)] == [path.read_bytes()]
    big.close()


def test_prune_keeps_newest_by_count_and_bytes(tmp_path: Path) -> None:
    store = tmp_path / "s.json"
    folder = tmp_path / "s.json.backups"
    folder.mkdir()
    for i, size in enumerate([100, 100, 100, 100, 100]):
        (folder / f"s.2024010{i + 1}T000000000000Z.auto.json").write_bytes(b"x" * size)
    removed = prune_backups(store, folder, keep=4, max_bytes=250)
    assert [p.name[2:10] for p in list_backups(store, folder)] == ["20240105", "20240104"]
    assert len(removed) == 3


def test_default_backup_interval_is_50() -> None:
    assert BACKUP_EVERY == 50


def test_hard_linked_backups_of_older_versions_become_copies(tmp_path: Path) -> None:
    """An older hoinghi hard-linked its newest backup to the store: the store then has two names.
    Opening copies the backup apart (same bytes, own inode) instead of refusing the store."""
    path = tmp_path / "s.json"
    path.write_bytes(b'{"_default": {"1": {"k": 1}}}')
    folder = tmp_path / "s.json.backups"
    folder.mkdir()
    linked = folder / "s.20240101T000000000000Z.open.json"
    os.link(path, linked)
    assert path.stat().st_nlink == 2
    db = open_db(path)
    assert path.stat().st_nlink == 1 and linked.read_bytes() == path.read_bytes()
    assert not os.path.samefile(linked, path)
    assert list_backups(path) == [linked]  # same bytes as the newest backup: no new one at open
    db.insert({"k": 2})
    db.close()
    assert linked.read_bytes() == b'{"_default": {"1": {"k": 1}}}'


def test_a_damaged_backup_under_its_final_name_never_comes_from_a_crash(tmp_path: Path, monkeypatch) -> None:
    """A backup is written to a temp name and renamed: a failure mid-copy leaves no backup."""
    path = tmp_path / "s.json"
    db = open_db(path, create=True, backup_every=2)
    before = list_backups(path)
    real_write = os.write

    def write(fd, data):
        real_write(fd, bytes(data[: len(data) // 2]))
        raise OSError(28, "No space left on device")

    db.insert({"k": 1})
    monkeypatch.setattr(os, "write", lambda fd, data: write(fd, data) if len(data) > 20 else real_write(fd, data))
    with pytest.raises(Exception):
        db.insert({"k": 2, "pad": "y" * 40})  # the store write itself fails: nothing is saved
    monkeypatch.undo()
    assert list_backups(path) == before
    assert not [p for p in tmp_path.rglob("*.tmp")]
    assert newest_good_backup(path) == before[0]
    db.close()
