"""The projector says why it stopped following (a FIFO at the store's path), in Vietnamese, while
its clock runs, and follows again once the file is good."""

from __future__ import annotations

import datetime as dt
import os

from tui.projector import ProjectorApp

from ..conftest import wait_for


def text_of(app, selector: str) -> str:
    return str(app.query_one(selector).render())


async def test_the_projector_says_why_it_stopped_following_and_resumes(sample_copy):
    app = ProjectorApp(sample_copy, now=lambda: dt.datetime(2024, 11, 30, 7, 50), poll_s=0.02)
    good = sample_copy.read_bytes()
    async with app.run_test(size=(80, 24)) as pilot:
        assert text_of(app, "#projector-problem") == ""
        sample_copy.unlink()
        os.mkfifo(sample_copy)
        await wait_for(pilot, lambda: "ống dẫn FIFO" in text_of(app, "#projector-problem"))
        assert text_of(app, "#projector-problem") == (
            f"Chưa đọc được bản mới nhất của tệp: {sample_copy} không phải tệp thường (ống dẫn FIFO); "
            "không đọc, không ghi gì")
        assert "Bắt đầu lúc 08:00" in text_of(app, "#pj-label")  # the last good view stays
        sample_copy.unlink()
        sample_copy.write_bytes(good.replace(b'"planned_start":"08:00"', b'"planned_start":"08:10"', 1)
                                if b'"planned_start":"08:00"' in good
                                else good.replace(b'"planned_start": "08:00"', b'"planned_start": "08:10"', 1))
        await wait_for(pilot, lambda: text_of(app, "#projector-problem") == "")
        await wait_for(pilot, lambda: "Bắt đầu lúc 08:10" in text_of(app, "#pj-label"))
