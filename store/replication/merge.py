"""One attendance from the store and every desk's journal: pure, the same on every laptop.

The main laptop's store holds the arrivals it recorded itself and those it has folded in from the
desks. Each desk journal holds that desk's own events, in its own order (`seq`), never edited.
The rule, applied the same way by every laptop to whatever it has received so far:

- A desk's journal is the truth about that desk: replayed in `seq` order, a check-in then an undo
  of the same person leaves nothing. The store's record of a check-in made at a desk that has a
  journal is therefore not counted on its own (it is that journal's event, folded).
- A check-in recorded in the store by a desk with no journal (the main laptop's own desk) counts
  as it is.
- A person checked in at several desks (a network split) is kept once: the earliest time wins;
  the others are kept beside it as `also`, so every laptop can say "cũng ghi ở Bàn 2 lúc 08:03".

Folding the result into the store and showing it again gives the same result: the rule is
idempotent, so the main laptop can fold as often as it likes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .desk_events import CHECK_IN, UNDO, DeskEvent


@dataclass(frozen=True)
class Arrival:
    """Where and when one person arrived, as every laptop shows it."""

    at: str
    desk: str
    #: the other desks that recorded the same person, (desk, at), earliest first
    also: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Merged:
    arrivals: dict[str, Arrival]
    #: events that name a person the store does not know (yet): the store has not arrived
    unknown: tuple[DeskEvent, ...] = field(default=())


def arrivals_of(delegates: Iterable[Any]) -> dict[str, tuple[str, str]]:
    """The check-ins a store holds, as `merge` takes them: code -> (at, desk)."""
    return {d.code: (d.checked_in_at, d.checkin_desk or "") for d in delegates if d.checked_in_at}


def desk_states(events_by_desk: Mapping[str, Iterable[DeskEvent]]) -> dict[str, dict[str, str]]:
    """Each desk's own check-ins after its events are replayed in order: desk -> code -> at."""
    states: dict[str, dict[str, str]] = {}
    for desk, events in events_by_desk.items():
        own: dict[str, str] = {}
        for event in sorted(events, key=lambda e: e.seq):
            if event.kind == CHECK_IN:
                own.setdefault(event.code, event.at)
            elif event.kind == UNDO:
                own.pop(event.code, None)
        states[desk] = own
    return states


def merge(store_arrivals: Mapping[str, tuple[str, str]], events_by_desk: Mapping[str, Iterable[DeskEvent]],
          known: Iterable[str] | None = None) -> Merged:
    """`store_arrivals`: code -> (at, desk) as the store holds them; `events_by_desk`: every desk
    journal read so far; `known`: the codes the store knows (None: all)."""
    states = desk_states(events_by_desk)
    candidates: dict[str, list[tuple[str, str]]] = {}
    for code, (at, desk) in store_arrivals.items():
        if desk not in states:
            candidates.setdefault(code, []).append((at, desk))
    for desk, own in states.items():
        for code, at in own.items():
            candidates.setdefault(code, []).append((at, desk))
    known_codes = None if known is None else set(known)
    arrivals: dict[str, Arrival] = {}
    unknown: list[DeskEvent] = []
    for code, seen in candidates.items():
        if known_codes is not None and code not in known_codes:
            continue
        seen.sort()
        (at, desk), rest = seen[0], seen[1:]
        arrivals[code] = Arrival(at, desk, tuple((d, a) for a, d in rest))
    if known_codes is not None:
        unknown = [e for events in events_by_desk.values() for e in events
                   if e.kind == CHECK_IN and e.code not in known_codes]
    return Merged(arrivals, tuple(unknown))


@dataclass(frozen=True)
class FoldStep:
    """One change the main laptop makes to its store so that it holds the merged attendance."""

    code: str
    #: the arrival to record, or None to take the store's check-in back
    arrival: Arrival | None


def fold_steps(store_arrivals: Mapping[str, tuple[str, str]], merged: Merged) -> list[FoldStep]:
    """What the store must change to hold `merged` (empty when it already does)."""
    steps = []
    for code, arrival in merged.arrivals.items():
        if store_arrivals.get(code) != (arrival.at, arrival.desk):
            steps.append(FoldStep(code, arrival))
    for code in store_arrivals.keys() - merged.arrivals.keys():
        steps.append(FoldStep(code, None))
    return sorted(steps, key=lambda s: s.code)
