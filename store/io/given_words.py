"""The store's delegates by the last word of their given name, kept up to date by the records'
log of changes: what an import's plan looks up to find the people a list may name again.

A list of 5 rows into a store of 100,000 people asks for the few delegates whose given name
ends as a name of the list does; scanning the store for them each time cost about 45 ms at
100,000. The index is built once from the stored documents (a few thousand distinct given
names, folded once each; the records themselves are not built for it), then each look-up first
applies the changes committed since the last one (`Records.changes_since`): only the changed
codes are looked at again. A reload, or more changes than the records' log keeps, builds it
again.

The delegates handed out come from the records' snapshot when a reader has built it (the desk
has), else from their documents, one by one (the command line: a plan of 5 rows into 100,000
people builds 5 records, not 100,000).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from ..models import Delegate
from ..unit_of_work import Records
from wording.text import fold

TABLE = "delegates"


@lru_cache(maxsize=65_536)
def last_word(name: str) -> str:
    """The folded last word of a name ("" when it has none)."""
    words = name.split()
    return fold(words[-1]) if words else ""


class GivenWords:
    """{folded last word of the given name: codes} of one session's delegates."""

    def __init__(self, records: Records) -> None:
        self._records = records
        self._lock = threading.Lock()
        self._version: int | None = None
        self._codes: dict[str, set[str]] = {}
        self._word_of: dict[str, str] = {}

    def __len__(self) -> int:
        """How many delegates the store holds now."""
        return self._records.count(TABLE)

    def delegates(self, words: Iterable[str]) -> tuple[Mapping[str, Delegate], list[Delegate]]:
        """(every delegate by code, those whose given name's last word is one of `words`)."""
        records = self._records
        with records.lock, self._lock:
            self._catch_up()
            codes = [code for word in set(words) for code in self._codes.get(word, ())]
            snapshot = records.cached(TABLE)
            if snapshot is not None:
                return snapshot, [snapshot[code] for code in codes]
            by_code = _Documents(records)
            return by_code, [by_code[code] for code in codes]

    def _catch_up(self) -> None:
        records = self._records
        if self._version == records.version:
            return
        change = None if self._version is None else records.changes_since(self._version)
        oldest = records.journal[0][0] if records.journal else records.version + 1
        kept = self._version is not None and oldest <= self._version + 1  # no change dropped from the log
        if change is not None and kept and change.codes and len(change.codes) < records.count(TABLE):
            for code in change.codes:
                self._forget(code)
                doc = records.document(TABLE, code)
                if doc is not None:
                    self._add(code, doc["given"])
        elif change is not None or self._version is None or not kept:
            self._codes, self._word_of = {}, {}
            by_given: dict[str, list[str]] = {}  # (a few thousand given names: each folded once)
            for code, doc in records.documents(TABLE):
                by_given.setdefault(doc["given"], []).append(code)
            for given, codes in by_given.items():
                word = last_word(given)
                self._codes.setdefault(word, set()).update(codes)
                self._word_of.update(dict.fromkeys(codes, word))
        self._version = records.version

    def _add(self, code: str, given: str) -> None:
        word = last_word(given)
        self._codes.setdefault(word, set()).add(code)
        self._word_of[code] = word

    def _forget(self, code: str) -> None:
        word = self._word_of.pop(code, None)
        if word is not None:
            self._codes[word].discard(code)


class _Documents(Mapping[str, Delegate]):
    """The delegates by code, each built from its document when asked (under the lock)."""

    def __init__(self, records: Records) -> None:
        self._records = records

    def __getitem__(self, code: str) -> Delegate:
        with self._records.lock:
            doc = self._records.document(TABLE, code)
        if doc is None:
            raise KeyError(code)
        return Delegate.from_doc(dict(doc))

    def get(self, code: str, default: Delegate | None = None) -> Delegate | None:  # type: ignore[override]
        with self._records.lock:
            doc = self._records.document(TABLE, code)
        return default if doc is None else Delegate.from_doc(dict(doc))

    def __iter__(self) -> Iterator[str]:
        with self._records.lock:
            return iter([code for code, _doc in self._records.documents(TABLE)])

    def __len__(self) -> int:
        return self._records.count(TABLE)

    def values(self):  # type: ignore[override]
        with self._records.lock:
            return [Delegate.from_doc(dict(doc)) for _code, doc in self._records.documents(TABLE)]
