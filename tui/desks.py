"""Several desks in the app (store/replication): every second, in a thread worker, a desk laptop
reads what Syncthing brought (the store, the other desks' journals) and the main laptop folds the
desks' events into its store; both post what changed as the store's workers do, and a line for
the desk panel: each desk's last event and how long ago, a desk unseen for over a minute, a clock
that is off, and people recorded at two desks.
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from store.errors import NotFoundError
from store.service.desks import DeskLaptop, DeskWatch, Merged, fold_desks, is_desk_laptop, merged_view, watch_desks

from .i18n import t
from .messages import StoreChanged

#: seconds between two looks at the folder
REFRESH_SECONDS = 1.0


class DesksSeen(Message, bubble=False):
    """The desks' line changed (the app keeps it; the desk panel shows it)."""

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line


class Desks:
    def __init__(self, app: Any) -> None:
        self.app = app
        service = app.service
        self.laptop: DeskLaptop | None = service if is_desk_laptop(service) else None
        self.watch: DeskWatch = watch_desks(service, own_desk=app.desk)
        self.line = ""
        self._working = False

    def start(self) -> None:
        self.app.set_interval(REFRESH_SECONDS, self._tick)

    def _tick(self) -> None:
        if self._working:  # the last look is not over (a slow disk, a fold): skip this one
            return
        self._working = True
        self.app.run_worker(self._work, thread=True, group="desks", exit_on_error=False)

    def _work(self) -> None:
        try:
            self.work()
        finally:
            self._working = False

    def work(self) -> None:
        """In a thread: read, fold, and post what changed."""
        service = self.app.service
        before = service.version()
        if self.laptop is not None:
            self.laptop.heartbeat()
            self.laptop.refresh()
            merged = self.laptop.merged
        else:
            if self.watch.poll():
                fold_desks(service, self.watch)
            if not self.watch.desks:
                return
            merged = merged_view(service, self.watch)
        change = service.changes_since(before)
        if change is not None:
            everything = not change.codes
            self.app.post_message(StoreChanged(change.tables, change.codes, change.seq, reloaded=everything))
        line = self.describe(merged, service)
        if line != self.line:
            self.line = line
            self.app.post_message(DesksSeen(line))

    def quit_when_sent(self) -> None:
        """In a thread, at quit on a desk laptop: quit at once when Syncthing says every other
        laptop has what this one wrote; otherwise ask first, naming who is behind."""
        from store.errors import StoreError
        from store.service.desks import laptops_behind

        try:
            behind = laptops_behind()
        except StoreError:
            behind = ["Syncthing"]
        if not behind:
            self.app.call_from_thread(self.app.exit)
            return
        self.app.call_from_thread(self._ask_quit, ", ".join(behind))

    def _ask_quit(self, peers: str) -> None:
        from .screens.common.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(ConfirmDialog(t("desks.pending", peers=peers)), answered)

    def describe(self, merged: Merged, service: Any) -> str:
        parts = []
        for desk in sorted(self.watch.desks):
            seen = self.watch.desks[desk]
            if desk == self.app.desk:
                continue
            ago = int(self.watch.ago_s(desk))
            key = "desks.unseen" if self.watch.unseen(desk) else "desks.seen"
            text = t(key, desk=desk, time=seen.last_at[11:16], ago=ago, minutes=max(1, ago // 60))
            if self.watch.skewed(desk):
                text += t("desks.skew", minutes=round(abs(seen.skew_s) / 60))
            parts.append(text)
        conflicts = [(code, a) for code, a in merged.arrivals.items() if a.also]
        if conflicts:
            code, arrival = conflicts[-1]
            name = _name(service, code)
            other, at = arrival.also[0]
            parts.append(t("desks.conflict", count=len(conflicts), name=name, desk=arrival.desk,
                           time=arrival.at[11:16], other=other, other_time=at[11:16]))
        return " · ".join(parts)


def _name(service: Any, code: str) -> str:
    try:
        return service.delegates.get(code).full_name
    except NotFoundError:  # removed meanwhile: its code says enough
        return code
