"""Live attendance: present / expected in total and per unit, in the cluster's order (or, in
the desk's view of who has not arrived, how many are still expected, per unit that misses some).

Lines break only between entries, never inside a unit's name ("Lào Cai 0/4" stays whole); when
the entries need more lines than the bar has, the last line ends in "…" (all units remain in
the list of delegates and the introduction list).
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widgets import Static

from store.models.roster import Attendance
from wording.text import visible

from ..i18n import t

SEPARATOR = "  ·  "
MAX_LINES = 4


def lay_out(entries: list[tuple[str, str]], width: int, max_lines: int = MAX_LINES) -> list[list[tuple[str, str]]]:
    """(text, style) entries in lines of at most `width` cells, broken only between entries;
    an entry wider than a line is cut with "…"; more than `max_lines` lines: the last ends "…"."""
    width = max(width, 4)
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    for text, style in entries:
        if cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        need = cell_len(text) + (cell_len(SEPARATOR) if lines[-1] else 0)
        if lines[-1] and used + need > width:
            lines.append([])
            used, need = 0, cell_len(text)
        lines[-1].append((text, style))
        used += need
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and sum(cell_len(x) for x, _ in last) + cell_len(SEPARATOR) * len(last) + 1 > width:
            last.pop()
        last.append(("…", "dim"))
    return lines


class AttendanceBar(Static):
    DEFAULT_CSS = """
    AttendanceBar { height: auto; max-height: 4; padding: 0 1; background: $boost; }
    """

    _rows: list[Attendance] = []
    #: count who has not arrived (the desk's view of who is still expected)
    _absent = False

    def show(self, rows: list[Attendance], *, absent: bool = False) -> None:
        self._rows = rows
        self._absent = absent
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def entries(self) -> list[tuple[str, str]]:
        rows = self._rows
        present = sum(r.present for r in rows)
        expected = sum(r.expected for r in rows)
        if self._absent:
            return self._absent_entries(rows, expected - present, expected)
        out = [(t("attendance.total", present=present, expected=expected), "bold")]
        for r in rows:
            style = "green" if r.expected and r.present == r.expected else ("" if r.present else "dim")
            out.append((f"{visible(r.label)} {r.present}/{r.expected}", style))
        return out

    @staticmethod
    def _absent_entries(rows: list[Attendance], absent: int, expected: int) -> list[tuple[str, str]]:
        """Who has not arrived: in total, and per unit that still misses someone."""
        out = [(t("attendance.absent_total", absent=absent, expected=expected), "bold")]
        for r in rows:
            if r.expected - r.present:
                out.append((f"{visible(r.label)} {r.expected - r.present}", "yellow"))
        return out

    def _draw(self) -> None:
        width = (self.content_region.width or (self.app.size.width - 2))
        text = Text(no_wrap=True, overflow="ellipsis")
        for n, line in enumerate(lay_out(self.entries(), width)):
            if n:
                text.append("\n")
            for m, (entry, style) in enumerate(line):
                if m:
                    text.append(SEPARATOR)
                text.append(entry, style=style)
        self.update(text)
