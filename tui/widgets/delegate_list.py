"""The desk's result list: draws only the rows on screen, from lines cached per delegate.

The stock DataTable measures and renders every row it holds through Rich, which costs tens of
milliseconds per refill at desk speed. Here a refill is a list assignment; painting costs one
cached string per visible row.
"""

from __future__ import annotations

from typing import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.models import Delegate
from wording.numbers import clock_time
from wording.text import visible

COLUMNS = ("name", "position", "unit", "checkin")


def column_widths(total: int) -> tuple[int, ...]:
    """Name, unit and time keep their width; the position takes what is left (after the
    leading space, the three gaps and a vertical scrollbar)."""
    name, unit, checkin = 28, 16, 8
    position = max(12, total - name - unit - checkin - 6)
    return name, position, unit, checkin


def fitted_widths(total: int, rows: Sequence[Sequence[str]], titles: Sequence[str]) -> tuple[int, ...]:
    """For a few rows told apart by position and unit (namesakes): the name and unit columns as
    wide as their longest cell or title (never wider than usual), the time as usual; the
    position takes all the rest, so that it is read whole where there is room."""
    usual = column_widths(total)
    def longest(column: int) -> int:
        cells = [cell_len(r[column]) for r in rows] + [cell_len(titles[column]) if titles else 0]
        return min(usual[column], max(cells))
    name, unit = longest(0), longest(2)
    position = max(usual[1], total - name - unit - usual[3] - 6)
    return name, position, unit, usual[3]


def format_row(cells: Sequence[str], widths: Sequence[int]) -> str:
    """Cells cut to their column (with "…") or padded, one space apart."""
    out = []
    for text, width in zip(cells, widths):
        if cell_len(text) > width:
            text = set_cell_size(text, width - 1) + "…"
        out.append(set_cell_size(text, width))
    return " " + " ".join(out)


class DelegateList(ScrollView, can_focus=False):
    """Rows are delegate codes; `cursor` is the highlighted row."""

    COMPONENT_CLASSES = {"delegate-list--cursor", "delegate-list--present"}
    DEFAULT_CSS = """
    DelegateList { height: 1fr; background: $surface; }
    DelegateList > .delegate-list--cursor { background: $accent; color: $text; text-style: bold; }
    DelegateList > .delegate-list--present { color: $success; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, unit_label: Callable[[Delegate], str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._unit_label = unit_label
        self._codes: list[str] = []
        self._delegates: dict[str, Delegate] = {}
        self._lines: dict[str, str] = {}
        self._widths = column_widths(120)
        #: columns sized from the rows shown (namesakes), not the usual widths
        self._fitted = False
        self._titles: Sequence[str] = ()

    def on_mount(self) -> None:
        self._widths = column_widths(self.app.size.width)  # as wide as the screen: right from the first frame

    @property
    def widths(self) -> tuple[int, ...]:
        return self._widths

    def _set_widths(self, total: int) -> None:
        if self._fitted and self._codes:
            widths = fitted_widths(total, [self.cells(code) for code in self._codes], self._titles)
        else:
            widths = column_widths(total)
        if widths != self._widths:
            self._widths = widths
            self._lines.clear()

    # ---- content ------------------------------------------------------------------------

    def show(self, codes: list[str], delegates: dict[str, Delegate], *, keep_cursor: bool = False,
             fitted: bool = False) -> None:
        """Show these rows (in this order) with the cursor on the first; with `keep_cursor`,
        on the delegate it was on, wherever that delegate now stands (if still shown).
        `fitted`: a few rows whose positions tell them apart: columns sized from them."""
        highlighted = self.highlighted
        self._codes = codes
        self._delegates = delegates
        if fitted or self._fitted:
            self._fitted = fitted
            self._set_widths(self.size.width or self.app.size.width)
        self.virtual_size = Size(self.size.width, len(codes))
        if keep_cursor and highlighted is not None:
            if self.highlighted == highlighted:
                self.refresh()
                return
            try:
                self.cursor = codes.index(highlighted)
            except ValueError:
                self.cursor = min(self.cursor, max(0, len(codes) - 1))
            self.refresh()
            return
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = 0
        self.refresh()

    def update_delegate(self, delegate: Delegate) -> None:
        """One delegate changed: redraw its line only."""
        self._delegates[delegate.code] = delegate
        self._lines.pop(delegate.code, None)
        self.refresh()

    def forget(self, code: str) -> None:
        self._lines.pop(code, None)

    def forget_all(self) -> None:
        """Drop every cached line (the units' names changed)."""
        self._lines.clear()

    @property
    def codes(self) -> list[str]:
        return self._codes

    @property
    def highlighted(self) -> str | None:
        return self._codes[self.cursor] if 0 <= self.cursor < len(self._codes) else None

    def cells(self, code: str) -> tuple[str, ...]:
        """What the row shows: literal text, control characters made visible."""
        d = self._delegates[code]
        return tuple(visible(text) for text in (
            d.full_name, d.position, self._unit_label(d), clock_time(d.checked_in_at)))

    def header(self, titles: Sequence[str]) -> str:
        self._titles = tuple(titles)
        return format_row(titles, self._widths)

    # ---- cursor -------------------------------------------------------------------------

    def move(self, delta: int) -> None:
        if self._codes:
            self.cursor = max(0, min(len(self._codes) - 1, self.cursor + delta))

    def move_to(self, code: str) -> None:
        if code in self._codes:
            self.cursor = self._codes.index(code)

    def watch_cursor(self, old: int, new: int) -> None:
        height = self.scrollable_content_region.height or 1
        top = round(self.scroll_y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        row = round(self.scroll_y) + event.y
        if 0 <= row < len(self._codes):
            self.cursor = row

    # ---- drawing ------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._set_widths(event.size.width)
        self.virtual_size = Size(event.size.width, len(self._codes))

    def render_line(self, y: int) -> Strip:
        row = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if not 0 <= row < len(self._codes):
            return Strip.blank(width, self.rich_style)
        code = self._codes[row]
        line = self._lines.get(code)
        if line is None:
            line = self._lines[code] = format_row(self.cells(code), self._widths)
        if row == self.cursor:
            style = self.get_component_rich_style("delegate-list--cursor")
        elif self._delegates[code].checked_in_at:
            style = self.get_component_rich_style("delegate-list--present")
        else:
            style = self.rich_style
        return Strip([Segment(line, style)], cell_len(line)).adjust_cell_length(width, style)
