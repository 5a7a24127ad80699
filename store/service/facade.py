"""The small facade the command line and the UI both use: open, create, close, check, summary,
and the domains that read and change the store.

    with Service.open("hoinghi.json", operator="Lan") as service:
        service.delegates.check_in("D0007", desk="Cửa A")
        service.agenda.items()

    with Service.open_snapshot("hoinghi.json") as service:   # while the app holds it: read only
        service.agenda.items()

Every change goes through one unit of work (`store.unit_of_work`): validated, written durably
with its audit entry, then reported by `changes_since(seq)` as tables, codes and audit seq.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from pathlib import Path
from typing import Any, Callable

import orjson
from tinydb import TinyDB

from .. import checks, tables
from ..agenda import AgendaDomain
from ..audit import AuditDomain
from ..conference import ConferenceDomain
from ..core import schema
from ..core.lock import holder_error
from ..core.opening import load_checked, open_snapshot_storage, open_tinydb, prepare_schema, vet_data
from ..core.read_only import ReadOnlyStorage
from ..core.problems import Problem
from ..core.storage import DurableStorage, create_exclusive
from ..covenant import CovenantDomain
from ..delegates import DelegatesDomain
from ..domain import Session
from ..errors import StoreExistsError
from ..models import Summary, checkin_code
from ..models.conference import Gap
from ..privacy import PrivacyDomain
from ..scoring import ScoringDomain
from ..setup.readiness import gaps
from ..unit_of_work import Change, Records


def default_operator() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises various errors when no user name is set
        return "unknown"


class Service:
    """Open with `Service.open(path)`; close with `close()` (or use as a context manager)."""

    #: the schema version this hoinghi writes (an older file: `outdated`, migrated by `open`)
    SCHEMA_VERSION = schema.SCHEMA_VERSION

    def __init__(self, db: TinyDB | ReadOnlyStorage, *, operator: str | None = None,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        self._db: TinyDB | ReadOnlyStorage | None = db
        self._storage: DurableStorage = db.storage if isinstance(db, TinyDB) else db  # type: ignore[assignment]
        #: the schema version the file held when opened (None: none yet); `open` migrated it,
        #: `open_snapshot` only in memory
        self.file_version: int | None = schema.SCHEMA_VERSION
        now = now or dt.datetime.now
        records = Records(self._storage, now=now)
        self._session = Session(records, operator or default_operator())
        self.conference = ConferenceDomain(self._session)
        self.delegates = DelegatesDomain(self._session, self.conference.unit_codes, now,
                                         self.conference.key)
        self.agenda = AgendaDomain(self._session)
        self.scoring = ScoringDomain(self._session)
        self.covenant = CovenantDomain(self._session)
        self.audit = AuditDomain(self._session)
        self.privacy = PrivacyDomain(self._session)

    # ---- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False, operator: str | None = None,
             now: Callable[[], dt.datetime] | None = None, **storage_options: Any) -> "Service":
        db = open_tinydb(path, create=create, vet=vet_data, **storage_options)
        try:
            version = prepare_schema(db.storage, vetted=True)  # type: ignore[arg-type]
            service = cls(db, operator=operator, now=now)
        except BaseException:
            db.close()
            raise
        service.file_version = version
        return service

    @classmethod
    def open_snapshot(cls, path: str | os.PathLike, *, operator: str | None = None,
                      now: Callable[[], dt.datetime] | None = None) -> "Service":
        """The store at `path` as last saved, read-only and without its lock, while the app may
        hold it (export, check, template): every read method of the domains works, every change
        raises ReadOnlyError; nothing is written, locked or created. Refused as `open` refuses
        (damaged, wrong shape, newer, not a regular file); an older schema is migrated in memory
        only (`file_version` says which it was)."""
        storage = open_snapshot_storage(path)
        service = cls(storage, operator=operator, now=now)
        service.file_version = storage.file_version
        return service

    @classmethod
    def create(cls, path: str | os.PathLike, *, from_file: str | os.PathLike | None = None,
               documents: dict[str, list[dict[str, Any]]] | None = None,
               origin: dict[str, Any] | None = None, **options: Any) -> "Service":
        """Create a new store at `path` (refused if it exists), empty or from a store file, or
        holding `documents` (table -> records, e.g. a workbook's; opening checks them as any
        store). `origin` is written in the creation's audit entry (where the data came from).
        A new conference is given a random key for its check-in codes (store/models/checkin_code.py);
        a copy of a store file keeps the key it has (codes already printed stay valid)."""
        path = Path(path)
        if os.path.lexists(path):
            raise holder_error(path) or StoreExistsError(code="exists", path=str(path))
        raw: schema.Raw = {}
        if from_file is not None:
            raw = load_checked(from_file)
        for name, docs in (documents or {}).items():
            raw[name] = {str(i): doc for i, doc in enumerate(docs, start=1)}
        schema.set_version(raw, schema.SCHEMA_VERSION)
        if from_file is None:  # a new conference (a copy of a store keeps its key, or its lack)
            schema.set_conference_key(raw, checkin_code.new_key())
        create_exclusive(path, orjson.dumps(raw))
        service = cls.open(path, **options)
        with service._session.lock, service._session.open_records().work(
                operator=service.operator) as work:
            work.audit("store.create", path.name, None, origin or {"from": str(from_file or "")})
        return service

    def close(self) -> None:
        with self._session.lock:
            if self._db is not None:
                self._db.close()
                self._db = None
                self._session.records = None

    def __enter__(self) -> "Service":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self._storage.path

    @property
    def operator(self) -> str:
        return self._session.operator

    @operator.setter
    def operator(self, name: str) -> None:
        self._session.operator = name

    @property
    def closed(self) -> bool:
        return self._db is None

    @property
    def outdated(self) -> bool:
        """The file held an older schema than this hoinghi writes: `open` migrated it (after a
        backup), `open_snapshot` only in memory (`hoinghi migrate` writes it)."""
        return self.file_version is not None and self.file_version < schema.SCHEMA_VERSION

    # ---- the whole store -------------------------------------------------------------------

    def summary(self) -> Summary:
        with self._session.lock:
            records = self._session.open_records()
            counts = {name: records.count(name) for name in tables.NAMES}
        return Summary(schema_version=schema.SCHEMA_VERSION, counts=counts)

    def problems(self) -> list[Problem]:
        """Every problem found in the store, as values (the UI and the command line word them)."""
        with self._session.lock:
            self._session.open_records()
            return checks.check_problems(self._storage.read())

    def notes(self) -> list[Problem]:
        """What a check says without failing (an audit log with no anchor yet)."""
        with self._session.lock:
            self._session.open_records()
            return checks.check_notes(self._storage.read())

    def readiness(self) -> list[Gap]:
        """Everything the conference still lacks before the day, in the order a secretariat
        would fix it (the setup panel's list)."""
        return gaps(self)

    def check(self) -> list[str]:
        """Every problem found in the store: invalid records, broken references. Empty = good."""
        with self._session.lock:
            self._session.open_records()
            return checks.check_raw(self._storage.read())

    def last_seq(self) -> int:
        """The audit seq of the last change written (0 for a store without changes)."""
        with self._session.lock:
            return self._session.open_records().seq

    def version(self) -> int:
        """Counts this session's writes and reloads; give it to `changes_since` later."""
        with self._session.lock:
            return self._session.open_records().version

    def changes_since(self, version: int) -> Change | None:
        """What was written or reloaded after `version()` said `version`: tables, codes and the
        last audit seq merged, or None when nothing was."""
        with self._session.lock:
            return self._session.open_records().changes_since(version)

    def changed_on_disk(self) -> bool:
        """True when another program has replaced or rewritten the store's file since."""
        with self._session.lock:
            self._session.open_records()
            return self._storage.changed_on_disk()

    def fold_journal(self) -> bool:
        """Write the journal's records into the store file now, and back it up when a fifth of a
        backup interval is not in a backup (the app calls this when idle, in a worker: it
        rewrites the whole file). Never raises for a failed fold: the journal keeps every
        record. True when there was something to fold and it was folded."""
        with self._session.lock:
            self._session.open_records()
            return self._storage.fold(idle=True)

    def writes(self) -> int:
        """Durable writes made since the store was opened: read without the lock (one integer),
        for a timer on the UI's event loop (tui/idle_fold.py)."""
        return self._storage.write_count

    def journal_note(self) -> dict[str, Any] | None:
        """What opening the store had to say about its journal, for the UI to word: a torn last
        record (a power cut in the middle of an append, never acknowledged) was dropped
        ({"code": "journal_torn", "bytes": N}); None when there was nothing to say."""
        torn = self._storage.journal_torn
        return {"code": "journal_torn", "bytes": torn} if torn else None

    def reload(self) -> Change:
        """Take the file as another program left it (after StoreChangedOnDiskError): what this
        program last saved is kept as a backup, the file is checked as at open, and every
        table counts as changed."""
        with self._session.lock:
            records = self._session.open_records()
            self._storage.reload(vet=vet_data)
            prepare_schema(self._storage, vetted=True)
            return records.reloaded()
