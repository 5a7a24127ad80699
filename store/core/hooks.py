"""Callables to call, in the order they were added, each time one thing happens (a commit,
memory restored): the store's one way of letting others hear of an event (the UI's is Textual's
Signal; the store does not import textual)."""

from __future__ import annotations

import logging
from typing import Callable

Hook = Callable[[], None]


class Hooks:
    """`add(hook)`, then `call()` each time. With `log`, a hook that raises is logged and the rest
    still run (the caller may be raising an error of its own that a hook must not hide); without,
    the first that raises stops the call."""

    def __init__(self, log: logging.Logger | None = None) -> None:
        self._log = log
        self._hooks: list[Hook] = []

    def add(self, hook: Hook) -> None:
        self._hooks.append(hook)

    def call(self) -> None:
        for hook in list(self._hooks):
            if self._log is None:
                hook()
                continue
            try:
                hook()
            except Exception:  # noqa: BLE001 - logged; see the class
                self._log.exception("hook %r failed", hook)
