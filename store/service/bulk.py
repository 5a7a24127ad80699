"""Bulk work a screen does with what the store handed it (the desk's tables of 100,000
delegates), without the cyclic garbage collector walking it again and again: the same pause the
store's imports take (`store/io/bulk.py`)."""

from ..io.bulk import paused_gc

__all__ = ["paused_gc"]
