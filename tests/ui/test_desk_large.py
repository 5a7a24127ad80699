"""The desk on a large imported list (ranks tie, no dates): the whole order and the search index
built in a thread after the first paint; and a desk that never waits for a writer's lock."""

from __future__ import annotations

import threading

import pytest

from bench.synth import make_delegates, make_store
from store.models import roster
from store.service import Service
from tui.screens.desk import desk_state

from ..conftest import make_app, settle


@pytest.fixture
def imported(tmp_path, monkeypatch):
    """1,000 imported delegates; the desk treats more than 100 as a large list."""
    monkeypatch.setattr(desk_state, "BUILD_ASIDE_ABOVE", 100)
    service = Service.open(make_store(tmp_path / "imported.json", 1000, seed=5, imported=True), operator="test")
    yield service
    service.close()


def expected(service, query: str) -> list[str]:
    delegates, units = service.delegates.all(), service.conference.units()
    index = roster.SearchIndex(delegates, units)
    ordered = roster.codes_of(roster.sort_delegates(delegates, "protocol", units))
    return index.best_first(query, index.search(query, ordered)) if query else ordered


def test_tied_ranks_first_screen_and_pieces_sort_as_the_whole_sort():
    units = ()  # no member unit: everyone ties on the unit order too
    delegates = make_delegates(3000, 9, [{"code": "U1", "full_name": "Ban Tổ chức"}], imported=True)
    for order in roster.ORDERS:
        whole = roster.sort_delegates(delegates, order, units)
        assert roster.first_in_order(delegates, order, units, 200) == whole[:200]
        assert roster.sort_in_pieces(delegates, order, units, piece=128) == whole


async def test_large_list_orders_and_indexes_after_the_first_paint(imported):
    app = make_app(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = app.screen.query_one("#delegates")
        everyone = expected(imported, "")
        assert listing.codes == everyone[:desk_state.FIRST_SCREEN_ROWS]
        await settle(pilot)
        assert app.screen.state.ready
        assert listing.codes == everyone
        await pilot.press(*"nguyen van")
        assert listing.codes == expected(imported, "nguyen van")


async def test_keys_typed_before_the_order_is_built_are_answered_when_it_is(imported):
    app = make_app(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        listing = screen.query_one("#delegates")
        screen.state.reset_order()  # as if the thread were still building
        await pilot.press(*"tran")
        await settle(pilot)
        assert screen.state.ready
        assert listing.codes == expected(imported, "tran")


async def test_enter_before_the_order_is_built_checks_in_the_line_typed(imported):
    target = imported.delegates.get(expected(imported, "")[600])
    app = make_app(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        screen.state.reset_order()
        screen.query_one("#search").value = target.code  # a scanned or typed code
        await pilot.press("enter")
        await settle(pilot)
        assert imported.delegates.get(target.code).checked_in_at is not None


async def test_desk_answers_keys_while_a_writer_holds_the_lock(service):
    """An import or purge holds the store's one lock for seconds: the desk opened meanwhile
    reads the records' snapshot and filters as letters are typed, without waiting."""
    service.delegates.all()  # the snapshot exists once the store has been read
    taken, release = threading.Event(), threading.Event()

    def writer() -> None:
        with service._session.lock:
            taken.set()
            release.wait(2.0)

    holder = threading.Thread(target=writer)
    app = make_app(service, panel="agenda")
    async with app.run_test(size=(120, 40)) as pilot:
        holder.start()
        taken.wait()
        try:
            app.switch_mode("delegates")
            await pilot.pause()
            await pilot.press(*"nguyen")
            await pilot.pause()
            listing = app.screen.query_one("#delegates")
            assert holder.is_alive(), "the desk waited for the writer"
            assert listing.codes == expected(service, "nguyen")
        finally:
            release.set()
            holder.join()


async def test_palette_finder_uses_the_desk_index(imported):
    from tui.commands import DelegateFinder

    app = make_app(imported)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        index = app.screen.state.index()
        finder = DelegateFinder(app.screen)
        await finder.startup()
        assert finder._index is index
        hits = [hit async for hit in finder.search("nguyen van")]
        assert hits
