"""The messages that bring the store's answers back to the screen (see tui/workers.py)."""

from __future__ import annotations

from typing import Any

from textual.message import Message


class StoreChanged(Message, bubble=False):
    """A write became durable: these tables and record codes changed, up to audit seq `seq`.

    The app forwards it to every panel (showing or not) and to any open screen that wants it;
    each updates the rows it shows of those tables in place. `reloaded`: the whole store was read
    again (after another program changed the file), so everything may have changed.
    """

    def __init__(self, tables: frozenset[str], codes: frozenset[str], seq: int, *,
                 reloaded: bool = False) -> None:
        super().__init__()
        self.tables = frozenset(tables)
        self.codes = frozenset(codes)
        self.seq = seq
        self.reloaded = reloaded

    def copy(self) -> "StoreChanged":
        return StoreChanged(self.tables, self.codes, self.seq, reloaded=self.reloaded)


class SaveFailed(Message, bubble=False):
    """A store call raised. `reason` is one line in the UI language. `refused`: the input was
    refused (a ValidationError, or a file the user named could not be read or written), which the
    screen that asked shows where the user is; otherwise nothing was saved ("not saved", red)."""

    def __init__(self, reason: str, *, error: BaseException | None = None, refused: bool = False,
                 request: str = "") -> None:
        super().__init__()
        self.reason = reason
        self.error = error
        self.refused = refused
        self.request = request


class StoreResult(Message, bubble=False):
    """The answer to one store call, delivered to the node that asked (dropped if it has closed).

    `request` names the call ("checkin", "save", …); `result` is what it returned, or `failure`
    the SaveFailed when it raised. `wrote`: the call changed the store (durably).
    """

    def __init__(self, request: str, result: Any = None, *, failure: SaveFailed | None = None,
                 wrote: bool = False) -> None:
        super().__init__()
        self.request = request
        self.result = result
        self.failure = failure
        self.wrote = wrote

    @property
    def ok(self) -> bool:
        return self.failure is None


class Deliver(Message, bubble=False):
    """Internal: the app hands `message` to `node` after the StoreChanged posted before it has
    gone to the panels, so a panel always hears of a change before any dialog's answer."""

    def __init__(self, node, message: Message) -> None:
        super().__init__()
        self.node = node
        self.message = message


class Progress(Message, bubble=False):
    """Progress of a long call (e.g. planning an import): `done` of `total`."""

    def __init__(self, request: str, done: int, total: int) -> None:
        super().__init__()
        self.request = request
        self.done = done
        self.total = total
