"""Callables to call, in the order they were added, each time one thing happens (the storage's
memory changed): the store's one way of letting others hear of an event (the UI's is Textual's
Signal; the store does not import textual)."""

from __future__ import annotations

import logging
from typing import Callable

Hook = Callable[[], None]


class Hooks:
    """`add(hook)`, then `call()` each time. A hook that raises is logged and the rest still run
    (the caller may be raising an error of its own that a hook must not hide)."""

    def __init__(self, log: logging.Logger) -> None:
        self._log = log
        self._hooks: list[Hook] = []

    def add(self, hook: Hook) -> None:
        self._hooks.append(hook)

    def call(self) -> None:
        for hook in list(self._hooks):
            try:
                hook()
            except Exception:  # noqa: BLE001 - logged; see the class
                self._log.exception("hook %r failed", hook)
