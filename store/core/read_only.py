"""A store read without its lock: what the domains read from, every write refused.

`Service.open_snapshot` (export, check, template while the app runs) and the projector's
follower build the service's read methods over one snapshot of the store
(`store_file.read_snapshot`) held here. Nothing is written, locked, backed up or created.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

from ..errors import StoreError
from .backups import default_backup_dir


class ReadOnlyError(StoreError):
    """Something tried to change a store read without its lock: nothing is ever written."""


class ReadOnlyStorage:
    """The storage interface `Records` reads from, over the data of one snapshot."""

    def __init__(self, path: Path, data: dict[str, Any], *, version: int | None = None) -> None:
        self.path = path
        self.backup_dir = default_backup_dir(path)
        self._data: dict[str, Any] | None = data
        #: the schema version the file holds (None: none written yet); the data is at the current one
        self.file_version = version
        #: a snapshot replays only whole journal records and says nothing of a torn one
        self.journal_torn = 0

    def read(self) -> dict[str, Any]:
        if self._data is None:
            raise StoreError(code="file_closed", path=str(self.path))
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        raise ReadOnlyError(code="read_only", path=str(self.path))

    def transaction(self) -> NoReturn:
        """`with storage.transaction():` refuses at once: nothing can be written."""
        raise ReadOnlyError(code="read_only", path=str(self.path))

    def reload(self, vet: Any = None) -> None:
        raise ReadOnlyError(code="read_only", path=str(self.path))

    def changed_on_disk(self) -> bool:
        return False

    def close(self) -> None:
        self._data = None

    @property
    def closed(self) -> bool:
        return self._data is None
