"""What every domain of the store shares: the records, the one lock, and who is working.

A domain (conference, delegates, agenda, scoring, covenant, audit) changes through `work()`
under the store's one lock, so calls from the UI's worker threads are serialized (TinyDB is
not thread-safe); its `@locked` reads hold the lock too. A `@snapshot` read takes only the
records' snapshot (unit_of_work.Records): screens call it on the event loop and never wait
for a writer, even one holding the lock through a long import.
"""

from __future__ import annotations

import contextlib
import functools
from typing import Any, Callable, Iterator, TypeVar

from .errors import StoreError
from .unit_of_work import Records, UnitOfWork

T = TypeVar("T")


class Session:
    """The session's state, shared by every domain: the open records, the one lock and who is
    working (the operator); the service owns it and closes it."""

    def __init__(self, records: Records, operator: str) -> None:
        self.records: Records | None = records
        self.lock = records.lock
        self.operator = operator

    def open_records(self) -> Records:
        if self.records is None:
            raise StoreError(code="closed")
        return self.records


def locked(method: Callable[..., T]) -> Callable[..., T]:
    """Run a domain method under the store's lock, refusing a closed store."""

    @functools.wraps(method)
    def wrapper(self: "Domain", *args: Any, **kwargs: Any) -> T:
        with self._session.lock:
            self._session.open_records()
            return method(self, *args, **kwargs)

    return wrapper


def snapshot(method: Callable[..., T]) -> Callable[..., T]:
    """A read of the records' snapshot only (`Records.objects`), without the lock: refuses a
    closed store, then reads the immutable tables as the last commit left them."""

    @functools.wraps(method)
    def wrapper(self: "Domain", *args: Any, **kwargs: Any) -> T:
        self._session.open_records()
        return method(self, *args, **kwargs)

    return wrapper


class Domain:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _records(self) -> Records:
        return self._session.open_records()

    @contextlib.contextmanager
    def _work(self) -> Iterator[UnitOfWork]:
        with self._session.lock:
            with self._records.work(operator=self._session.operator) as unit:
                yield unit
