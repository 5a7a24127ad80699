"""What is still missing before the day: one `Gap` per thing a conference needs and lacks.

Pure: it reads the service and says; the setup panel shows the gaps with the key of the panel
where each is fixed (the agenda, the scorecards, the covenant, the desk).
"""

from __future__ import annotations

from typing import Any

from ..models.conference import Gap

#: a tolerance for sums of points written with decimals
EPSILON = 1e-6



def gaps(service: Any) -> list[Gap]:
    """Everything missing, in the order a secretariat would fix it."""
    out: list[Gap] = []
    conference = service.conference.get()
    units = service.conference.units()
    if conference is None:
        out.append(Gap("no_conference", "setup"))
    if not units:
        out.append(Gap("no_units", "setup"))
    if conference is not None and units:
        if not conference.host_unit:
            out.append(Gap("no_host", "setup"))
        if not conference.head_unit:
            out.append(Gap("no_head", "setup"))
    if not service.agenda.items():
        out.append(Gap("no_agenda", "agenda"))
    groups = service.scoring.content_groups()
    if not groups:
        out.append(Gap("no_criteria", "scorecards"))
    else:
        total = sum(g.max_points for g in groups)
        target = service.scoring.config().total_max
        if abs(total - target) > EPSILON:
            out.append(Gap("criteria_total", "scorecards", {"sum": total, "total": target}))
    covenant = service.covenant.get()
    if covenant is None:
        out.append(Gap("no_covenant", "covenant"))
    else:
        if not covenant.groups:
            out.append(Gap("covenant_no_text", "covenant"))
        if not covenant.signing_order:
            out.append(Gap("covenant_no_units", "covenant"))
        elif units and not covenant.sealed:
            names = {u.code: u.short_name for u in units}
            outside = [names[c] for c in service.covenant.outside_order()]
            if outside:
                out.append(Gap("covenant_outside_order", "covenant",
                               {"count": len(outside), "units": ", ".join(outside)}))
    if units and not service.delegates.all():
        out.append(Gap("no_delegates", "delegates"))
    return out
