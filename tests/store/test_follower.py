"""The read-only follower: no lock, sees each durable change of another process, never a
half-written file, never writes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest

from store.errors import StoreError
from store.follower import Follower, ReadOnlyError
from store.service import Service

from ..conftest import ROOT


def test_follows_the_store_while_the_app_holds_its_lock(sample_copy):
    follower = Follower(sample_copy)
    with Service.open(sample_copy, operator="Lan") as service:  # the lock is held
        view = follower.poll()
        assert view is not None and view.agenda.timing().next.code == "A01"
        assert follower.poll() is None  # nothing changed
        service.agenda.start("A01")
        view = follower.poll()
        assert view.agenda.item("A01").status.value == "running"
        with pytest.raises(ReadOnlyError):
            view.agenda.finish()
    before = sample_copy.read_bytes()
    Follower(sample_copy).poll()
    assert sample_copy.read_bytes() == before


def test_a_half_written_file_is_retried_and_the_last_good_view_kept(sample_copy):
    good = sample_copy.read_bytes()
    follower = Follower(sample_copy, sleep=lambda s: None, retries=3)
    first = follower.poll()
    with open(sample_copy, "r+b") as handle:  # another program writing in place, caught half-way
        handle.truncate(len(good) // 2)
    assert follower.poll() is None and follower.problem and follower.retried == 3
    assert follower.view is first
    sample_copy.write_bytes(good.replace(b"Ch\xc3\xa0o c\xe1\xbb\x9d", b"Ch\xc3\xa0o c\xe1\xbb\x9d Qu\xe1\xbb\x91c k\xe1\xbb\xb3"))
    view = follower.poll()
    assert view is not first and view.agenda.item("A01").title == "Chào cờ Quốc kỳ" and not follower.problem


def test_a_file_open_would_refuse_is_never_shown(sample_copy):
    raw = sample_copy.read_bytes().replace(b'"duration_min": 5,', b'"duration_min": "5",', 1)
    assert raw != sample_copy.read_bytes()
    sample_copy.write_bytes(raw)
    with pytest.raises(StoreError):
        Follower(sample_copy, sleep=lambda s: None, retries=1).poll()


def test_a_read_that_catches_the_file_being_replaced_is_tried_again(sample_copy, monkeypatch):
    from store import follower as module

    real = module.read_store
    calls = []

    def flaky(path):
        calls.append(path)
        if len(calls) == 1:
            raise module.TornRead("changed while read")
        if len(calls) == 2:
            raise FileNotFoundError(2, "No such file", str(path))
        return real(path)

    monkeypatch.setattr(module, "read_store", flaky)
    follower = Follower(sample_copy, sleep=lambda s: None)
    assert follower.poll() is not None and len(calls) == 3 and follower.retried == 2


WRITER = textwrap.dedent("""
    import datetime as dt, sys, time
    sys.path.insert(0, sys.argv[2])
    from store.service import Service
    at = [dt.datetime(2024, 11, 30, 8, 0)]
    with Service.open(sys.argv[1], operator="writer", now=lambda: at[0]) as service:
        print("open", flush=True)
        for code in ("A01", "A02", "A03", "A04", "A05"):
            sys.stdin.readline()
            at[0] += dt.timedelta(minutes=5)
            service.agenda.start(code)
            print(code, flush=True)
""")


def test_follows_a_store_another_process_writes(sample_copy):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(sample_copy), str(ROOT)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        follower = Follower(sample_copy, now=lambda: dt.datetime(2024, 11, 30, 8, 30))
        follower.poll()
        for code in ("A01", "A02", "A03", "A04", "A05"):
            writer.stdin.write("\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == code  # durable: the write returned
            view = follower.poll()
            assert view is not None and view.agenda.timing().running.code == code
    finally:
        writer.stdin.close()
        writer.wait(timeout=20)
    assert writer.returncode == 0
