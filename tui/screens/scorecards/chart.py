"""Bar charts drawn with block characters: the units' totals in ranking order on a scale that
starts near the lowest score (an eighth of a cell is the smallest step, so a quarter of a point
shows at 80 columns), and a unit's groups as paired bars (own against cluster)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from store.models import ranking
from wording.numbers import number

from ...i18n import t
from ...text import literal

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    style: str = "bold"
    #: a second, shorter line under the bar (the paired bar's own label)
    note: str = ""


def bar(length_eighths: int) -> str:
    whole, part = divmod(max(0, length_eighths), 8)
    return FULL * whole + (EIGHTHS[part] if part else "")


def _fit(label: str, width: int) -> str:
    if cell_len(label) <= width:
        return label + " " * (width - cell_len(label))
    out = ""
    for ch in label:
        if cell_len(out + ch) > width - 1:
            break
        out += ch
    return out + "…" + " " * (width - 1 - cell_len(out))


def render_bars(bars: Sequence[Bar], width: int, low: float, high: float, *, axis: bool = True) -> Text:
    """One line per bar: label, the bar from `low`, the value ("95,75"); an axis line under."""
    label_w = min(18, max((cell_len(b.label) for b in bars), default=4))
    value_w = 7
    bar_w = max(10, width - label_w - value_w - 3)
    span = (high - low) or 1.0
    text = Text(no_wrap=True, overflow="crop")
    for b in bars:
        text.append(literal(_fit(b.label, label_w)))
        text.append(" │")
        if b.value is None:
            text.append(" " * bar_w)
            text.append(" " + number(None).rjust(value_w - 1))
        else:
            eighths = round((min(max(b.value, low), high) - low) / span * bar_w * 8)
            drawn = bar(eighths)
            text.append(drawn, style=b.style)
            text.append(" " * (bar_w - cell_len(drawn)))
            text.append(" " + number(b.value).rjust(value_w - 1))
        text.append("\n")
    if axis:
        line = " " * label_w + " └" + "─" * bar_w
        text.append(line + "\n", style="dim")
        left, right = number(low, 0), number(high, 0)
        middle = number((low + high) / 2, 1 if (low + high) % 2 else 0)
        pad = bar_w - len(left) - len(right) - len(middle)
        axis_text = " " * (label_w + 2) + left + " " * (pad // 2) + middle + " " * (pad - pad // 2) + right
        text.append(axis_text, style="dim")
    return text


def ranking_bars(rows: Sequence[ranking.RankedUnit], first_tier: str = "") -> tuple[list[Bar], float, float]:
    """The ranked units' cluster totals, best first, and the chart's scale."""
    ranked = [r for r in rows if r.rank is not None]
    low, high = ranking.chart_range([r.total for r in ranked if r.total is not None])
    bars = []
    for r in ranked:
        style = "bold red" if r.award_code and r.award_code == first_tier else (
            "bold yellow" if r.award_code else "bold cyan")
        bars.append(Bar(f"{r.rank}. {r.unit.short_name}", r.total, style))
    return bars, low, high


class RankingChart(Static):
    """The totals in ranking order (the panel's chart view)."""

    DEFAULT_CSS = "RankingChart { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self._rows: tuple = ()
        self._first = ""

    def show(self, rows: Sequence[ranking.RankedUnit], first_tier: str = "") -> None:
        self._rows, self._first = tuple(rows), first_tier
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        bars, low, high = ranking_bars(self._rows, self._first)
        if not bars:
            self.update(Text(t("scorecards.chart.empty")))
            return
        width = self.content_region.width or self.app.size.width - 2
        said = t("scorecards.chart.caption", low=number(low, 0), high=number(high, 0))
        if low > 0:  # a zoomed axis says so: a bar's length is not its score
            said += " · " + t("scorecards.chart.zoomed", low=number(low, 0))
        caption = Text(said + "\n", style="bold")
        self.update(caption + render_bars(bars, width, low, high))


def group_bars(groups, card) -> list[tuple[str, list[Bar], float]]:
    """Per content group: its title, the own and cluster bars, and its maximum."""
    out = []
    for g in groups:
        gs = card.group(g.code) if card else None
        out.append((g.title, [Bar(t("scorecards.chart.own"), gs.self_points if gs else None, "bold cyan"),
                              Bar(t("scorecards.chart.cluster"), gs.cluster_points if gs else None, "bold yellow")],
                    g.max_points))
    return out


class GroupChart(Static):
    """A unit's groups as paired bars, each from 0 to the group's maximum."""

    DEFAULT_CSS = "GroupChart { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__("", **kwargs)
        self._groups: tuple = ()
        self._card = None

    def show(self, groups, card) -> None:
        self._groups, self._card = tuple(groups), card
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = self.content_region.width or self.app.size.width - 2
        text = Text(no_wrap=True, overflow="crop")
        for i, (title, bars, top) in enumerate(group_bars(self._groups, self._card)):
            text.append_text(literal(_fit(f"{self._groups[i].code}. {title}", width), "bold"))
            text.append("\n")
            text.append_text(render_bars(bars, width, 0.0, top, axis=False))
        self.update(text)
