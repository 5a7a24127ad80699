"""A search among many candidates: the desk shows the first screenful of the answer at once and
the whole answer (the count, the rows below) a piece at a time after it; an Enter meanwhile acts
on the whole answer, on the row highlighted."""

from __future__ import annotations

import pytest

from bench.synth import make_store
from store import search_index
from store.service import Service
from tui.screens.desk import desk_state
from tui.screens.desk.desk_state import DeskState

from ..conftest import make_app, settle
from .test_desk_large import expected


@pytest.fixture
def imported(tmp_path, monkeypatch):
    """1,000 imported delegates; a search among more than 100 is answered in pieces of 64."""
    monkeypatch.setattr(desk_state, "BUILD_ASIDE_ABOVE", 100)
    monkeypatch.setattr(desk_state, "HEAD_ABOVE", 100)
    monkeypatch.setattr(search_index, "_PIECE", 64)
    service = Service.open(make_store(tmp_path / "imported.json", 1000, seed=5, imported=True), operator="test")
    yield service
    service.close()


def test_the_first_screenful_then_the_whole_answer_in_pieces(imported):
    state = DeskState(imported.conference.units())
    state.load(imported.delegates.all())
    state.make_ready()
    found, head = state.search("n", head=20)
    assert found is None and state.searching == "n"
    assert head == expected(imported, "n")[:20]
    *pieces, whole = state.finish_search()
    assert len(pieces) > 1 and all(piece is None for piece in pieces)
    assert whole[1] == expected(imported, "n") and state.searching is None
    # the next letter narrows the whole answer; a search typed meanwhile stops the one before
    state.search("ng", head=20)
    first = state.finish_search()
    next(first)
    state.search("ngu", head=20)
    assert list(first) == []
    assert list(state.finish_search())[-1][1] == expected(imported, "ngu")


async def test_keys_show_the_first_screenful_then_every_row_and_the_count(imported):
    app = make_app(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        listing = screen.query_one("#delegates")
        await pilot.press("n")
        everyone = expected(imported, "n")
        assert listing.codes == everyone[:len(listing.codes)] and len(listing.codes) >= 20
        await settle(pilot)
        assert listing.codes == everyone and screen.state.searching is None
        assert f"{len(everyone)}" in str(screen.query_one("#desk-mode").render())


async def test_enter_while_the_answer_is_coming_checks_in_its_highlighted_row(imported):
    app = make_app(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        target = next(code for code in expected(imported, "")
                      if len(screen.state.namesakes(code, expected(imported, ""))) == 1)
        name = imported.delegates.get(target).full_name
        screen.query_one("#search").value = name[:1]
        await pilot.pause()
        screen.state.search(name, head=20)  # as if the whole answer were still coming
        screen.typed = name
        assert screen.state.searching == name
        screen.take_line(name)
        assert screen.query_one("#delegates").codes == expected(imported, name)  # the whole answer, at once
        await settle(pilot)
        assert imported.delegates.get(target).checked_in_at is not None
