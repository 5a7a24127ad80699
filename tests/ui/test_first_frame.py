"""The desk's first frame reaches the terminal before the work it defers (full order, index)."""

from __future__ import annotations

from bench.synth import make_store
from store.service import Service
from tui.screens.desk.desk_state import FIRST_SCREEN_ROWS, DeskState

from ..conftest import make_app, wait_for


async def test_full_order_and_search_index_wait_for_a_frame_on_the_terminal(tmp_path, monkeypatch):
    """Textual runs call_after_refresh callbacks without painting while it batches a screen's
    mount; the desk used to build its full order and index there, before anything was shown."""
    events: list[str] = []
    for name in ("index", "full_order"):
        original = getattr(DeskState, name)

        def traced(self, _original=original, _name=name):
            if _name not in events:
                events.append(_name)
            return _original(self)

        monkeypatch.setattr(DeskState, name, traced)
    store = make_store(tmp_path / "big.json", FIRST_SCREEN_ROWS * 2, 1)
    with Service.open(store) as service:
        app = make_app(service)
        display = app._display

        def shown(screen, update) -> None:
            display(screen, update)
            if update is not None and not app._batch_count and "frame" not in events:
                events.append("frame")  # what a terminal would have received

        app._display = shown
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, lambda: {"frame", "index", "full_order"} <= set(events))
    assert events[0] == "frame", events
