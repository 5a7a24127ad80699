"""The store's delegates an imported list may name again: by code, and by name, where from and
position, for an import's plan (store/io/importer.py).

Only the delegates whose given name ends as a name of the list does are indexed by name (a few
rows into 100,000 people index a few): asked of the session's index (`given_words.GivenWords`,
kept up to date by the commits), or, given the delegates themselves, by a cached test of each
given name's last word. `claimed` holds the delegates a row has matched already (a second row
naming one is a duplicate).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Mapping

from ..models import Delegate
from wording.text import fold as _fold_text
from .given_words import GivenWords, last_word

fold = lru_cache(maxsize=65_536)(_fold_text)  # names, positions and units repeat in a list


def where_from(values: Mapping[str, Any]) -> str | None:
    """Where a delegate comes from: the member unit, else the folded organization."""
    if values.get("unit_code"):
        return "unit:" + values["unit_code"]
    if values.get("organization"):
        return "org:" + fold(values["organization"])
    return None


class StoreMatches:
    def __init__(self, delegates: Iterable[Delegate] | GivenWords) -> None:
        self.given_words = delegates if isinstance(delegates, GivenWords) else None
        self.by_code: Mapping[str, Delegate] = {} if self.given_words else {d.code: d for d in delegates}  # type: ignore[union-attr]
        self.by_name: dict[str, list[Delegate]] = {}
        self.by_person: dict[tuple[str, str | None], list[Delegate]] = {}
        self.by_position: dict[tuple[str, str | None, str], list[Delegate]] = {}
        self.claimed: dict[str, int] = {}  # existing delegate's code -> row that matched it

    def index(self, names: list[str]) -> None:
        """Index the delegates the rows with these full names may name again."""
        if self.given_words is not None:
            if len(self.given_words) <= len(names):  # as many as the rows: all, without asking
                self.by_code, _found = self.given_words.delegates(())
                self._index(self.by_code.values())
                return
            wanted = {last_word(name) for name in names}
            self.by_code, found = self.given_words.delegates(wanted | {""})
            self._index(self.by_code.values() if "" in wanted else found)  # "": a name without letters
            return
        every = len(self.by_code) <= len(names)  # a list as long as the store: all, no test
        wanted = set() if every else {last_word(name) for name in names}
        every = every or "" in wanted
        taken: dict[str, bool] = {}  # given name -> indexed (100,000 people: a few thousand given names)
        chosen = []
        for d in self.by_code.values():
            indexed = taken.get(d.given)
            if indexed is None:
                key = last_word(d.given)
                indexed = taken[d.given] = every or not key or key in wanted
            if indexed:
                chosen.append(d)
        self._index(chosen)

    def _index(self, delegates: Iterable[Delegate]) -> None:
        for d in delegates:
            name, where = fold(d.full_name), where_from({"unit_code": d.unit_code, "organization": d.organization})
            self.by_name.setdefault(name, []).append(d)
            self.by_person.setdefault((name, where), []).append(d)
            self.by_position.setdefault((name, where, fold(d.position or "")), []).append(d)

    def by_name_of(self, person: tuple[str, str | None], position: str, birth: str | None) -> list[Delegate]:
        """The unclaimed delegates a row may name: `person` is (folded full name, where from);
        namesakes narrowed by the folded position, then by the birth date (ISO)."""
        folded, key = person
        pool = self.by_name.get(folded, []) if key is None else self.by_person.get((folded, key), [])
        candidates: list[Delegate] = []
        if len(pool) > 1 and position:  # namesakes: the same position first (an index, not a search)
            same = self.by_position.get((folded, key, position), []) if key is not None else [
                d for d in pool if fold(d.position or "") == position]
            candidates = [d for d in same if d.code not in self.claimed]
        if not candidates:
            candidates = [d for d in pool if d.code not in self.claimed]
        if len(candidates) > 1 and birth:
            candidates = [d for d in candidates if d.birth == birth] or candidates
        return candidates
