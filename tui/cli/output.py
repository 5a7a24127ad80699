"""The command line's standard output, and the exit codes.

A command writes its results to standard output and its refusals to standard error. Standard
output may fail (a full disk: `> /dev/full`; a closed descriptor: `>&-`; a reader that left:
`| head`). That is an output error, said as one, never blamed on the store: the guard below
remembers the first failure instead of raising it, so a command that changes the store finishes
(its change is durable before it says so) and `main()` then says, on standard error, what could
not be written and whether the change was saved.

Exit codes (README, "Command line"):
    0  done (a change, if any, is saved; check: no problem)
    1  refused or failed (one line says why; nothing changed), problems found by check,
       rows refused by an import, or what purge-personal could not purge
    2  the command line was misused, or an unexpected error
    3  the output could not be written (nothing was changed)
  130  interrupted (Ctrl+C)
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

OK, REFUSED, UNEXPECTED, OUTPUT_FAILED, INTERRUPTED = 0, 1, 2, 3, 130


class _Guarded:
    """Writes to `inner` (a text or binary stream, or None when the descriptor was closed);
    the first failure is kept in `guard.failure` and every later write is dropped."""

    def __init__(self, guard: "OutputGuard", inner: Any) -> None:
        self._guard = guard
        self._inner = inner

    def write(self, data: Any) -> int:
        if self._guard.failure is None:
            try:
                if self._inner is None:
                    raise OSError(errno.EBADF, os.strerror(errno.EBADF))
                self._inner.write(data)
            except (OSError, ValueError) as exc:  # ValueError: a closed stream
                self._guard.fail(exc)
        return len(data)

    def flush(self) -> None:
        if self._guard.failure is None and self._inner is not None:
            try:
                self._inner.flush()
            except (OSError, ValueError) as exc:
                self._guard.fail(exc)

    def __getattr__(self, name: str) -> Any:
        if self._inner is None:
            raise AttributeError(name)
        return getattr(self._inner, name)


class _GuardedText(_Guarded):
    @property
    def buffer(self) -> _Guarded:
        return _Guarded(self._guard, getattr(self._inner, "buffer", None))

    def isatty(self) -> bool:
        try:
            return self._inner is not None and self._inner.isatty()
        except (OSError, ValueError):
            return False


class OutputGuard:
    """`with OutputGuard() as guard:` standard output is guarded inside; `guard.failure` is the
    first error writing it (None if none), after a final flush."""

    def __init__(self) -> None:
        self.failure: BaseException | None = None
        #: the store whose change was saved by the command (said even if the output failed)
        self.saved: str | None = None
        #: standard output was closed when the command started (`>&-`)
        self.closed = False
        self._before: Any = None

    def fail(self, exc: BaseException) -> None:
        if self.failure is None:
            self.failure = exc

    def __enter__(self) -> "OutputGuard":
        global _CURRENT
        self._before = sys.stdout
        self.closed = sys.stdout is None
        sys.stdout = _GuardedText(self, sys.stdout)  # type: ignore[assignment]
        _CURRENT = self
        return self

    def __exit__(self, *exc: object) -> None:
        global _CURRENT
        try:
            sys.stdout.flush()
        finally:
            sys.stdout = self._before
            _CURRENT = None

    @property
    def reader_left(self) -> bool:
        return isinstance(self.failure, BrokenPipeError)


_CURRENT: OutputGuard | None = None


def saved(path: Any) -> None:
    """A command calls this once its change is durable: if the output then fails, main() says
    the change was saved (and exits 0) instead of blaming the store."""
    if _CURRENT is not None:
        _CURRENT.saved = str(path)


def output_ready() -> bool:
    """False when standard output is already known to fail (closed, full): a command whose
    product is its output refuses before doing the work."""
    return _CURRENT is None or (_CURRENT.failure is None and not _CURRENT.closed)


def reserve_standard_descriptors() -> None:
    """Descriptors 0-2 closed when the program started (`>&-`) are opened on the null device, so
    that no file opened later (the store, its lock) takes their number and receives what is
    meant for the terminal; Python then has no stream for them (sys.stdout is None)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
            except OSError:
                return
            if opened != fd:  # a lower descriptor was free after all: keep the numbering
                os.close(opened)
