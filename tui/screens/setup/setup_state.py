"""What the setup panel says, from the store's values: pure functions, no screen.

- `summary_lines(conference, units)`: the conference in three lines (or the "not set" line);
- `gap_lines(gaps)`: what is still missing, each with the key of the panel that fixes it;
- `unit_cells(unit, conference, delegates)`: one row of the units table.
"""

from __future__ import annotations

from typing import Sequence

from store.models import Conference, Unit
from store.models.conference import Gap
from wording.numbers import day, integer, number

from rich.text import Text

from ...actions import key_of
from ...i18n import t
from ...text import literal

#: the panel (action id) that fixes each kind of gap
PANEL_ACTIONS = {"setup": "", "agenda": "app.panel.agenda", "scorecards": "app.panel.scorecards",
                 "covenant": "app.panel.covenant", "delegates": "app.panel.delegates"}
#: the setup panel's own key for each of its gaps
OWN_KEYS = {"no_conference": "setup.conference", "no_units": "setup.add", "no_host": "setup.conference",
            "no_head": "setup.head"}


def summary_lines(conference: Conference | None, units: Sequence[Unit]) -> list[str]:
    if conference is None:
        return [t("setup.summary.none", key=key_of("setup.conference"))]
    names = {u.code: u.short_name for u in units}
    unset = t("setup.summary.unset")
    return [
        conference.title,
        t("setup.summary.line2", cluster=conference.cluster or unset, year=conference.year,
          date=day(conference.date), venue=conference.venue or unset),
        t("setup.summary.line3", host=names.get(conference.host_unit, conference.host_unit) or unset,
          head=names.get(conference.head_unit, "") or unset,
          organizer=conference.organizer or unset),
    ]


def gap_key(gap: Gap) -> str:
    own = OWN_KEYS.get(gap.code)
    action = own if gap.panel == "setup" else PANEL_ACTIONS.get(gap.panel, "")
    return key_of(action) if action else ""


def gap_text(gap: Gap) -> str:
    params = dict(gap.params)
    if gap.code == "criteria_total":
        params = {"sum": number(params["sum"]), "total": number(params["total"])}
    return t(f"setup.gap.{gap.code}", **params)


def gap_lines(gaps: Sequence[Gap]) -> list[str]:
    if not gaps:
        return [t("setup.gap.ready")]
    return [t("setup.gap.line", text=gap_text(g), key=gap_key(g)) for g in gaps]


def unit_cells(unit: Unit, conference: Conference | None, delegates: int) -> tuple:
    roles = []
    if conference is not None and conference.host_unit == unit.code:
        roles.append(t("setup.role.host"))
    if conference is not None and conference.head_unit == unit.code:
        roles.append(t("setup.role.head"))
    return (str(unit.order), literal(unit.code), literal(unit.short_name), literal(unit.full_name),
            Text(integer(delegates), justify="right"), ", ".join(roles))
