"""Every key typed is handled, in the order typed.

Textual puts a key in the focused widget's queue as soon as it arrives; a key that widget does
not take (Enter, Tab, ↓, F-keys) climbs its parents back to the app, which only then runs the
binding. Keys typed ahead overtake it: the letters after an Enter are in the box before the Enter
is acted on ("vo hong hoa" Enter "phan van yen" Enter searched "vo hong hoaphan van yen"), those
after a Tab land in the field being left, those typed as a dialog opens reach the screen under it.

KeyOrder lets one key in at a time: a key goes to the focused widget (as Textual gives it) only
once the key before it has been handled all the way, taken by a widget or its binding run. A
marker (`KeyHandled`) follows each key along the same path and bubbles like it: when the marker
reaches the app, the key before it is done. A key also waits while the screen it would go to is
still being mounted and given its focus (a dialog just opened gets the keys typed after the key
that opened it). A
marker lost on the way (its widget closed under it) is given up after MARKER_TIMEOUT_S.
"""

from __future__ import annotations

import asyncio
from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App

#: a marker not back by then was lost with its widget: the next keys go on
MARKER_TIMEOUT_S = 0.5
#: frames a mounted screen is given to take the focus it asked for; a screen that never takes
#: one gets its keys all the same (keys are never held for good)
FOCUS_WAIT_FRAMES = 5


class KeyHandled(Message, bubble=True):
    """Follows key number `ticket` to the app: that key has been handled."""

    def __init__(self, ticket: int) -> None:
        super().__init__()
        self.ticket = ticket


class KeyOrder:
    """The app's typed keys, one at a time (see the module's doc). The app hands over each key
    from the terminal (`arrived`) and each marker that comes back (`handled`)."""

    def __init__(self, app: "App") -> None:
        self.app = app
        self.waiting: deque[events.Key] = deque()
        #: the ticket of the key on its way, or None when none is
        self.on_its_way: int | None = None
        self._tickets = 0
        self._given_up: asyncio.TimerHandle | None = None
        self._retry_planned = False
        self._focus_waits = 0

    async def arrived(self, key: events.Key) -> None:
        self.waiting.append(key)
        await self._next()

    async def handled(self, ticket: int) -> None:
        if ticket != self.on_its_way:
            return  # a marker already given up on
        self.on_its_way = None
        if self._given_up is not None:
            self._given_up.cancel()
            self._given_up = None
        await self._next()

    async def _next(self) -> None:
        while self.on_its_way is None and self.waiting:
            if not self._screen_ready():
                if not self._retry_planned:
                    self._retry_planned = True
                    self.app.call_after_refresh(self._retry)
                return
            key = self.waiting.popleft()
            self._focus_waits = 0
            self._tickets += 1
            self.on_its_way = ticket = self._tickets
            target = self.app.focused or self.app.screen
            await self.app.give_key(key)  # type: ignore[attr-defined]
            if self.on_its_way != ticket:
                continue  # handled already (a marker given up on was answered meanwhile)
            if target.post_message(KeyHandled(ticket)):
                self._given_up = asyncio.get_running_loop().call_later(
                    MARKER_TIMEOUT_S, self.app.post_message, KeyHandled(ticket))
            else:  # the widget closed as the key was handled: nothing left on the way
                self.on_its_way = None

    async def _retry(self) -> None:
        self._retry_planned = False
        self._focus_waits += 1
        await self._next()

    def _screen_ready(self) -> bool:
        try:
            screen = self.app.screen
        except Exception:  # noqa: BLE001 - no screen yet (starting) or none left (closing)
            return False
        if not screen.is_mounted:
            self._focus_waits = 0  # the frames to take the focus count from the mount
            return False
        # on_mount asks for the focus, which Textual gives a moment later
        return screen.focused is not None or self._focus_waits >= FOCUS_WAIT_FRAMES or not screen.focus_chain


class OrderedKeys:
    """Mixed into the App before App: keys from the terminal go in one at a time."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.key_order.arrived(event)
            return
        await super().on_event(event)  # type: ignore[misc]

    @property
    def key_order(self) -> KeyOrder:
        order = self.__dict__.get("_key_order")
        if order is None:
            order = self.__dict__["_key_order"] = KeyOrder(self)  # type: ignore[arg-type]
        return order

    async def give_key(self, key: events.Key) -> None:
        """Hand `key` on as Textual does (priority bindings, then the focused widget)."""
        await super().on_event(key)  # type: ignore[misc]

    async def on_key_handled(self, message: KeyHandled) -> None:
        message.stop()
        await self.key_order.handled(message.ticket)
