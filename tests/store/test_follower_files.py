"""The projector's follower: it never blocks on open (a FIFO put at the store's
path), says why it stopped following, resumes when the file is good again, and refuses agenda
values the agenda's rules refuse, as `check` does."""

from __future__ import annotations

import os
import shutil
import threading

import orjson
import pytest

from store.errors import StoreError
from store.follower import Follower
from tui.store_words import store_error_text

from ..conftest import SAMPLE


def poll_within(follower: Follower, seconds: float = 10.0):
    """follower.poll() in a thread: a poll that blocks (open() on a FIFO) fails the test."""
    result: dict = {}

    def run() -> None:
        try:
            result["view"] = follower.poll()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            result["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the follower blocked"
    if "error" in result:
        raise result["error"]
    return result["view"]


def test_a_fifo_at_the_store_path_never_blocks_and_says_why_then_it_resumes(sample_copy):
    follower = Follower(sample_copy, sleep=lambda s: None)
    first = poll_within(follower)
    assert first is not None
    good = sample_copy.read_bytes()
    sample_copy.unlink()
    os.mkfifo(sample_copy)
    assert poll_within(follower) is None and follower.view is first  # the last good view is kept
    assert follower.problem_error.code == "not_regular"
    assert store_error_text(follower.problem_error) == (
        f"{sample_copy} không phải tệp thường (ống dẫn FIFO); không đọc, không ghi gì")
    reads = follower.retried
    assert poll_within(follower) is None and follower.retried == reads  # not tried again unchanged
    sample_copy.unlink()
    sample_copy.write_bytes(good.replace("Chào cờ".encode(), "Chào cờ Tổ quốc".encode(), 1))
    view = poll_within(follower)
    assert view is not None and view.agenda.item("A01").title == "Chào cờ Tổ quốc"
    assert follower.problem == "" and follower.problem_error is None


def test_a_symlink_to_dev_zero_and_a_huge_file_are_refused_at_once(sample_copy, tmp_path):
    follower = Follower(sample_copy, sleep=lambda s: None)
    assert poll_within(follower) is not None
    sample_copy.unlink()
    sample_copy.symlink_to("/dev/zero")
    assert poll_within(follower) is None and follower.problem_error.code == "not_regular"
    sample_copy.unlink()
    with open(sample_copy, "wb") as handle:
        handle.truncate(2 * 1024 ** 3)
    assert poll_within(follower) is None and follower.problem_error.code == "too_large"
    sample_copy.unlink()
    shutil.copyfile(SAMPLE, sample_copy)
    assert poll_within(follower) is None and follower.problem == ""  # the same tables as shown


@pytest.mark.parametrize("field, value", [("duration_min", -5), ("planned_start", "99:99")])
def test_agenda_values_the_rules_refuse_are_never_shown(sample_copy, field, value):
    follower = Follower(sample_copy, sleep=lambda s: None, retries=1)
    first = poll_within(follower)
    raw = orjson.loads(sample_copy.read_bytes())
    doc = next(d for d in raw["agenda"].values() if d["code"] == "A01")
    doc[field] = value
    sample_copy.write_bytes(orjson.dumps(raw))
    assert poll_within(follower) is None and follower.view is first
    line = store_error_text(follower.problem_error)
    assert "A01" in line and field in line, line
    with pytest.raises(StoreError):  # nor at the start
        Follower(sample_copy, sleep=lambda s: None, retries=0).poll()
