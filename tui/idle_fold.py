"""Fold the store's journal into its file when the app is idle (`store.core.folding`).

Every check-in appends one record to the journal; the whole file is rewritten only when the
journal is folded: at close, after many records, and here, once no change has been written for
`IDLE_SECONDS`, in a thread worker (a fold at 100,000 delegates rewrites the whole file). The
timer reads only the storage's write counter (no lock) on the event loop.
"""

from __future__ import annotations

import time
from typing import Any, Callable

#: seconds without a write before the journal is folded
IDLE_SECONDS = 3.0
#: how often the timer looks
CHECK_SECONDS = 1.0


class IdleFold:
    """Decides when to fold: `tick()` from a timer; `start_fold()` runs the fold (a worker)."""

    def __init__(self, service: Any, start_fold: Callable[[], None],
                 clock: Callable[[], float] = time.monotonic, idle: float = IDLE_SECONDS) -> None:
        self.service = service
        self.start_fold = start_fold
        self.clock = clock
        self.idle = idle
        self.seen = self.folded = service.writes()
        self.changed_at = clock()

    def tick(self) -> bool:
        """Start a fold when something was written and nothing since `idle` seconds; True if it did."""
        writes = self.service.writes()
        now = self.clock()
        if writes != self.seen:
            self.seen, self.changed_at = writes, now
            return False
        if writes == self.folded or now - self.changed_at < self.idle:
            return False
        self.folded = writes
        self.start_fold()
        return True


def start(app: Any) -> IdleFold:
    """Fold the journal of `app.service` whenever the app is idle (one timer, one worker at a time)."""
    service = app.service

    def fold() -> None:
        app.run_worker(service.fold_journal, thread=True, group="fold", exclusive=True, exit_on_error=False)

    watcher = IdleFold(service, fold)
    app.set_interval(CHECK_SECONDS, watcher.tick)
    return watcher
