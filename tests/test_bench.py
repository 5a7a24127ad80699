"""The benchmarks' own measuring parts, so the figures in the README stay trustworthy."""

from __future__ import annotations

import asyncio

import pytest

from bench.run_ui import desk_shows, launch
from bench.screens import BARE_SHOWS, SETTLE, BareApp, FrameLog, bare_ready, desk_ready, wait_until

from .conftest import make_app


async def test_frame_log_finds_when_the_whole_first_screen_was_shown():
    app = BareApp()
    frames = FrameLog(app)
    async with app.run_test(size=(120, 40)):
        await wait_until(lambda: bare_ready(app))
        await asyncio.sleep(SETTLE)
    complete = frames.first_complete(BARE_SHOWS)
    assert frames.frames[0][0] <= complete <= frames.frames[-1][0]
    with pytest.raises(AssertionError, match="never on screen"):
        frames.first_complete(("text no frame ever held",))


async def test_desk_launch_is_timed_to_its_complete_first_screen(service):
    shows = desk_shows(service)
    assert "Họ và tên" in shows and "Trợ giúp" in shows
    seconds = await launch(lambda: make_app(service, panel="delegates", lang="vi"), desk_ready, shows)
    assert 0 < seconds < 30
