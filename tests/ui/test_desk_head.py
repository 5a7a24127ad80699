"""A search among many candidates: the desk shows the first screenful of the answer at once and
the whole answer (the count, the rows below) a piece at a time after it; an Enter meanwhile acts
on the whole answer, on the row highlighted."""

from __future__ import annotations

import pytest

from bench.synth import make_store
from store.models import search_index
from store.service import Service
from tui.screens.desk import desk_state
from tui.screens.desk import screen as desk_screen
from tui.screens.desk.desk_state import DeskState

from ..conftest import make_app, settle, wait_for
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
    # fewer than a screenful: the head was the whole answer, and the next letter narrows it
    state.search("", head=20)
    name = imported.delegates.get(expected(imported, "")[0]).full_name
    found, shown = state.search(name, head=20)
    assert state.searching is None and shown == expected(imported, name) and 0 < len(found) < 20
    assert state.search(name + "x", head=20) == ([], [])


async def test_keys_show_the_first_screenful_then_every_row_and_the_count(imported):
    app = make_app(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        listing = screen.query_one("#delegates")
        await pilot.press("n")
        everyone = expected(imported, "n")
        assert listing.codes == everyone[:len(listing.codes)] and len(listing.codes) >= 20
        await wait_for(pilot, lambda: screen.state.searching is None)
        assert listing.codes == everyone
        assert f"{len(everyone)}" in str(screen.query_one("#desk-mode").render())


async def test_enter_while_the_answer_is_coming_checks_in_its_highlighted_row(imported):
    app = make_app(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        line, target = next((letter, answer[0]) for letter in "nlthvmdabc"
                            if len(answer := expected(imported, letter)) > 100
                            and len(screen.state.namesakes(answer[0], answer)) == 1)
        screen.query_one("#search").value = line
        await pilot.pause()
        screen.state.search(line, head=20)  # as if the whole answer were still coming
        assert screen.state.searching == line
        screen.take_line(line)
        assert screen.query_one("#delegates").codes == expected(imported, line)  # the whole answer, at once
        await settle(pilot)
        assert imported.delegates.get(target).checked_in_at is not None


async def test_a_namesake_question_asked_meanwhile_stays_on_screen(imported, monkeypatch):
    monkeypatch.setattr(desk_screen, "FINISH_AFTER_S", 60.0)  # the rest is looked for below, by hand
    app = make_app(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        listing = screen.query_one("#delegates")
        await pilot.press("n")
        assert screen.state.searching == "n"
        codes = listing.codes[:2]
        screen.questions.ask("n", codes, codes[0])
        screen.show_question()
        screen._start_finishing("n")  # what the timer does once the keys pause
        await settle(pilot)
        assert listing.codes == codes and screen.question_shown
