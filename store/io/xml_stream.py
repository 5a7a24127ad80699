"""One part of an .xlsx read as XML, streamed through expat and bounded before the work.

expat 2.5 re-reads a token that is not yet complete each time more bytes are given, so one huge
token (a 60 MB attribute, an 8 MB comment) cost minutes when fed in small chunks. Here the part
is inflated chunk by chunk, its size counted as it inflates (the zip directory's size is checked
before; a directory that lies gains nothing), and after each chunk the token still pending is
measured (expat's own position of the token it waits on): beyond `limits.MAX_TOKEN_BYTES` the
part is refused, so no token is ever re-read more than a few times.

The caller sets its handlers on the parser (`new_parser`); names come as "namespace}local"
(`local` gives the local name); `feed_part` yields after each chunk so that a generator can hand
on what its handlers collected.
"""

from __future__ import annotations

import pyexpat
from typing import Any, Iterator

from . import limits

CHUNK_BYTES = 64 * 1024


def new_parser() -> Any:
    """An expat parser with namespaces resolved and text given in large pieces."""
    parser = pyexpat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = CHUNK_BYTES
    return parser


_LOCAL: dict[str, str] = {}


def local(name: str) -> str:
    """The local part of an element's name ("c" of "http://…/main}c")."""
    try:
        return _LOCAL[name]
    except KeyError:
        short = name.rpartition("}")[2]
        if len(_LOCAL) < 4096:
            _LOCAL[name] = short
        return short


def feed_part(archive: Any, part: str, parser: Any, limit: int = limits.MAX_PART_BYTES) -> Iterator[None]:
    """Give the part `part` of the zip `archive` to `parser`, chunk by chunk, yielding after each;
    limits.Refused when it inflates beyond `limit` bytes or holds a token longer than
    limits.MAX_TOKEN_BYTES; pyexpat.ExpatError when it is not XML."""
    inflated = 0
    with archive.open(part) as source:
        while True:
            chunk = source.read(CHUNK_BYTES)
            if not chunk:
                break
            inflated += len(chunk)
            if inflated > limit:
                raise limits.Refused("part_inflated", part=part, limit=limit)
            parser.Parse(chunk, False)
            if inflated - parser.CurrentByteIndex > limits.MAX_TOKEN_BYTES:
                raise limits.Refused("xml_token", part=part, limit=limits.MAX_TOKEN_BYTES)
            yield
    parser.Parse(b"", True)
    yield


def parse_part(archive: Any, part: str, parser: Any, limit: int = limits.MAX_PART_BYTES) -> None:
    """`feed_part` to the end (for a part whose handlers collect everything themselves)."""
    for _ in feed_part(archive, part, parser, limit):
        pass
