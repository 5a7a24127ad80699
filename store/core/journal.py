"""The write-ahead journal beside a store file: its format, and reading it onto a store's data.

A store is two files: `<store>` (TinyDB's JSON, the document store) and `<store>.journal` (this
format). Each durable change appends one record to the journal and fsyncs that append only; the
JSON file is rewritten (atomically, with a new generation stamped in it) only when the journal
is *folded* into it. The state of the store is the file plus the journal's records replayed in
order. Everything here is pure (bytes in, data out), so any reader can use it.

Framing: one record per line, UTF-8,

    <length> <crc32> <payload>\\n

`length` is the payload's size in bytes (decimal, no leading zeros), `crc32` is the CRC-32
(zlib/IEEE) of the payload as 8 lowercase hex digits, `payload` is one compact JSON object
(orjson escapes every control character, so a payload never holds a raw newline). A record
counts only when it is whole: its length, its newline and its checksum all agree.

- A last record that is not whole (cut short, or bytes of a write the disk never finished, its
  checksum failing) is a *torn tail*: a power loss in the middle of an append, before that
  append was acknowledged. It is dropped, and the reader says so (`JournalRead.torn`).
- A record that fails its checksum or its framing while a whole record follows it is damage,
  not a torn append: the journal cannot be trusted past it, and the reader refuses
  (`JournalDamaged`).

Payload fields (a record of the main store; `v` = 1):

    {"v": 1, "gen": 7, "seq": 12, "base": 4213377, "at": "2026-12-06T02:41:07.213Z",
     "by": "Lan", "changes": [
        {"t": "delegates", "id": "58", "code": "D00058", "doc": {...the whole new document...}},
        {"t": "audit", "id": "9013", "code": "9013", "doc": {...the audit entry...}},
        {"t": "meta", "id": "1", "doc": {...}},
        {"t": "units", "id": "3", "code": "HN", "doc": null}]}

- `gen`: the generation of the file this record extends. The file stamps its own generation in
  a reserved top-level entry (`STAMP`: `{"_journal": {"1": {"generation": G}}}`, TinyDB's layout
  of a table, so a plain `TinyDB(path)` reads the file); a file without it is generation 0.
- `seq`: 1, 2, 3... within a generation, without gaps.
- `base`: the size in bytes of the file this generation extends (a cheap check that the file
  beside the journal is the one it was written against).
- `at`: when the record was appended (UTC, milliseconds); `by`: who made the change.
- `changes`: applied in order; each sets document `id` of table `t` to `doc` (the whole
  document, never a patch) or removes it (`doc` null). `code` is the record's stable code (the
  audit entry's seq for the audit log), for readers that follow records by code.
- Readers ignore fields they do not know. A desk journal (several desks) adds `"desk": NAME`.

Folding (`store.core.folding`) is crash-safe by generations: it writes the file with every
record so far and the stamp G+1 (temp file, fsync, rename, fsync of the folder), and only then
empties the journal. Replay (`replay_onto`) skips records older than the file's generation
(folded already: the kill landed between the rename and the emptying), applies the rest, and
refuses records newer than the file (the file is not the one they extend: a backup copied over
the store while its journal stayed).

Several desks (one writer per file): a desk's journal of desk events uses the same framing, the
same reader (`read_records`: whole records, a torn tail dropped, damage in the middle refused)
and the same appender (`store.core.journal_file.JournalFile`: append + fsync, a failed append cut
back). Its payloads carry `"desk"` and its own `seq` (events ordered per desk by seq, whatever the
laptops' clocks) and name delegates by `code`; they are not store changes, so `replay_onto`
(which checks `gen`, `seq` and `changes`) is for the store's own journal only.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any, Iterable

import orjson

from ..errors import register_errors

#: the reserved top-level entry of a store file that stamps its generation
STAMP = "_journal"
FORMAT_VERSION = 1
JOURNAL_SUFFIX = ".journal"

register_errors(("export_onto_journal", "stage_outside_change", "journal_damaged",
                 "journal_mismatch"))


class JournalDamaged(ValueError):
    """The journal's bytes cannot be trusted past record `record` (1-based); `code` says why."""

    def __init__(self, why: str, record: int) -> None:
        super().__init__(f"record {record}: {why}")
        self.why = why
        self.record = record


class JournalMismatch(ValueError):
    """The journal does not extend this file (another file, or an older copy of it)."""


@dataclass(frozen=True)
class Record:
    """One whole record: its payload, and where it ends in the journal's bytes."""

    payload: dict[str, Any]
    end: int

    @property
    def gen(self) -> int:
        return self.payload["gen"]

    @property
    def seq(self) -> int:
        return self.payload["seq"]


@dataclass(frozen=True)
class JournalRead:
    """The whole records of a journal; `torn` = bytes of a torn last append dropped (0: none)."""

    records: list[Record] = field(default_factory=list)
    torn: int = 0
    size: int = 0

    @property
    def good_size(self) -> int:
        """Bytes up to the end of the last whole record."""
        return self.records[-1].end if self.records else 0


def encode_record(payload: dict[str, Any]) -> bytes:
    """The framed bytes of one record (see the module docstring)."""
    body = orjson.dumps(payload)
    return b"%d %08x %s\n" % (len(body), zlib.crc32(body), body)


def _frame_at(raw: bytes, at: int) -> tuple[dict[str, Any], int] | str:
    """(payload, end) of the record starting at `at`, or why it is not a whole record."""
    first = raw.find(b" ", at, at + 21)
    if first < 0 or not raw[at:first].isdigit():
        return "no length"
    length = int(raw[at:first])
    if raw[first + 9:first + 10] != b" ":
        return "no checksum"
    try:
        crc = int(raw[first + 1:first + 9], 16)
    except ValueError:
        return "no checksum"
    start = first + 10
    end = start + length
    if end >= len(raw):
        return "cut short"
    if raw[end:end + 1] != b"\n":
        return "bad length"
    body = raw[start:end]
    if zlib.crc32(body) != crc:
        return "bad checksum"
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        return "not JSON"
    if not isinstance(payload, dict):
        return "not a record"
    return payload, end + 1


def _has_whole_record_after(raw: bytes, at: int) -> bool:
    """Whether a whole record starts at some line after `at` (damage, not a torn tail)."""
    line = raw.find(b"\n", at)
    while 0 <= line < len(raw) - 1:
        if not isinstance(_frame_at(raw, line + 1), str):
            return True
        line = raw.find(b"\n", line + 1)
    return False


def read_records(raw: bytes) -> JournalRead:
    """The whole records of a journal's bytes (any JSON objects: the framing is the same for a
    store's journal and a desk's). JournalDamaged when a record that is not whole is followed by
    one that is; a torn last record is dropped and counted in `torn`."""
    records: list[Record] = []
    at = 0
    while at < len(raw):
        framed = _frame_at(raw, at)
        if isinstance(framed, str):
            if _has_whole_record_after(raw, at):
                raise JournalDamaged(framed, len(records) + 1)
            return JournalRead(records, len(raw) - at, len(raw))
        payload, at = framed
        records.append(Record(payload, at))
    return JournalRead(records, 0, len(raw))


def generation_of(data: dict[str, Any]) -> int:
    """The generation stamped in a store's parsed data (0 when none is)."""
    stamp = data.get(STAMP)
    if isinstance(stamp, dict):
        for doc in stamp.values():
            if isinstance(doc, dict) and type(doc.get("generation")) is int:
                return doc["generation"]
    return 0


def split_stamp(data: dict[str, Any]) -> int:
    """Remove the stamp from parsed store data (in place) and return its generation."""
    generation = generation_of(data)
    data.pop(STAMP, None)
    return generation


def stamped(data: dict[str, Any], generation: int, at: str) -> dict[str, Any]:
    """`data` with the stamp of `generation` added last (a new top-level dict; tables shared)."""
    return {**data, STAMP: {"1": {"generation": generation, "folded_at": at}}}


def pending(records: Iterable[Record], generation: int, base_size: int) -> list[Record]:
    """The records to replay onto a file of `generation` and `base_size` bytes, in order.

    Older generations are skipped (folded already). From the file's generation on, every
    generation must follow the one before and every seq its predecessor; the file's own
    generation must have been written against a file of this size. JournalMismatch otherwise."""
    out: list[Record] = []
    expect_gen, expect_seq = generation, 1
    for number, record in enumerate(records, start=1):
        payload = record.payload
        if not (type(payload.get("gen")) is int and type(payload.get("seq")) is int
                and isinstance(payload.get("changes"), list)):
            raise JournalMismatch(f"record {number} is not a change of a store")
        gen, seq = record.gen, record.seq
        if gen < generation:
            continue
        if gen == expect_gen + 1 and seq == 1 and out:
            expect_gen, expect_seq = gen, 1
        if gen != expect_gen or seq != expect_seq:
            raise JournalMismatch(f"record {gen}.{seq} where {expect_gen}.{expect_seq} was expected")
        if gen == generation and record.payload.get("base", base_size) != base_size:
            raise JournalMismatch(f"written against a file of {record.payload.get('base')} bytes, "
                                  f"this one has {base_size}")
        out.append(record)
        expect_seq += 1
    return out


def apply_changes(data: dict[str, Any], changes: Iterable[dict[str, Any]]) -> None:
    """Apply one record's changes to parsed store data, in place."""
    for change in changes:
        table = data.get(change["t"])
        if not isinstance(table, dict):
            table = data[change["t"]] = {}
        doc = change.get("doc")
        if doc is None:
            table.pop(change["id"], None)
        else:
            table[change["id"]] = doc


@dataclass(frozen=True)
class Replayed:
    """What `replay_onto` did: the file's generation; the generation and seq reached (the next
    append continues from them); records applied, skipped as folded already (`stale`), torn
    bytes dropped; and where the applied records lie in the journal's bytes (`start`, `end`)."""

    generation: int
    last_gen: int
    last_seq: int
    applied: int
    stale: int
    torn: int
    start: int
    end: int


def replay_onto(data: dict[str, Any], journal: bytes, base_size: int) -> Replayed:
    """Replay a journal's bytes onto a store file's parsed data (in place; the stamp removed).

    `base_size`: the size of the file's bytes as read. JournalDamaged or JournalMismatch when
    the journal cannot be applied (see the module docstring); nothing is applied then."""
    generation = split_stamp(data)
    read = read_records(journal)
    todo = pending(read.records, generation, base_size)
    for record in todo:
        apply_changes(data, record.payload["changes"])
    skipped = len(read.records) - len(todo)
    start = read.records[skipped - 1].end if skipped else 0
    last = todo[-1] if todo else None
    return Replayed(generation, last.gen if last else generation, last.seq if last else 0, len(todo), skipped,
                    read.torn, start, read.good_size)
