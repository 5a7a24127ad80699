"""The main laptop's side of several desks: the desks' events folded into the store, so that
exports, the ranking and the summary count everyone. The journals are only read, never edited.
"""

from __future__ import annotations

from typing import Any

from .merge import Merged, fold_steps, merge
from .watch import DeskWatch


def store_arrivals(service: Any) -> dict[str, tuple[str, str]]:
    return {d.code: (d.checked_in_at, d.checkin_desk or "")
            for d in service.delegates.all() if d.checked_in_at}


def merged_view(service: Any, watch: DeskWatch) -> Merged:
    return merge(store_arrivals(service), watch.events_by_desk())


def fold_desks(service: Any, watch: DeskWatch) -> list[str]:
    """Fold what the desks' journals say into the store (one audited unit of work when
    anything differs); the codes changed. Run it after `watch.poll()` found new events."""
    arrivals = store_arrivals(service)
    return service.delegates.fold_arrivals(fold_steps(arrivals, merge(arrivals, watch.events_by_desk())))
