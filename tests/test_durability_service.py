"""SIGKILL during a stream of check-ins through the service: the store still passes `check`
and holds every acknowledged change."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.service import Service

from .conftest import ROOT, SAMPLE

CHILD = Path(__file__).with_name("service_child.py")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]


@pytest.mark.parametrize("trial", range(20))
def test_kill_during_check_ins_loses_nothing_acknowledged(trial, tmp_path):
    store = tmp_path / "store.json"
    shutil.copyfile(SAMPLE, store)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(CHILD), str(store)], stdout=subprocess.PIPE,
                             text=True, env=env)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    first = child.stdout.readline()  # the kill lands after at least one acknowledged change
    time.sleep(random.Random(trial).uniform(0.0, 0.3))  # ...at a random moment of the stream
    child.send_signal(signal.SIGKILL)
    lines = [first, *child.stdout.read().splitlines()]
    acks = [line.split() for line in lines if line.startswith("ack ")]
    child.wait()
    assert acks and acks[0][1] == "checkin", lines[:3]
    with Service.open(store) as service:
        assert service.check() == []
        delegates = {d.code: d for d in service.delegates.all()}
        for _, kind, code in acks:
            assert code in delegates, f"acknowledged {kind} of {code} lost"
            if kind == "checkin":
                assert delegates[code].checked_in_at is not None
        audited = {(e.action, e.target) for e in service.audit.entries()}
        for _, kind, code in acks:
            assert ("checkin" if kind == "checkin" else "delegate.add", code) in audited
