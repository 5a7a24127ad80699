"""The parts of an .xlsx a sheet's values need besides the sheet: its shared strings and which of
its cell styles show dates, each read as a bounded stream (store.io.xml_stream).

A shared string longer than a cell may be (limits.MAX_CELL_CHARS) is not built: it is kept as
`TOO_LONG`, refused only if a cell that is read uses it (another sheet may hold a long text).
A string split into more formatted runs than a cell has characters is refused at once.
"""

from __future__ import annotations

from typing import Any

from . import limits
from .xml_stream import local, new_parser, parse_part


class TooLong(str):
    """A shared string longer than limits.MAX_CELL_CHARS, left unbuilt (its text is empty)."""


TOO_LONG = TooLong("")


def read_shared_strings(archive: Any, part: str) -> list[str]:
    """The workbook's shared strings (plain text of each <si>, phonetic runs left out)."""
    strings: list[str] = []
    pieces: list[str] = []
    state = {"depth": 0, "phonetic": 0, "text": False, "chars": 0, "runs": 0}

    def start(name: str, _attrs: Any) -> None:
        tag = local(name)
        if tag == "si":
            state["depth"] += 1
            pieces.clear()
            state["chars"] = state["runs"] = 0
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "t" and state["depth"] and not state["phonetic"]:
            state["text"] = True
        elif tag == "r" and state["depth"]:
            state["runs"] += 1
            if state["runs"] > limits.MAX_CELL_CHARS:
                raise limits.Refused("string_runs", index=len(strings) + 1, limit=limits.MAX_CELL_CHARS)

    def end(name: str) -> None:
        tag = local(name)
        if tag == "t":
            state["text"] = False
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "si" and state["depth"]:
            state["depth"] -= 1
            if state["chars"] > limits.MAX_CELL_CHARS:
                strings.append(TOO_LONG)
            else:
                strings.append("".join(pieces).replace("_x005F_", "_"))
            if len(strings) > limits.MAX_SHARED_STRINGS:
                raise limits.Refused("shared_strings", limit=limits.MAX_SHARED_STRINGS)

    def text(data: str) -> None:
        if state["text"]:
            state["chars"] += len(data)
            if state["chars"] <= limits.MAX_CELL_CHARS:
                pieces.append(data)

    parser = new_parser()
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    parse_part(archive, part, parser)
    return strings


def read_date_styles(archive: Any) -> tuple[set[int], set[int]]:
    """The cell styles (indexes of cellXfs) whose number format shows a date or a duration;
    more styles than Excel allows (64,000) is refused."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

    if "xl/styles.xml" not in archive.namelist():
        return set(), set()
    custom: dict[int, str] = {}
    used: list[int] = []
    in_xfs = [False]

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "cellXfs":
            in_xfs[0] = True
        elif tag == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif tag == "xf" and in_xfs[0]:
            try:
                used.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                used.append(0)
            if len(used) > limits.MAX_STYLES:
                raise limits.Refused("styles", limit=limits.MAX_STYLES)

    def end(name: str) -> None:
        if local(name) == "cellXfs":
            in_xfs[0] = False

    parser = new_parser()
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parse_part(archive, "xl/styles.xml", parser)
    dates, durations = set(), set()
    for index, number_format in enumerate(used):
        text = custom.get(number_format) or BUILTIN_FORMATS.get(number_format)
        if text and is_date_format(text):
            dates.add(index)
        if text and is_timedelta_format(text):
            durations.add(index)
    return dates, durations
