"""Kills at each step of a journal append and of a fold: no acknowledged check-in lost, none
applied twice, and the power-loss states of an append (a torn record; a record written but never
synced, i.e. absent) open to the last acknowledged state."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from store.core.journal import read_records
from store.service import Service

from ..conftest import ROOT, SAMPLE

CHILD = ROOT / "tests" / "journal_child.py"
POINTS = ("append-half-written", "append-before-sync", "fold-temp-half-written", "fold-before-replace",
          "fold-after-replace")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _journal(store: Path) -> Path:
    return store.with_name(store.name + ".journal")


def _run_child(store: Path, point: str, after: int) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.run([sys.executable, str(CHILD), str(store), point, str(after)], capture_output=True,
                           text=True, env=env, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr
    lines = child.stdout.splitlines()
    assert lines[0] == "ready" and "survived" not in lines
    return [line.split()[1] for line in lines if line.startswith("ack ")]


def _assert_state(store: Path, acks: list[str]) -> Service:
    service = Service.open(store)
    assert service.check() == []
    for code in acks:
        assert service.delegates.get(code).checked_in_at is not None, f"acknowledged check-in of {code} lost"
    twice = [code for code, n in Counter(e.target for e in service.audit.entries() if e.action == "checkin").items()
             if n > 1]
    assert twice == [], "a journal record was applied twice"
    return service


@pytest.mark.parametrize("point", POINTS)
def test_kill_at_each_step_of_an_append_or_a_fold(point: str, tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    shutil.copyfile(SAMPLE, store)
    acks = _run_child(store, point, 6)
    # a fold comes after the 8th record (every 4): it dies inside the 8th check-in, after its append
    assert len(acks) == (6 if point.startswith("append") else 7)
    journal = _journal(store)
    left = journal.read_bytes() if journal.exists() else b""
    if point.startswith("append"):
        read = read_records(left)
        assert bool(read.torn) == (point == "append-half-written")
    service = _assert_state(store, acks)
    try:
        dying = [d for d in service.delegates.all() if d.checked_in_at is not None and d.code not in acks]
        # the dying check-in is there only once its record was whole in the journal
        assert len(dying) == (0 if point == "append-half-written" else 1)
        assert service._storage.journal_torn == (len(left) - read_records(left).good_size)
    finally:
        service.close()
    assert not journal.exists()  # open folded what it replayed, close removed the empty journal
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_power_loss_after_an_unsynced_append_opens_without_it(tmp_path: Path) -> None:
    """A record written but never synced may be absent after a power cut: the journal then ends
    before it (or inside it: a torn tail), and the store opens at the last acknowledged state."""
    store = tmp_path / "store.json"
    shutil.copyfile(SAMPLE, store)
    acks = _run_child(store, "append-before-sync", 3)
    journal = _journal(store)
    whole = journal.read_bytes()
    last = read_records(whole).records
    assert len(last) == 4  # three acknowledged, the fourth written and never synced
    for cut in (last[-2].end, last[-2].end + 7):  # absent, or partly on disk
        shutil.copyfile(store, tmp_path / "copy.json")
        _journal(tmp_path / "copy.json").write_bytes(whole[:cut])
        service = _assert_state(tmp_path / "copy.json", acks)
        try:
            assert sum(d.checked_in_at is not None for d in service.delegates.all()) == len(acks)
            assert service._storage.journal_torn == cut - last[-2].end
        finally:
            service.close()
        (tmp_path / "copy.json").unlink()
