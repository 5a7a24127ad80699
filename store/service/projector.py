"""The projector's side of the facade: a store followed read-only while the app that runs the day
writes it (no lock, nothing written); each poll gives a new `StoreView` when what the projector
shows changed (store/follower.py does the reading)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Callable

from ..follower import Follower, StoreView

#: Follower (what `follow` gives) and StoreView (what its poll gives) are offered as types
__all__ = ["Follower", "StoreView", "follow"]


def follow(path: str | os.PathLike, *, now: Callable[[], dt.datetime] | None = None) -> Follower:
    """Follow the store at `path`: `poll()` gives a new view, or None when nothing shown changed."""
    return Follower(path, now=now)
