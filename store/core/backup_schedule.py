"""When a store's committed bytes are copied into a backup, and the copying itself.

The storage tells its schedule each durable write (`wrote()`); the schedule says when a backup is
due (every `every` writes, and at close when something was written since the last one), makes
it (`auto`: a failure is logged and retried after a tenth of the interval, never failing the
write; `now`: raises), and prunes to the newest `keep` within `max_bytes`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from .backups import CHECKED, is_checked, list_backups, make_backup, prune_backups, same_bytes
from .writing import reason_text

_LOG = logging.getLogger(__name__)


class BackupSchedule:
    def __init__(self, path: Path, folder: Path, *, every: int, keep: int, max_bytes: int | None) -> None:
        self.path = path
        self.folder = folder
        self.every = every
        self.keep = keep
        self.max_bytes = max_bytes
        #: durable writes not yet in a backup
        self.writes_since = 0
        #: the newest backup holds exactly the committed bytes
        self.current = False
        self.last_error: str | None = None

    def wrote(self) -> None:
        self.writes_since += 1
        self.current = False

    @property
    def due(self) -> bool:
        return self.every > 0 and self.writes_since >= self.every

    @property
    def behind(self) -> bool:
        """Something written since the newest backup (a close backs it up)."""
        return self.writes_since > 0 and not self.current

    def up_to_date(self) -> None:
        """The newest backup already holds the committed bytes."""
        self.writes_since, self.current = 0, True

    def restart(self) -> None:
        """The committed bytes were replaced from disk (a reload): nothing counted yet."""
        self.writes_since, self.current = 0, False

    def now(self, label: str, data: bytes) -> Path:
        """Back up `data` now; OSError when it cannot be."""
        backup = make_backup(self.path, self.folder, label, data)
        self._done()
        return backup

    def auto(self, label: str, data: bytes, *, checked: bool, skip_if_same: bool = False) -> None:
        """Back up `data` (labelled "-checked" when this program checked or wrote it); with
        `skip_if_same`, not when the newest backup already holds it. Never raises."""
        if self.keep <= 0:
            return
        if checked:
            label += CHECKED
        try:
            if skip_if_same:
                backups = list_backups(self.path, self.folder)
                if backups and same_bytes(backups[0], data) and (is_checked(self.path, backups[0]) or not checked):
                    self.up_to_date()
                    return
            make_backup(self.path, self.folder, label, data)
            self._done()
        except Exception as exc:  # the data is safe; a missing backup must not fail the write
            self.last_error = f"could not back up {self.path} into {self.folder}: {reason_text(exc)}"
            _LOG.warning("%s", self.last_error)
            if self.every > 0:  # try again after a tenth of the interval, not at every write
                self.writes_since = max(0, self.every - max(1, self.every // 10))

    def _done(self) -> None:
        self.up_to_date()
        self.last_error = None
        if self.keep > 0:
            prune_backups(self.path, self.folder, self.keep, self.max_bytes)
