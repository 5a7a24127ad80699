"""The projector view follows a store that another process writes, read-only, without its lock:
the running item, the remaining time and its colours, the next item, the speaker's message, and
the ranking and signing pages."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

from textual.widgets import ContentSwitcher, DataTable, Digits

from store.service import Service
from tui.projector import ProjectorApp

from ..conftest import ROOT, wait_for
from .pilot import press

WRITER = textwrap.dedent("""
    import datetime as dt, sys
    sys.path.insert(0, sys.argv[2])
    from store.service import Service
    at = [dt.datetime(2024, 11, 30, 8, 0)]
    with Service.open(sys.argv[1], operator="writer", now=lambda: at[0]) as service:
        print("open", flush=True)
        for line in sys.stdin:
            step = line.strip()
            if step == "start":
                service.agenda.start("A01")
            elif step == "next":
                at[0] += dt.timedelta(minutes=6)
                service.agenda.start("A02")
            elif step == "message":
                service.agenda.set_message("[b]Xin mời kết thúc[/b]", blink=True)
            print(step, flush=True)
""")


def text_of(app, selector: str) -> str:
    return str(app.query_one(selector).render())


async def test_follows_another_process_while_it_holds_the_lock(sample_copy):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(sample_copy), str(ROOT)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    before = None
    try:
        assert writer.stdout.readline().strip() == "open"
        now = [dt.datetime(2024, 11, 30, 8, 3)]
        app = ProjectorApp(sample_copy, now=lambda: now[0], poll_s=0.05)

        def step(name: str) -> None:
            writer.stdin.write(name + "\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == name  # the write returned: durable

        async with app.run_test(size=(80, 24)) as pilot:
            assert "Chưa có mục nào" in text_of(app, "#pj-title")
            step("start")
            await wait_for(pilot, lambda: text_of(app, "#pj-title") == "Chào cờ")
            app.tick()
            assert app.query_one("#pj-remaining", Digits).value == "02:00"
            assert app.query_one("NowPage").has_class("-warning")
            assert "Tuyên bố lý do" in text_of(app, "#pj-next")
            step("next")
            now[0] = dt.datetime(2024, 11, 30, 8, 17, 30)  # 1:30 past A02's ten minutes
            await wait_for(pilot, lambda: text_of(app, "#pj-title").startswith("Tuyên bố"))
            app.tick()
            assert app.query_one("#pj-remaining", Digits).value == "+01:30"
            assert app.query_one("NowPage").has_class("-overtime") and "QUÁ GIỜ" in text_of(app, "#pj-label")
            step("message")
            await wait_for(pilot, lambda: "Xin mời" in text_of(app, "#pj-message"))
            assert text_of(app, "#pj-message") == "[b]Xin mời kết thúc[/b]"  # literally
            message = app.query_one("#pj-message")
            app._blink()
            assert message.has_class("-off")
            await press(pilot, "f7")
            assert app.query_one("#pages", ContentSwitcher).current == "ranking"
            assert app.query_one("#pj-ranking", DataTable).row_count == 14
            await press(pilot, "tab")
            assert app.query_one("#pages", ContentSwitcher).current == "signing"
            assert "0/14" in text_of(app, "#pj-signing-count")
            before = files_of(sample_copy)
        assert files_of(sample_copy) == before  # the projector wrote nothing (the writer still runs)
    finally:
        writer.stdin.close()
        writer.wait(timeout=20)
    assert writer.returncode == 0


def files_of(store):
    """The store's file and journal, as bytes."""
    journal = store.with_name(store.name + ".journal")
    return store.read_bytes(), journal.read_bytes() if journal.exists() else b""


async def test_the_projector_never_takes_the_lock(sample_copy):
    app = ProjectorApp(sample_copy, now=lambda: dt.datetime(2024, 11, 30, 7, 50))
    async with app.run_test(size=(80, 24)):
        with Service.open(sample_copy) as service:  # the app can still open it meanwhile
            assert service.agenda.items()
        assert "Bắt đầu lúc 08:00" in text_of(app, "#pj-label")


async def test_the_pages_read_only_the_tables_the_follower_keeps(sample_copy, monkeypatch):
    """The follower keeps only store.follower.SHOWN (not 10,000 delegates): every page must draw
    from those tables alone, or it would show an empty table as if it were the store's."""
    from store.follower import SHOWN
    from store.unit_of_work import Records

    with Service.open(sample_copy, operator="Lan") as service:
        service.agenda.start("A01")
        code = service.conference.units()[0].code
        service.covenant.sign(code, signer="Nguyễn Văn A", position="Trưởng Ban")
    read: set[str] = set()
    real = Records.objects

    def objects(self, name):
        read.add(name)
        return real(self, name)

    monkeypatch.setattr(Records, "objects", objects)
    app = ProjectorApp(sample_copy, now=lambda: dt.datetime(2024, 11, 30, 8, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        for page in ("f7", "f8", "f6"):
            await press(pilot, page)
        assert app.query_one("#pj-ranking", DataTable).row_count == 14
        assert "1/14" in text_of(app, "#pj-signing-count")
    assert read and read <= set(SHOWN), read - set(SHOWN)


def test_a_failing_ranking_is_not_blanked_silently():
    """The ranking page once caught any error of the scorecards' ranking and fell back to an
    empty list: a bug would have shown an empty ranking on the projector."""
    import types

    import pytest

    from store.models.scoring import ScoringConfig
    from tui.projector.pages import ranking_of

    def broken():
        raise RuntimeError("a bug in the ranking")

    empty = lambda: ()  # noqa: E731
    view = types.SimpleNamespace(
        scoring=types.SimpleNamespace(ranking=broken, scores=empty, indicators=empty, config=ScoringConfig),
        conference=types.SimpleNamespace(units=empty))
    with pytest.raises(RuntimeError, match="a bug in the ranking"):
        ranking_of(view)
