"""The conference and its member units."""

from __future__ import annotations

from dataclasses import dataclass

from .base import _Record


@dataclass(frozen=True)
class Conference(_Record):
    title: str
    cluster: str
    year: int
    date: str
    venue: str
    host_unit: str
    organizer: str = ""
    #: the cluster head (cụm trưởng) for the year: a member unit's code, "" when not chosen
    head_unit: str = ""


@dataclass(frozen=True)
class Unit(_Record):
    """A member unit of the cluster; `order` is the cluster's unit order (1 = first)."""

    code: str
    order: int
    full_name: str
    short_name: str

