"""What a store has committed, as a file and the journal records after it, and folding them.

The committed state of an open store is `base` (the bytes of its JSON file, generation
`generation`, kept compressed when large) plus the journal records appended since (`appended`, framed bytes). Memory can be
thrown back to it (`rebuild`) whatever TinyDB did to the documents in place, and it can be
written as one new file (`fold_bytes`).

A fold, in this order (the storage runs it; see `store.core.journal` for why it is crash-safe):
1. serialize the data with the stamp of generation G+1 (`fold_bytes`);
2. write it to a temp file, fsync, rename over the store, fsync the folder;
3. empty the journal (truncate, fsync); the next append is record G+1.1.
Killed before 2 ends: the old file and the whole journal (replayed). Killed between 2 and 3: the
new file, and a journal of generation G, skipped as folded already. A rewrite with nothing in
the journal keeps the generation (nothing to skip), so a store that never used the journal
stays a plain TinyDB file without a stamp.
"""

from __future__ import annotations

import datetime as dt
import threading
import zlib
from typing import Any, Callable

import orjson

from .decode import decode_store
from .journal import FORMAT_VERSION, encode_record, read_records, apply_changes, split_stamp, stamped

#: records appended before the journal is folded into the file, whatever else happens
FOLD_RECORDS = 2000
#: bytes of journal before it is folded
FOLD_BYTES = 8 * 1024 * 1024
#: a file's committed bytes this long or longer are kept compressed (PackedBytes)
PACK_ABOVE = 1024 * 1024


def now_text() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def pack_aside(pack: Callable[[], None]) -> None:
    threading.Thread(target=pack, name="pack-committed-bytes", daemon=True).start()


class PackedBytes:
    """Bytes kept compressed once a thread has packed them (100,000 delegates: a 35 MB file held
    as about 2.5 MB). The committed bytes are read back only to roll back, to back up, or to
    tell a rewritten file from a touched one; zlib packs them beside the event loop (it lets go
    of the interpreter while it works) and `bytes()` unpacks them (about 0.1 s at 35 MB)."""

    def __init__(self, raw: bytes) -> None:
        self.size = len(raw)
        self._raw: bytes | None = raw
        self._packed: bytes | None = None
        if self.size >= PACK_ABOVE:
            pack_aside(self._pack)

    def _pack(self) -> None:
        raw = self._raw
        if raw is not None:
            self._packed = zlib.compress(raw, 1)
            self._raw = None  # after the packed bytes are there: a reader always finds one of them

    def bytes(self) -> bytes:
        raw = self._raw
        return raw if raw is not None else zlib.decompress(self._packed)  # type: ignore[arg-type]


class Committed:
    """The committed state of one open store (see the module docstring)."""

    def __init__(self, base: bytes, generation: int, *, last_gen: int | None = None, seq: int = 0,
                 appended: bytes = b"", records: int = 0) -> None:
        self._base = PackedBytes(base)
        self.generation = generation
        #: the generation and seq of the last record appended (the next one follows them)
        self.last_gen = generation if last_gen is None else last_gen
        self.seq = seq
        #: framed records committed in the journal and not yet in the file, and how many
        self.appended: list[bytes] = [appended] if appended else []
        self.appended_bytes = len(appended)
        self.records = records

    @property
    def base(self) -> bytes:
        """The bytes of the file (generation `generation`)."""
        return self._base.bytes()

    def payload(self, changes: list[dict[str, Any]], by: str) -> dict[str, Any]:
        return {"v": FORMAT_VERSION, "gen": self.last_gen, "seq": self.seq + 1, "base": self._base.size,
                "at": now_text(), "by": by, "changes": changes}

    def encode(self, changes: list[dict[str, Any]], by: str) -> bytes:
        """The framed record that appends `changes` (see `store.core.journal`)."""
        return encode_record(self.payload(changes, by))

    def appended_record(self, record: bytes) -> None:
        self.appended.append(record)
        self.appended_bytes += len(record)
        self.records += 1
        self.seq += 1

    def fold_due(self, every: int = FOLD_RECORDS, max_bytes: int = FOLD_BYTES) -> bool:
        return self.records >= every or self.appended_bytes >= max_bytes

    def rebuild(self) -> dict[str, Any]:
        """The committed data, parsed again from the file's bytes and the records since."""
        data = decode_store(self.base, verified=True)
        split_stamp(data)
        for record in read_records(b"".join(self.appended)).records:
            apply_changes(data, record.payload["changes"])
        return data

    def fold_bytes(self, data: dict[str, Any]) -> tuple[bytes, int]:
        """(the bytes of a file holding `data`, its generation): the next generation when records
        are folded, the same otherwise (no stamp at all for generation 0)."""
        generation = self.generation + 1 if self.appended or self.last_gen != self.generation else self.generation
        if generation == 0:
            return orjson.dumps(data), 0
        return orjson.dumps(stamped(data, generation, now_text())), generation

    def folded(self, raw: bytes, generation: int) -> None:
        """The file now holds `raw` (generation `generation`) and the journal nothing after it."""
        self._base, self.generation, self.last_gen = PackedBytes(raw), generation, generation
        self.seq = 0
        self.appended, self.appended_bytes, self.records = [], 0, 0
