"""The covenant panel's signing table: one row per unit of the signing order (its signer,
position, authority and time, or absent), the unit whose turn it is in bold, and columns sized
from what they can come to hold, once (the order's units, their delegates' names and positions,
"HH:MM"), so that a signing never squeezes a name or a time and no column jumps per change."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from wording.numbers import clock_time

from ...i18n import t
from ...text import literal
from ...textual_internals import refit_columns
from ..common import rows

COLUMNS = ("order", "unit", "signer", "position", "behalf", "time")
#: what the long texts give up, by share, when the screen is narrow (signer and time never)
FLEXIBLE = {"position": 3, "behalf": 2}
#: a flexible column is never narrower than this
MIN_FLEX = 10
#: "HH:MM"
TIME_WIDTH = 5


def add_columns(table: DataTable) -> None:
    rows.add_columns(table, [(c, t("cov.col.authority" if c == "behalf" else f"covenant.col.{c}")) for c in COLUMNS])


def show(table: DataTable, covenant: Any, progress: Any, units: Mapping[str, Any],
         signed: Mapping[str, Any]) -> None:
    """Every unit of the order in its row, in the order."""
    found = {}
    for n, code in enumerate(covenant.signing_order, start=1):
        s = signed.get(code)
        unit = units.get(code)
        name = literal(unit.short_name if unit else code, "bold" if code == progress.current else "")
        if s is not None and s.absent:
            found[code] = (str(n), name, Text(t("cov.absent_word"), style="italic"), "", "",
                           clock_time(s.signed_at)[:5])
        else:
            found[code] = (str(n), name, literal(s.signer if s else "—"), literal(s.position if s else ""),
                           literal(s.authority_line if s else ""), clock_time(s.signed_at)[:5] if s else "")
    rows.sync(table, found)
    position = {str(n): code for n, code in enumerate(covenant.signing_order, start=1)}
    rows.order_rows(table, list(covenant.signing_order), "order", lambda cell: position.get(str(cell)))


def content_widths(table: DataTable, covenant: Any, units: Mapping[str, Any], delegates: Iterable[Any],
                   signed: Mapping[str, Any]) -> dict[str, int]:
    """The width each column needs for anything it can come to show: the order's units, the
    names, positions and bodies of those who can sign for them (and of those who did)."""
    titles = {c.key.value: cell_len(str(c.label)) for c in table.ordered_columns}
    wanted = dict(titles)

    def fit(key: str, text: str) -> None:
        wanted[key] = max(wanted[key], cell_len(text))

    fit("order", str(len(covenant.signing_order)))
    fit("time", "0" * TIME_WIDTH)
    fit("signer", t("cov.absent_word"))
    for code in covenant.signing_order:
        unit = units.get(code)
        fit("unit", unit.short_name if unit else code)
        if unit is not None:
            fit("behalf", f"T/M {unit.full_name}")
    order = set(covenant.signing_order)
    for d in delegates:
        if d.unit_code in order:
            fit("signer", d.full_name)
            fit("position", d.position)
            if d.on_behalf_of:
                fit("behalf", f"K/T {d.on_behalf_of}")
    for s in signed.values():
        fit("signer", s.signer)
        fit("position", s.position)
        fit("behalf", s.authority_line)
    return wanted


def size(table: DataTable, wanted: Mapping[str, int], width: int) -> None:
    """Columns at their wanted width; when they do not fit, the flexible ones share what the
    others leave (by FLEXIBLE's shares, never under MIN_FLEX)."""
    padding = 2 * table.cell_padding
    columns = {c.key.value: c for c in table.ordered_columns}
    widths = {key: wanted.get(key, 1) for key in columns}
    fixed = sum(w + padding for key, w in widths.items() if key not in FLEXIBLE)
    room = width - fixed - 2 - padding * len(FLEXIBLE)  # 2: the scrollbar
    flex = {key: widths[key] for key in FLEXIBLE}
    if sum(flex.values()) > room:
        shares = sum(FLEXIBLE.values())
        spare = room
        for key in sorted(FLEXIBLE, key=lambda k: flex[k]):  # the shorter keeps all it needs if it can
            fair = max(MIN_FLEX, spare * FLEXIBLE[key] // shares)
            widths[key] = min(flex[key], fair)
            spare -= widths[key]
            shares -= FLEXIBLE[key]
    for key, column in columns.items():
        column.auto_width = False
        column.width = widths[key]
    refit_columns(table)
    table.refresh(layout=True)
