"""Open skips checking bytes it has already checked: the file is exactly its newest checked backup."""

from __future__ import annotations

import shutil

import orjson
import pytest

from store.core.backups import list_backups
from store.errors import StoreShapeError
from store.service import Service


def test_reopening_what_this_program_saved_takes_it_without_checking_again(sample_copy):
    with Service.open(sample_copy) as service:
        assert not service._storage.opened_verified  # a new file: checked in full
        service.delegates.check_in(service.delegates.all()[0].code)
    newest = list_backups(sample_copy)[0]
    assert newest.name.endswith(".close-checked.json")
    assert newest.read_bytes() == sample_copy.read_bytes()
    with Service.open(sample_copy) as again:
        assert again._storage.opened_verified
        assert again.check() == []


def test_a_file_changed_since_its_checked_backup_is_checked_in_full(sample_copy):
    with Service.open(sample_copy) as service:
        code = service.delegates.all()[0].code
        service.delegates.check_in(code)
    raw = orjson.loads(sample_copy.read_bytes())
    next(iter(raw["delegates"].values()))["bloc"] = "martians"
    sample_copy.write_bytes(orjson.dumps(raw))
    with pytest.raises(StoreShapeError, match="martians"):
        Service.open(sample_copy)


def test_a_backup_not_made_by_this_check_is_not_trusted(sample_copy, tmp_path):
    """A backup an older version made (labelled "open") of a malformed file is no proof."""
    raw = orjson.loads(sample_copy.read_bytes())
    next(iter(raw["delegates"].values()))["bloc"] = "martians"
    sample_copy.write_bytes(orjson.dumps(raw))
    folder = tmp_path / f"{sample_copy.name}.backups"
    folder.mkdir()
    shutil.copyfile(sample_copy, folder / f"{sample_copy.stem}.20240101T000000000000Z.open.json")
    with pytest.raises(StoreShapeError, match="martians"):
        Service.open(sample_copy)
    shutil.copyfile(sample_copy, folder / f"{sample_copy.stem}.20240102T000000000000Z.auto.json")
    with pytest.raises(StoreShapeError, match="martians"):
        Service.open(sample_copy)


def test_a_store_opened_without_checks_never_labels_its_backups_checked(sample_copy):
    from store.core.opening import open_tinydb

    db = open_tinydb(sample_copy, backup_every=1)
    db.table("notes").insert({"x": 1})
    db.close()
    assert not any(p.name.endswith("-checked.json") for p in list_backups(sample_copy))
