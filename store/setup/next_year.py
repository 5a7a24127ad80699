"""Next year's conference from this year's store.

`plan_next_year(old_path)` reads OLD without opening it as a store (no lock, no backup, no write:
the file stays byte-identical) and checks it as `hoinghi check` does; it returns the documents of
next year's store and a report of what was carried and what was left.

Carried: the conference (the year plus one; the date proposed a year later; the cluster head
chosen at OLD becomes host and cluster head), the member units in their order, the scoring
criteria, bonus and deduction rules and quotas (the scoring_config record and content groups
copied whole, so fields a newer model adds survive), the covenant signed at OLD as what the new
year is scored against (the content groups take its wording), a draft of the following covenant
copied from it (year plus one, unsigned), and the agenda's running order (every item planned
again, no times recorded). Left: delegates and their check-ins, scores and indicators, signatures,
handovers and the audit log.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from ..core.opening import load_checked
from ..covenant.order import completed_order
from ..errors import StoreError
from wording.catalog import english
from ..validation import date_shown
from ..models import AgendaItem, Conference, Covenant, CovenantGroup, Unit

LEFT = ("delegates", "scores", "indicators", "signatures", "handovers", "audit")


@dataclass(frozen=True)
class NextYearPlan:
    source: str
    documents: dict[str, list[dict[str, Any]]]
    #: (catalog key, params) per line of the report: what was carried, then what was left
    carried: tuple[tuple[str, dict[str, Any]], ...]
    left: tuple[tuple[str, dict[str, Any]], ...]
    #: what a person must look at (proposed values)
    check: tuple[tuple[str, dict[str, Any]], ...] = field(default=())

    def describe(self, word: Callable[..., str] = english) -> list[str]:
        """The report in `word`'s language: what is carried over, what to look at, what is left."""
        return describe(self, word)


def _year_in(text: str, old: int, new: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def _a_year_later(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    try:
        return day.replace(year=day.year + 1).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28).isoformat()


def _docs(raw: dict[str, Any], name: str) -> list[dict[str, Any]]:
    table = raw.get(name) or {}
    return [dict(doc) for _, doc in sorted(table.items(), key=lambda item: int(item[0]))]


def plan_next_year(old_path: str | os.PathLike) -> NextYearPlan:
    raw = load_checked(old_path)
    source = os.path.basename(os.fspath(old_path))
    conf_docs = _docs(raw, "conference")
    if not conf_docs:
        raise StoreError(code="no_conference_to_continue", path=str(source))
    old = Conference.from_doc(conf_docs[0])
    units = sorted((Unit.from_doc(d) for d in _docs(raw, "units")), key=lambda u: u.order)
    by_code = {u.code: u for u in units}
    cov_docs = _docs(raw, "covenant")
    covenant = Covenant.from_doc(cov_docs[0]) if cov_docs else None
    carried: list[tuple[str, dict[str, Any]]] = []
    check: list[tuple[str, dict[str, Any]]] = []
    docs: dict[str, list[dict[str, Any]]] = {}

    # the conference: a year later, hosted by the cluster head chosen at OLD
    year = old.year + 1
    chosen = covenant.next_head_unit if covenant else ""
    chosen = chosen if chosen in by_code else ""
    host = chosen or old.head_unit or old.host_unit
    venue, organizer = old.venue, old.organizer
    if host != old.host_unit and host in by_code:
        venue, organizer = by_code[host].short_name, by_code[host].full_name
        check.append(("setup.next.venue", {"venue": venue, "organizer": organizer}))
    date = _a_year_later(old.date)
    conference = {**old.to_doc(), "year": year, "title": _year_in(old.title, old.year, year),
                  "date": date, "host_unit": host, "head_unit": host if host in by_code else "",
                  "venue": venue, "organizer": organizer,
                  # a new year's papers get new numbers; another host issues them from its own place
                  "doc_numbers": {}}
    if host != old.host_unit:
        conference.update(issuer="", doc_place="")
    docs["conference"] = [Conference.from_doc(conference).to_doc()]
    carried.append(("setup.next.conference", {"year": year, "title": conference["title"]}))
    check.insert(0, ("setup.next.date", {"date": date_shown(date)}))
    host_name = by_code[host].short_name if host in by_code else host
    if chosen:
        carried.append(("setup.next.host", {"unit": host_name, "old_year": old.year}))
    else:
        check.append(("setup.next.host_kept", {"unit": host_name, "old_year": old.year}))

    # the member units, in their order
    docs["units"] = [u.to_doc() for u in units]
    carried.append(("setup.next.units", {"n": len(units)}))

    # the scoring configuration and criteria, whole; worded as the covenant signed at OLD
    groups = _docs(raw, "content_groups")
    config = _docs(raw, "scoring_config")
    renamed: list[str] = []
    unscored: list[str] = []
    if covenant is not None:
        by_group = {g.code: g for g in covenant.groups}
        for doc in groups:
            signed = by_group.get(doc.get("code"))
            if signed is not None and signed.content and signed.content != doc.get("title"):
                doc["title"] = signed.content
                renamed.append(doc["code"])
        known = {d.get("code") for d in groups}
        unscored = [g.code for g in covenant.groups if g.code not in known]
    docs["content_groups"] = groups
    if config:
        docs["scoring_config"] = config
        lock = config[0].get("lock_date")  # the scorecards' finalizing day: a year later too
        if isinstance(lock, str) and lock:
            try:
                config[0]["lock_date"] = _a_year_later(lock)
                check.append(("setup.next.lock_date", {"date": date_shown(config[0]["lock_date"])}))
            except ValueError:
                pass
    cfg = config[0] if config else {}
    carried.append(("setup.next.criteria", {
        "groups": len(groups), "bonuses": len(cfg.get("bonus_rules", ())),
        "deductions": len(cfg.get("deduction_rules", ())), "flag": cfg.get("flag_quota", "—"),
        "merit": cfg.get("merit_quota", "—")}))
    if covenant is not None:
        carried.append(("setup.next.scored_against", {"old_year": old.year, "title": covenant.title}))
    if renamed:
        carried.append(("setup.next.renamed_groups", {"codes": ", ".join(renamed)}))
    if unscored:
        check.append(("setup.next.unscored_groups", {"codes": ", ".join(unscored)}))

    # a draft of the following covenant, copied from the one signed (unsigned, unsealed)
    if covenant is not None:
        draft = Covenant(year=covenant.year + 1, title=_year_in(covenant.title, covenant.year, covenant.year + 1),
                         movements=covenant.movements,
                         groups=tuple(CovenantGroup(g.code, g.order, g.content, g.measure, g.target)
                                      for g in covenant.groups),
                         signing_order=completed_order((c for c in covenant.signing_order if c in by_code),
                                                       (u["code"] for u in docs["units"])))
        docs["covenant"] = [draft.to_doc()]
        carried.append(("setup.next.draft", {"year": draft.year, "groups": len(draft.groups),
                                             "movements": len(draft.movements)}))

    # the agenda's running order, planned again
    agenda = []
    for doc in _docs(raw, "agenda"):
        item = AgendaItem.from_doc(doc)
        agenda.append(AgendaItem(code=item.code, order=item.order, planned_start=item.planned_start,
                                 duration_min=item.duration_min, title=_year_in(item.title, old.year, year),
                                 kind=item.kind, presenter=item.presenter).to_doc())
    if agenda:
        docs["agenda"] = agenda
        carried.append(("setup.next.agenda", {"n": len(agenda)}))

    left = [("setup.next.left", {"what": what, "n": len(raw.get(what) or {})}) for what in LEFT]
    return NextYearPlan(source, {k: v for k, v in docs.items() if v}, tuple(carried), tuple(left), tuple(check))


def describe(plan: NextYearPlan, word: Callable[..., str] = english) -> list[str]:
    lines = [word("setup.next.title", source=plan.source), word("setup.next.carried_head")]
    lines += [f"  + {word(key, **params)}" for key, params in plan.carried]
    if plan.check:
        lines.append(word("setup.next.check_head"))
        lines += [f"  ! {word(key, **params)}" for key, params in plan.check]
    lines.append(word("setup.next.left_head"))
    for key, params in plan.left:
        what = word(f"setup.next.left_what.{params['what']}")
        lines.append(f"  - {word(key, what=what, n=params['n'])}")
    return lines


def create_store(path: str | os.PathLike, plan: NextYearPlan, **options: Any):
    from ..service import Service

    return Service.create(path, documents=plan.documents,
                          origin={"next_year_of": plan.source,
                                  "carried": sorted(plan.documents), "left": list(LEFT)}, **options)
