"""Following a store that another copy of the app writes, read-only (the projector view).

    follower = Follower("hoinghi.json")
    view = follower.poll()          # a new StoreView when what the projector shows changed, else None
    view.agenda.timing(now)         # the same read methods as the service's domains

- No lock is taken: the app that runs the conference holds it. Nothing is ever written (the view's
  storage refuses writes), no backup is made, no temp file is removed.
- The identities (device, inode, size, modification time) of the file and of its journal
  (`<file>.journal`, `store.core.journal`) are compared at each poll; they are read again only
  when one changed. The app appends each change to the journal and replaces the file atomically
  when it folds the journal into it (a new inode, then the journal emptied), so a read of the
  file, then the journal, then the file's identity again sees one committed state: the file and
  the whole records that extend it (a record still being appended is left for the next poll).
  A program that writes the file in place can still be caught half-way: the size or time moving
  during the read, bytes that do not parse, or records that do not have their shape; the read is
  retried a few times, briefly, and meanwhile the last good view is kept (`problem` says why the
  newest could not be read).
- The tables the projector shows (`SHOWN`: the agenda and its run, the conference and its units,
  the scorecards' tables for the ranking, the covenant and its signatures) are checked as
  `Service.open` checks them: the meta table and schema version (store.core.opening's
  `current_data`), every record's shape and key (store.core.shape), and no key written twice.
  A state of those tables that open would refuse is never shown. The other tables (10,000
  delegates, the audit log) are parsed with the file but neither shape-checked nor kept in the
  view: a delegate with a bad shape does not stop the projector, which never shows delegates.
  Of the audit log the view keeps the newest entry and the well-formed entries of the signing
  and its seal, so the signing page can check the seal against them (not the chain's hashes:
  `hoinghi check` and the app at open hash every entry).
- Parsed once, with orjson. Repeated keys are found as open finds them: a file exactly as this
  app writes it (compact orjson) cannot repeat a key; this is checked table by table on the
  shown tables' bytes, without serializing the large tables again. Any other file (a hand edit,
  an indented file) is searched for repeated keys in full, and refused if it has any.
- A read that changes none of the shown tables gives no new view (the desk's check-ins change
  the file but not the projector's screen).
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any, Callable

import orjson

from . import checks, tables
from .agenda.domain import AgendaDomain
from .conference import ConferenceDomain
from .covenant import CovenantDomain
from .core import shape
from .core.decode import Undecodable, parse_tables, repeated_keys
from .core.journal import replay_onto
from .core.journal_file import journal_path
from .core.opening import StoreInvalidError, current_data
from .core.read_only import ReadOnlyError, ReadOnlyStorage
from .core.store_file import read_snapshot
from .domain import Session
from .errors import StoreError
from .scoring import ScoringDomain
from .integrity.seal_check import SEAL_ACTION, SIGNING_ACTIONS, UNDO_ACTION
from .unit_of_work import Records

#: reads tried in a row when a read catches a file being replaced or written
RETRIES = 8
#: pause between two of those tries, seconds (doubled each time, from this)
RETRY_DELAY = 0.01

#: the tables the projector's pages read (now: agenda, agenda_run, conference; ranking: units and
#: the scorecards' tables; signing: covenant, signatures, units); a test checks the pages read
#: no other
SHOWN: tuple[str, ...] = ("conference", "units", "agenda", "agenda_run", "content_groups",
                          "scoring_config", "scores", "indicators", "ballots", "covenant", "signatures")
#: the audit log: only its newest entry is kept in a view (the seq the view is at), and the
#: entries the signing page checks the seal against (store.integrity.seal_check: signing, undo, seal)
AUDIT = "audit"
CEREMONY_ACTIONS = frozenset((*SIGNING_ACTIONS, UNDO_ACTION, SEAL_ACTION))

#: the file's device, inode, size, modification and change times, then its journal's (zeros: none)
Identity = tuple[int, ...]
#: refusals that reading again cannot change while the file stays as it is
LASTING = frozenset({"not_regular", "too_large"})

__all__ = ["Follower", "ReadOnlyError", "StoreView", "TornRead", "decode_shown", "read_store"]


class TornRead(StoreError):
    """The file changed while it was being read."""


class StoreView:
    """One durable state of the followed store's shown tables, with the domains' read methods."""

    def __init__(self, path: Path, data: dict[str, Any], identity: Identity,
                 now: Callable[[], dt.datetime]) -> None:
        self.path = path
        self.identity = identity
        #: the shown tables, the meta table and the newest audit entry (see `read_store`)
        self.data = data
        records = Records(ReadOnlyStorage(path, data), now=now)  # type: ignore[arg-type]
        self._session = Session(records, "projector")
        self.conference = ConferenceDomain(self._session)
        self.agenda = AgendaDomain(self._session)
        self.scoring = ScoringDomain(self._session)
        self.covenant = CovenantDomain(self._session)

    @property
    def records(self) -> Records:
        return self._session.open_records()

    def last_seq(self) -> int:
        return self.records.seq

    def ceremony_entries(self) -> dict[str, Any]:
        """The audit entries of the signing and its seal (a page redraws when they change)."""
        return ceremony_entries(self.data.get("audit"))


def identity_of(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def store_identity(path: Path) -> Identity | None:
    """The identity of a store's file and its journal (None while the file is missing): what a
    reader without the lock compares to know the store changed."""
    try:
        return identity_of(os.stat(path)) + _journal_identity(path)
    except OSError:
        return None  # being replaced on a system where that is not atomic: look again soon


def _journal_identity(path: Path) -> tuple[int, int, int, int, int]:
    try:
        return identity_of(os.stat(journal_path(path)))
    except OSError:
        return (0, 0, 0, 0, 0)


def read_store(path: Path) -> tuple[Identity, dict[str, Any]]:
    """One read of the file and its journal, the shown tables checked as open checks them:
    (identity, data).

    `data` holds the shown tables (at the current schema), the meta table and the audit log's
    newest entry. The file and its journal are read by the store's one snapshot reader (regular
    files within the size limit, opened without waiting: a FIFO never blocks; the journal read
    after the file, whose identity is taken again after it). StoreError when the file changed
    during the read, is not a regular file, or its bytes are not a store, the journal does not
    replay onto them, or a shown table is not one open would accept (or ValueError from
    decoding)."""
    journal_id = _journal_identity(path)
    snapshot = read_snapshot(path, parse=parse_followed, attempts=1)
    return identity_of(snapshot.stat) + journal_id, shown_tables(snapshot.data, path.name)


def decode_shown(raw: bytes, file_name: str = "", journal: bytes = b"") -> dict[str, Any]:
    """The shown tables of a store file's bytes and its journal's, checked (see `read_store`)."""
    return shown_tables(parse_followed(raw, journal), file_name)


def parse_followed(raw: bytes, journal: bytes = b"") -> dict[str, Any]:
    """A store file's tables with its journal replayed, refused as open refuses them when a key
    is written twice (searched only when the bytes are not exactly as this app writes them, see
    `written_by_this_app`)."""
    size = len(raw)
    raw, data = parse_tables(raw)
    raw = raw.strip()
    if not written_by_this_app(raw, data):
        repeated = repeated_keys(raw)
        if repeated:
            raise Undecodable(f"it repeats keys: {'; '.join(repeated[:3])}", "repeated_keys",
                              keys="; ".join(repeated[:3]), more=max(0, len(repeated) - 3))
    replay_onto(data, journal, size)
    return data


def shown_tables(data: dict[str, Any], file_name: str = "") -> dict[str, Any]:
    """The shown tables of a store's data at the current schema, with the meta table and the
    newest audit entry; StoreInvalidError when one of them has a record open would refuse or a
    value `check` would refuse (an agenda item of -5 minutes, a start at "99:99")."""
    _, data = current_data(data, file_name)
    problems: list[shape.Problem] = []
    shown: dict[str, Any] = {}
    for name in SHOWN:
        spec = tables.spec(name)
        table = data.get(name)
        found, _ = shape.table_report(name, spec.model, spec.key, {} if table is None else table)
        problems.extend(found)
        if table is not None:
            shown[name] = table
    if not problems:
        model = tables.spec("agenda").model
        problems.extend(checks.agenda_problems(model.from_doc(doc) for doc in (shown.get("agenda") or {}).values()))
    if problems:
        raise StoreInvalidError(Path(file_name), problems)
    if tables.META in data:
        shown[tables.META] = data[tables.META]
    kept = ceremony_entries(data.get(AUDIT))
    newest = _newest_audit(data.get(AUDIT))
    if newest is not None:
        kept.update(newest)
    if kept:
        shown[AUDIT] = kept
    return shown


def ceremony_entries(audit: Any) -> dict[str, Any]:
    """{doc id: entry} of the audit entries that recorded the ceremony and its seal."""
    if not isinstance(audit, dict):
        return {}
    spec = shape.model_spec(tables.spec(AUDIT).model)
    return {doc_id: doc for doc_id, doc in audit.items()
            if isinstance(doc, dict) and doc.get("action") in CEREMONY_ACTIONS
            and not shape.record_problems(spec, doc, AUDIT, None)}


def _newest_audit(audit: Any) -> dict[str, Any] | None:
    """{doc id: entry} of the audit log's newest well-formed entry (the highest seq), or None."""
    if not isinstance(audit, dict) or not audit:
        return None
    last_id = next(reversed(audit))
    last = audit[last_id]
    if not (isinstance(last, dict) and type(last.get("seq")) is int):
        good = [(doc["seq"], doc_id) for doc_id, doc in audit.items()
                if isinstance(doc, dict) and type(doc.get("seq")) is int]
        if not good:
            return None
        last_id = max(good)[1]
        last = audit[last_id]
    if shape.record_problems(shape.model_spec(tables.spec(AUDIT).model), last, AUDIT, None):
        return None
    return {last_id: last}


def written_by_this_app(raw: bytes, data: dict[str, Any]) -> bool:
    """Whether `raw` is compact orjson of `data` as this app writes it, checked on every
    table's key and on the bytes of the shown tables and the meta table: such a file repeats no
    key there. The bytes of the other tables (delegates, audit) are not serialized again: a
    run of them is skipped up to the next checked table's exact bytes."""
    if raw[:1] != b"{" or raw[-1:] != b"}":
        return False
    checked = set(SHOWN) | {tables.META}
    items = list(data.items())
    at, i, n = 1, 0, len(items)
    try:
        while i < n:
            name, value = items[i]
            head = (b"," if i else b"") + orjson.dumps(name) + b":"
            if not raw.startswith(head, at):
                return False
            if name in checked:
                body = orjson.dumps(value)
                if not raw.startswith(body, at + len(head)):
                    return False
                at += len(head) + len(body)
                i += 1
                continue
            j = i + 1
            while j < n and items[j][0] not in checked:
                j += 1
            if j == n:
                at = len(raw) - 1  # the run of unchecked tables ends the file
            else:
                name_j, value_j = items[j]
                segment = b"," + orjson.dumps(name_j) + b":" + orjson.dumps(value_j)
                found = raw.find(segment, at + len(head))
                if found < 0:
                    return False
                at = found
            i = j
    except orjson.JSONEncodeError:
        return False
    return at == len(raw) - 1


class Follower:
    """Follows the store at `path` (see the module docstring). Not thread-safe: one poller."""

    def __init__(self, path: str | os.PathLike, *, now: Callable[[], dt.datetime] | None = None,
                 retries: int = RETRIES, retry_delay: float = RETRY_DELAY,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.path = Path(path)
        self.now = now or dt.datetime.now
        self.retries = retries
        self.retry_delay = retry_delay
        self.sleep = sleep
        self.view: StoreView | None = None
        #: the identity of the file last read whole and good (the view may be older: a read that
        #: changed none of the shown tables makes no new view)
        self.identity: Identity | None = None
        #: why the newest state of the file could not be read ("" when it could), in English
        self.problem = ""
        #: the error behind `problem` (None when the file could be read), for the UI to word
        self.problem_error: BaseException | None = None
        #: reads that failed and were tried again, since the start (for tests and the bench)
        self.retried = 0
        #: good reads of the file, since the start (for tests and the bench)
        self.reads = 0
        #: the identity of the file whose read was refused last: not read again until it changes
        self._refused: Identity | None = None

    def current_identity(self) -> Identity | None:
        return store_identity(self.path)

    def poll(self) -> StoreView | None:
        """A new view when the shown tables changed since the last good read, else None. Raises
        StoreError only when no good read was ever made (the first poll must succeed)."""
        current = self.current_identity()
        if self.view is not None:
            if current is None:  # being replaced on a system where that is not atomic
                return None
            if current == self.identity:
                self.problem, self.problem_error = "", None
                return None
            if current == self._refused and self.problem:  # still the file refused last time
                return None
        error: BaseException | None = None
        delay = self.retry_delay
        for attempt in range(self.retries + 1):
            try:
                identity, data = read_store(self.path)
            except FileNotFoundError as exc:
                error = exc
            except (TornRead, ValueError, StoreError, OSError) as exc:
                error = exc
                if getattr(exc, "code", None) in LASTING:
                    break
            else:
                self.problem, self.problem_error, self._refused = "", None, None
                self.identity = identity
                self.reads += 1
                if self.view is not None and _same_shown(self.view.data, data):
                    return None
                self.view = StoreView(self.path, data, identity, self.now)
                return self.view
            if attempt < self.retries:
                self.retried += 1
                self.sleep(delay)
                delay = min(delay * 2, 0.2)
        self.problem, self.problem_error = _reason(error), error
        self._refused = current
        if self.view is None:
            if isinstance(error, StoreError):
                raise error
            raise StoreError(code="follow_failed", path=str(self.path), why=self.problem, cause=error)
        return None


def _same_shown(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether two reads hold the same shown tables (small: compared as values)."""
    return all(old.get(name) == new.get(name) for name in SHOWN) and \
        ceremony_entries(old.get(AUDIT)) == ceremony_entries(new.get(AUDIT))


def _reason(error: BaseException | None) -> str:
    if isinstance(error, OSError) and not isinstance(error, StoreError):
        return error.strerror or str(error)
    return " ".join(str(error).split()) or type(error).__name__
