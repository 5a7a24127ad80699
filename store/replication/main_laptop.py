"""The main laptop's side of several desks: the desks' events folded into the store, so that
exports, the ranking and the summary count everyone. The journals are only read, never edited.
"""

from __future__ import annotations

from typing import Any

from .merge import Merged, arrivals_of, fold_steps, merge
from .watch import DeskWatch


def merged_view(service: Any, watch: DeskWatch) -> Merged:
    return merge(arrivals_of(service.delegates.all()), watch.events_by_desk())


def fold_desks(service: Any, watch: DeskWatch) -> list[str]:
    """Fold what the desks' journals say into the store (one audited unit of work when
    anything differs); the codes changed. Run it after `watch.poll()` found new events."""
    arrivals = arrivals_of(service.delegates.all())
    return service.delegates.fold_arrivals(fold_steps(arrivals, merge(arrivals, watch.events_by_desk())))
