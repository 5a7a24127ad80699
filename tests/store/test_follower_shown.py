"""The follower checks only the tables the projector shows, as open checks them, and skips
work the projector does not need: a delegate with a bad shape does not stop it; a broken
agenda is never shown as good; a check-in at the desk gives no new view."""

from __future__ import annotations

import json

import orjson
import pytest

from store.errors import StoreError
from store.follower import SHOWN, Follower, decode_shown, written_by_this_app
from store.service import Service


def rewrite(path, change) -> None:
    """Change the parsed file with `change(data)` and write it back as the app writes it
    (compact orjson, replaced whole)."""
    data = orjson.loads(path.read_bytes())
    change(data)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(orjson.dumps(data))
    tmp.replace(path)


def test_a_delegate_with_a_bad_shape_does_not_stop_the_projector(sample_copy):
    def break_a_delegate(data):
        first = next(iter(data["delegates"].values()))
        first["guest"] = "có"  # open would refuse the file: guest is true/false
        data["agenda"]["1"]["title"] = "Chào cờ (đã sửa)"

    rewrite(sample_copy, break_a_delegate)
    with pytest.raises(StoreError):  # open refuses it ...
        Service.open(sample_copy).close()
    view = Follower(sample_copy).poll()  # ... the projector, which never shows delegates, does not
    assert view.agenda.item("A01").title == "Chào cờ (đã sửa)" and "delegates" not in view.data


@pytest.mark.parametrize("table,breaking", [
    ("agenda", lambda t: t["1"].update(duration_min="năm")),
    ("agenda", lambda t: t.update({"99": t["1"]})),  # two items with one code
    ("agenda_run", lambda t: t.update({"1": {"message": 5}})),
    ("units", lambda t: t["1"].update(code=None)),
    ("scores", lambda t: t["1"].update(unit_code=[])),
])
def test_a_broken_shown_table_is_never_shown_and_the_last_good_view_is_kept(sample_copy, table, breaking):
    follower = Follower(sample_copy, sleep=lambda s: None, retries=2)
    good = follower.poll()

    def change(data):
        data.setdefault(table, {}).setdefault("1", {})
        breaking(data[table])

    rewrite(sample_copy, change)
    assert follower.poll() is None and follower.view is good
    assert table in follower.problem and follower.retried == 2
    with pytest.raises(StoreError):
        Follower(sample_copy, retries=0).poll()  # never shown, even as a first view


def test_a_key_written_twice_in_a_shown_table_is_refused(sample_copy):
    raw = orjson.dumps(orjson.loads(sample_copy.read_bytes()))
    item = b'"title":"Ch\xc3\xa0o c\xe1\xbb\x9d"'
    assert raw.count(item) == 1
    twice = raw.replace(item, b'"title":"X",' + item)  # orjson keeps the last; open refuses it
    with pytest.raises(ValueError, match="repeats keys"):
        decode_shown(twice)
    table_twice = raw[:-1] + b',"agenda":' + orjson.dumps(orjson.loads(raw)["agenda"]) + b"}"
    assert not written_by_this_app(table_twice, orjson.loads(table_twice))
    with pytest.raises(ValueError, match="repeats keys"):
        decode_shown(table_twice)


def test_the_app_s_own_files_are_recognized_without_serializing_the_large_tables(sample_copy):
    with Service.open(sample_copy, operator="Lan") as service:
        service.agenda.start("A01")  # the app writes the file: compact orjson
    raw = sample_copy.read_bytes()
    data = orjson.loads(raw)
    assert written_by_this_app(raw, data)
    indented = json.dumps(data, ensure_ascii=False, indent=1).encode()
    assert not written_by_this_app(indented, data)  # checked in full instead, and accepted
    assert decode_shown(indented).keys() == decode_shown(raw).keys()
    # the bytes of the tables not shown are skipped, not serialized again; those shown are compared
    assert written_by_this_app(raw, dict(data, delegates={}))
    assert not written_by_this_app(raw, dict(data, agenda={}))


def test_a_change_the_projector_does_not_show_gives_no_new_view(sample_copy):
    follower = Follower(sample_copy)
    with Service.open(sample_copy, operator="Lan") as service:
        first = follower.poll()
        service.delegates.check_in("D0001")  # the desk: delegates and the audit log change
        assert follower.poll() is None and follower.reads == 2 and follower.view is first
        assert follower.poll() is None and follower.reads == 2  # the file is not read again
        service.agenda.start("A01")
        view = follower.poll()
    assert view is not first and view.agenda.item("A01").status.value == "running"
    assert view.last_seq() == 2  # the audit log's newest entry is kept, not the log
    assert set(view.data) <= {*SHOWN, "meta", "audit"} and len(view.data["audit"]) == 1
