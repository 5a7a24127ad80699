"""The records' snapshot: what a reader holds never changes under it; a commit swaps in a new one."""

from __future__ import annotations

from store.snapshot import Snapshot


def test_updated_leaves_the_old_snapshot_as_it_was():
    old = Snapshot({"a": 1, "b": 2, "c": 3})
    new = old.updated({"b": 20, "c": None, "d": 4})
    assert dict(old) == {"a": 1, "b": 2, "c": 3} and len(old) == 3
    assert dict(new) == {"a": 1, "b": 20, "d": 4} and len(new) == 3
    assert list(new) == ["a", "b", "d"]  # the order a dict changed the same way keeps
    assert "c" not in new and new.get("c") is None and new["d"] == 4
    again = new.updated({"c": 30})
    assert list(again.items()) == [("a", 1), ("b", 20), ("d", 4), ("c", 30)]


def test_many_changes_fold_into_a_new_dict():
    base = {str(i): i for i in range(10)}
    snapshot = Snapshot(base)
    for i in range(100):
        snapshot = snapshot.updated({str(i): -i})
    assert dict(snapshot) == {str(i): -i for i in range(100)}
    assert base == {str(i): i for i in range(10)}


def test_a_reader_keeps_its_snapshot_through_a_commit(service):
    before = service._session.records.objects("delegates")
    code = next(iter(before))
    service.delegates.check_in(code)
    assert before[code].checked_in_at is None
    assert service.delegates.get(code).checked_in_at is not None
    assert service._session.records.objects("delegates") is not before
