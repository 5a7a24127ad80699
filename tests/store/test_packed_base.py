"""A large store's committed bytes are kept compressed (store.core.folding.PackedBytes): every
use of them (roll back, back up, tell a touched file from a rewritten one) sees the same bytes."""

from __future__ import annotations

import pytest

from store.core import folding

from . import test_backups, test_other_writer, test_unit_of_work
from .test_other_writer import store  # noqa: F401 - the fixture of the tests taken from there


@pytest.fixture(autouse=True)
def packed_at_once(monkeypatch):
    """Every committed file packed, at once (no thread), so the packed bytes are what is read."""
    monkeypatch.setattr(folding, "PACK_ABOVE", 0)
    monkeypatch.setattr(folding, "pack_aside", lambda pack: pack())


def test_packed_bytes_give_back_what_was_packed():
    raw = b'{"delegates":{"1":{"code":"D1"}}}' * 1000
    packed = folding.PackedBytes(raw)
    assert packed._raw is None and packed._packed is not None and len(packed._packed) < len(raw)
    assert packed.bytes() == raw and packed.size == len(raw)


def test_the_journal_records_the_size_of_the_packed_file():
    committed = folding.Committed(b"{}" * 10, 0)
    assert committed.payload([], "t")["base"] == 20 and committed.base == b"{}" * 10


# the storage's uses of its committed bytes, run again with them packed
test_failed_write_rolls_back = test_unit_of_work.test_a_failed_write_leaves_index_caches_and_counter_as_before
test_another_program_is_caught = test_unit_of_work.test_another_program_writing_the_file_is_caught_and_reload_takes_its_version
test_in_place_overwrite_backed_up = test_backups.test_after_an_in_place_overwrite_the_newest_backup_is_at_most_n_writes_behind
test_close_backs_up = test_backups.test_closing_backs_up_what_was_written_since_the_last_backup
test_other_program_changed_the_file = test_other_writer.test_a_write_after_another_program_changed_the_file_saves_nothing
test_own_writes_are_ours = test_other_writer.test_own_writes_never_look_like_another_program
