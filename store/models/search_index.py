"""The desk's search: folded texts per delegate (name, position, unit) and the searches over them.

Shared by the desk, the palette's finder and the benches (store.models.roster re-exports it).
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import Iterable, Iterator, Sequence

from .conference import Unit
from .delegates import Delegate
from wording.text import fold


@functools.lru_cache(maxsize=8192)
def _fold_repeated(text: str) -> str:
    """Name parts, positions and unit names repeat across thousands of delegates: fold each once."""
    return fold(text)


_MOST_NAME_WORDS = 8  # longer queries are not initials
#: positions a search reads in one go when it stops early or lets an event loop run between
_PIECE = 4096


class SearchIndex:
    """Folded text per delegate (name, position, unit), built once, updated per change.

    Each delegate has a position in plain lists of texts; a search runs one list comprehension
    per query word over the positions of the codes it is given (kept for the last code lists
    seen: the whole order, the previous results), so no code is hashed again per keystroke:
    100,000 delegates, one letter matching almost all of them: about 30 ms with the tiers.
    """

    #: how many code lists keep their positions (the whole order, the last results, their tiers)
    _KNOWN = 4

    def __init__(self, delegates: Iterable[Delegate], units: Sequence[Unit]) -> None:
        self._units = {u.code: u for u in units}
        self._at: dict[str, int] = {}  # code -> position
        self._codes: list[str] = []
        self._folded: list[str] = []  # name, position and unit
        self._names: list[str] = []  # " " + name: " " + word in it = a name word starts with word
        self._initials: list[str] = []
        #: how many delegates have each name (" " + folded name): a whole-name tier is looked
        #: for only when someone has the name typed
        self._whole_names: Counter[str] = Counter()
        self._known: list[tuple[list[str], list[int]]] = []
        self._whole: tuple[list[str], list[int] | None] | None = None
        # texts repeat (names, a unit's positions): each made once while the index is built
        names: dict[tuple[str, str, str], tuple[str, str]] = {}
        places: dict[tuple[str, str | None, str], str] = {}
        for d in delegates:
            self.put(d, names, places)

    def put(self, d: Delegate, names: dict | None = None, places: dict | None = None) -> None:
        """Index `d` (again): `names` and `places` are a build's own caches of texts."""
        parts = (d.family, d.middle, d.given)
        named = None if names is None else names.get(parts)
        if named is None:
            name = " ".join(filter(None, map(_fold_repeated, parts)))
            named = (name, "".join(w[0] for w in name.split()))
            if names is not None:
                names[parts] = named
        where = (d.position, d.unit_code, d.organization)
        place = None if places is None else places.get(where)
        if place is None:
            unit = self._units.get(d.unit_code or "")
            unit_text = f"{unit.short_name} {unit.full_name}" if unit else d.organization
            place = f" {_fold_repeated(d.position)} {_fold_repeated(unit_text)}"
            if places is not None:
                places[where] = place
        name, initials = named
        texts = (name + place, " " + name, initials)
        at = self._at.get(d.code)
        self._whole_names[texts[1]] += 1
        if at is not None:
            self._whole_names[self._names[at]] -= 1
        if at is None:
            self._at[d.code] = len(self._codes)
            # the index's own copy of the code, made next to its texts: a search's results are
            # copied from here, and copying 100,000 codes scattered in memory costs 5x more
            self._codes.append(f"{d.code} "[:-1])
            for table, text in zip((self._folded, self._names, self._initials), texts):
                table.append(text)
        else:
            self._folded[at], self._names[at], self._initials[at] = texts

    def remove(self, code: str) -> None:
        at = self._at.pop(code, None)
        if at is not None:
            self._whole_names[self._names[at]] -= 1
        if at is not None:  # its place stays, matching nothing (positions already kept stay right)
            self._folded[at] = self._names[at] = self._initials[at] = ""

    def _positions(self, codes: list[str]) -> list[int]:
        if self._whole is not None and self._whole[0] is codes:
            positions = self._whole[1]
            if positions is None:
                positions = self._positions_of(codes)
                self._whole = (codes, positions)
            return positions
        for known, positions in self._known:
            if known is codes:
                return positions
        return self._keep(codes, self._positions_of(codes))

    def _positions_of(self, codes: list[str]) -> list[int]:
        return [at for at in map(self._at.get, codes) if at is not None]

    def _keep(self, codes: list[str], positions: list[int]) -> list[int]:
        self._known = [(codes, positions), *self._known[:self._KNOWN - 1]]
        return positions

    def keep_whole(self, codes: list[str], *, now: bool = False) -> None:
        """The list searched again at every first letter (the whole order): its positions
        (100,000 look-ups) are kept until another is given, whatever else is searched; made
        at the next search, or `now`."""
        if self._whole is None or self._whole[0] is not codes:
            self._whole = (codes, self._positions_of(codes) if now else None)

    def _codes_at(self, positions: list[int]) -> list[str]:
        codes = self._codes
        return [codes[at] for at in positions]

    def search(self, query: str, codes: Iterable[str]) -> list[str]:
        """The codes among `codes` (kept in their order) that match `query`: every word
        somewhere in the name, position or unit, or the query is the start of the initials."""
        codes = codes if isinstance(codes, list) else list(codes)
        words = fold(query).split()
        if not words:
            return list(codes)
        found = self._found(words, self._positions(codes))
        result = self._codes_at(found)
        self._keep(result, found)
        return result

    def _found(self, words: list[str], positions: list[int]) -> list[int]:
        folded = self._folded
        found = [at for at in positions if words[0] in folded[at]]
        for word in words[1:]:
            found = [at for at in found if word in folded[at]]
        by_initials = self._by_initials(words, positions)
        if by_initials.difference(found):
            either = by_initials.union(found)
            found = [at for at in positions if at in either]
        return found

    def _by_initials(self, words: list[str], positions: list[int]) -> set[int]:
        compact = "".join(words)
        if not 2 <= len(compact) <= _MOST_NAME_WORDS:
            return set()
        initials = self._initials
        return {at for at in positions if initials[at].startswith(compact)}

    def best_first(self, query: str, found: Iterable[str]) -> list[str]:
        """Search results with the closest name matches first, in their given order within each
        tier: the whole name; every word starting a name word (or the initials); every word
        inside the name; the rest (matched on position or unit)."""
        found = found if isinstance(found, list) else list(found)
        words = fold(query).split()
        if not words:
            return list(found)
        return self._codes_at([at for tier in self._tiers(words, self._positions(found)) for at in tier])

    def _starting(self, words: list[str], positions: list[int]) -> list[int]:
        """Those whose name has a word starting with each word typed."""
        names = self._names
        for word in words:
            spaced = " " + word
            positions = [at for at in positions if spaced in names[at]]
        return positions

    def _in_name(self, words: list[str], positions: list[int]) -> list[int]:
        names = self._names
        for word in words:
            positions = [at for at in positions if word in names[at]]
        return positions

    def _tiers(self, words: list[str], found: list[int]) -> tuple[list[int], ...]:
        """`found` (positions matching `words`) in best_first's four tiers: the whole name, close
        (word starts or initials), inside the name, the rest."""
        names = self._names
        phrase = " " + " ".join(words)
        starting = self._starting(words, found)
        whole = {at for at in starting if names[at] == phrase} if self._whole_names.get(phrase) else set()
        close = set(starting).union(self._by_initials(words, found)).difference(whole)
        if len(close) == len(found):
            return [], found, [], []
        in_name = self._in_name(words, found)
        inside = set(in_name).difference(close, whole)
        if len(inside) == len(found):
            return [], [], found, []
        taken = whole.union(close, inside)
        return ([at for at in found if at in whole], [at for at in found if at in close],
                [at for at in found if at in inside], [at for at in found if at not in taken])

    def _tier_members(self, tier: int, words: list[str], positions: list[int]) -> list[int]:
        """The members of one of `_tiers`' tiers among `positions` (not only among the found)."""
        names = self._names
        phrase = " " + " ".join(words)
        if tier == 0:
            return [at for at in positions if names[at] == phrase] if self._whole_names.get(phrase) else []
        starting = self._starting(words, positions)
        by_initials = self._by_initials(words, positions)
        if tier == 1:
            if not by_initials:
                return [at for at in starting if names[at] != phrase]
            close = by_initials.union(starting)
            return [at for at in positions if at in close and names[at] != phrase]
        close = by_initials.union(starting)  # the whole names are among the starting
        if tier == 2:
            return [at for at in self._in_name(words, positions) if at not in close]
        in_name = set(self._in_name(words, positions))
        return [at for at in self._found(words, positions) if at not in close and at not in in_name]

    def head(self, query: str, codes: list[str], count: int, *, piece: int = 0) -> list[str]:
        """`best_first(query, search(query, codes))[:count]`, reading `codes` only as far as
        that needs: the first letters match almost everyone, and a screenful of them is among
        the first few hundred (each tier is looked for a piece of `codes` at a time)."""
        words, piece = fold(query).split(), piece or _PIECE
        if not words:
            return codes[:count]
        positions = self._positions(codes)
        head: list[int] = []
        for tier in range(4):
            for start in range(0, len(positions), piece):
                head += self._tier_members(tier, words, positions[start:start + piece])
                if len(head) >= count:
                    return self._codes_at(head[:count])
        return self._codes_at(head)

    def steps(self, query: str, codes: list[str], *, piece: int = 0) -> Iterator[tuple[list[str], list[str]] | None]:
        """`search` then `best_first`, a piece of `codes` at a time: yields None after each
        piece (a caller on an event loop answers keys between them), then (found, shown)."""
        words, piece = fold(query).split(), piece or _PIECE
        if not words:
            yield list(codes), list(codes)
            return
        positions = self._positions(codes)
        found: list[int] = []
        tiers: tuple[list[int], ...] = ([], [], [], [])
        for start in range(0, len(positions), piece):
            matched = self._found(words, positions[start:start + piece])
            found += matched
            for tier, members in zip(tiers, self._tiers(words, matched)):
                tier += members
            yield None
        result = self._codes_at(found)
        self._keep(result, found)
        yield result, self._codes_at([at for tier in tiers for at in tier])
