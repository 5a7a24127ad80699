"""Every store call runs here, in a thread worker; the answers come back as messages.

    workers.run(self, "checkin", service.delegates.check_in, code, desk="Cửa A")

In the thread: note where the store's change journal stands (`service.version()`), run the
call, then post to the app
- `StoreChanged(tables, codes, seq)` from `service.changes_since(before)` when something was
  written (the app says "saved HH:MM:SS" and forwards it to every panel), then
- the answer for the node that asked, `StoreResult(request, result)`; the app hands it on only
  after the StoreChanged, and it is dropped if that node has closed.
On any exception (a catch-all: a bug must not leave "Saving…" on screen) the error is logged and
`SaveFailed` posted: the app turns the status line red ("not saved") unless the input was refused
(ValidationError), which the asking node shows where the user is from its StoreResult.
No method of a screen is ever called from the thread: messages only.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from textual.dom import DOMNode
from textual.worker import Worker

from store.errors import StoreError, ValidationError

from .messages import Deliver, Progress, SaveFailed, StoreChanged, StoreResult
from .i18n import t
from .validation_words import describe
from .store_words import os_error_text, store_error_text

log = logging.getLogger("hoinghi.tui")


def reason_of(error: BaseException) -> str:
    """One line saying what went wrong, in the UI language (never a Python class name)."""
    if isinstance(error, ValidationError):
        return describe(error)
    if isinstance(error, OSError) and not isinstance(error, StoreError):
        return os_error_text(error, None)
    if isinstance(error, StoreError):
        return store_error_text(error)
    text = " ".join(str(error).split())
    return t("error.unexpected", error=text or t("cli.no_details"))


def is_refused(error: BaseException, writes: bool) -> bool:
    """Refused input, not a failed save: a ValidationError; for a call that does not write the
    store (a preview, an export), also a file the user named that could not be used."""
    if isinstance(error, ValidationError):
        return True
    return not writes and isinstance(error, (OSError, StoreError))


def run(node: DOMNode, request: str, fn: Callable[..., Any], *args: Any, writes: bool = True,
        **kwargs: Any) -> Worker:
    """Run `fn(*args, **kwargs)` in a thread; answer `node` with a StoreResult named `request`.

    `writes=False` for calls that only read the store (previews, exports): their errors about
    the user's own files are shown by `node`, not as the store's "not saved".
    """
    app = node.app
    service = app.service

    def work() -> None:
        try:
            before = service.version()
            result = fn(*args, **kwargs)
            change = service.changes_since(before)
        except BaseException as error:  # noqa: BLE001 - every failure must reach the screen
            log.exception("store call %s failed", request)
            failure = SaveFailed(reason_of(error), error=error, refused=is_refused(error, writes),
                                 request=request)
            app.post_message(failure)
            app.post_message(Deliver(node, StoreResult(request, failure=failure)))
            return
        if change is not None:
            # tables without codes: the store says every record of them may have changed (reload)
            everything = not change.codes and bool(change.tables - {"audit"})
            app.post_message(StoreChanged(change.tables, change.codes, change.seq, reloaded=everything))
        app.post_message(Deliver(node, StoreResult(request, result, wrote=change is not None)))

    return app.run_worker(work, thread=True, group="store", name=request, exit_on_error=False)


def progress(node: DOMNode, request: str) -> Callable[[int, int], None]:
    """A progress callback for a long call run by `run`: called in the thread, it posts
    `Progress(request, done, total)` for `node` through the app (dropped once `node` closed)."""
    app = node.app

    def report(done: int, total: int) -> None:
        app.post_message(Deliver(node, Progress(request, done, total)))

    return report
