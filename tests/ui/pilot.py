"""Pilot helpers that wait for what the app has to do, not for the process to look idle.

Pilot's own `press` waits until the process looks idle twice per key, and `pause()` once: at
least 20 ms each, longer while anything in the process runs (the old `settle` waited four times;
a scenario spent most of its time asleep there). These hand each key to the app and let it handle
what is queued without sleeping, wait for the store's workers to answer, and then wait for idle
once, for the timers and after-refresh callbacks.

Tests that check typing itself (bursts, a second Enter while saving) keep `pilot.press`.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.keys import key_to_character
from textual.widgets import Input

from tui.textual_internals import character_to_key

#: rounds of "handle what is queued": a key travels app -> focused widget -> its parents
DRAIN_ROUNDS = 3
#: a store call still running after this is one the test holds back on purpose
WORKER_TIMEOUT_S = 8.0


def key_event(key: str) -> events.Key:
    """The event a terminal sends for `key` ("enter", "ctrl+n", or one character)."""
    if len(key) == 1:
        return events.Key(key if key.isalnum() else character_to_key(key), key)
    return events.Key(key, key_to_character(key))


async def drain(pilot) -> None:
    """Every message queued by now, and those they queue in turn, handled (no sleep)."""
    for _ in range(DRAIN_ROUNDS):
        await pilot._wait_for_screen()


async def answered(pilot) -> None:
    """Until every store call has answered, a frame has been drawn and what they queued is
    handled (no sleep): a person's next key comes after the screen has shown the last one."""
    app = pilot.app
    while True:
        await drain(pilot)
        running = [worker for worker in app.workers if not worker.is_finished]
        if running:
            await _wait_for(app, running)
            continue
        await pilot.pause(0)  # a frame: what waits for the next refresh runs now
        await drain(pilot)
        if all(worker.is_finished for worker in app.workers):
            return


async def _wait_for(app, workers) -> None:
    try:
        await asyncio.wait_for(app.workers.wait_for_complete(workers), WORKER_TIMEOUT_S)
    except asyncio.TimeoutError:
        raise AssertionError(
            f"a store call still runs after {WORKER_TIMEOUT_S:.0f} s ({', '.join(w.name for w in workers)}):"
            " keys that must arrive while it runs are pressed with pilot.press") from None


async def settle(pilot) -> None:
    """Until every store call has answered and its messages have been shown: one idle wait."""
    await answered(pilot)
    await pilot.pause()


async def press(pilot, *keys: str) -> None:
    """Press `keys` one after the other, each answered before the next, then settle once."""
    app = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
        await answered(pilot)
    await pilot.pause()


async def fill(pilot, value: str, selector: str | None = None) -> None:
    """Put `value` in the input `selector` (or the focused one) as if typed, then settle: for
    tests whose point is not the typing."""
    await drain(pilot)  # a focus() asked for by now has happened
    screen = pilot.app.screen
    box = screen.query_one(selector, Input) if selector else screen.focused
    assert isinstance(box, Input), f"no input to fill: {box!r} has the focus"
    box.focus()
    box.value = value
    box.cursor_position = len(value)
    await settle(pilot)


def snapshot_keys(*pressed: str, then=None):
    """A snapshot's `run_before`: settled, `pressed`, `then(pilot)`, settled, cursors still."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await press(pilot, *pressed)
        if then is not None:
            await then(pilot)
            await settle(pilot)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False

    return run_before
