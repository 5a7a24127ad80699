"""Whole-file consistency check: every record well formed and valid, every reference resolves.

Works on raw TinyDB data (already migrated), so it can vet a file before it becomes a store
(`hoinghi new --from FILE`) as well as an open store (`hoinghi check`). First the shape of every
record (`store.core.shape`: types, fields, enums, doc ids, unique codes, the meta table); then
the rules of each domain, on the well-formed records only, so none of them can meet a value of
the wrong type. Each problem is a `Problem`; `check_raw` words them in English.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

from . import tables, validation
from .core import schema, shape
from .core.shape import Problem
from .errors import ValidationError
from .integrity.anchor import anchor_note, read_anchor
from .integrity.chain import ordered_entries, verify_chain
from .integrity.store_check import store_problems
from .models.covenant import AUTHORITIES
from .validation import NAME_PART_MAX, POSITION_MAX


def check_raw(raw: dict[str, Any]) -> list[str]:
    """Every problem of `raw`, one English line each; empty when the store is good."""
    return [str(p) for p in check_problems(raw)]


def check_problems(raw: dict[str, Any]) -> list[Problem]:
    """Every problem of `raw`: shape first, then consistency of the well-formed records."""
    problems = schema.meta_problems(raw)
    found, docs = shape.tables_report(raw)
    problems.extend(found)
    records = {spec.name: [spec.model.from_doc(doc) for doc in docs[spec.name]] for spec in tables.TABLES}
    for spec in tables.TABLES:
        if spec.single and len(records[spec.name]) > 1:
            problems.append(Problem(spec.name, None, None, "single_record", {"count": len(records[spec.name])}))
    problems.extend(_references(records, _known_codes(raw)))
    # the audit chain and its anchor, the seal, the signatures, the check-ins, the next head
    problems.extend(store_problems(docs, read_anchor(raw.get(schema.META_TABLE))))
    return problems


def check_notes(raw: dict[str, Any]) -> list[Problem]:
    """What `check` says without failing: a chained audit log with no anchor yet."""
    _, docs = shape.tables_report(raw)
    entries = ordered_entries({str(i): d for i, d in enumerate(docs.get("audit") or ())})
    return anchor_note(read_anchor(raw.get(schema.META_TABLE)), verify_chain(entries, hashes=False))


def _known_codes(raw: dict[str, Any]) -> dict[str, set[str]]:
    """The codes present in each keyed table, malformed records included: a reference to a
    record whose other fields are wrong is not reported again as a broken reference."""
    known: dict[str, set[str]] = {}
    for spec in tables.TABLES:
        table = raw.get(spec.name)
        if spec.key and isinstance(table, dict):
            known[spec.name] = {doc[spec.key] for doc in table.values()
                                if isinstance(doc, dict) and isinstance(doc.get(spec.key), str)}
    return known


def _guarded(table: str, code: str | None, run: Callable[[], Iterable[Problem]]) -> Iterator[Problem]:
    """The problems `run` finds in one record; a ValidationError is one, and any other error
    becomes a `check_failed` problem rather than a crash of the whole check."""
    found: list[Problem] = []
    try:
        for problem in run():
            found.append(problem)
    except ValidationError as exc:
        found.append(Problem(table, code, exc.field, exc.code, exc.params))
    except Exception as exc:  # a rule that cannot judge a record must not hide the others
        found.append(Problem(table, code, None, "check_failed", {"error": f"{type(exc).__name__}: {exc}"}))
    yield from found


def _validated(*calls: Callable[[], Any]) -> Iterator[Problem]:
    for call in calls:
        call()
    return iter(())


def _references(r: dict[str, list[Any]], known: dict[str, set[str]]) -> Iterator[Problem]:
    units = known.get("units", set())
    groups = {g.code: g for g in r["content_groups"]}
    group_codes = known.get("content_groups", set())
    for u in r["units"]:
        yield from _guarded("units", u.code, lambda u=u: _validated(
            lambda: validation.code("code", u.code),
            lambda: validation.text("full_name", u.full_name, max_len=POSITION_MAX, required=True),
            lambda: validation.text("short_name", u.short_name, max_len=NAME_PART_MAX, required=True)))
    for c in r["conference"]:
        yield from _guarded("conference", None, lambda c=c: _conference(c, units))
    for d in r["delegates"]:
        yield from _guarded("delegates", d.code, lambda d=d: _delegate(d, units))
    yield from agenda_problems(r["agenda"])
    for g in groups.values():
        if not g.max_points > 0:
            yield Problem("content_groups", g.code, "max_points", "above_zero")
    for cfg in r["scoring_config"]:
        yield from _guarded("scoring_config", None, lambda cfg=cfg: _scoring_config(cfg))
    for s in r["scores"]:
        yield from _guarded("scores", s.unit_code, lambda s=s: _score(s, units, groups, group_codes))
    for i in r["indicators"]:
        if i.unit_code not in units:
            yield Problem("indicators", i.unit_code, "unit_code", "unknown_unit", {"unit": i.unit_code})
        for name in ("models", "schemes", "resolutions", "regulations"):
            if getattr(i, name) < 0:
                yield Problem("indicators", i.unit_code, name, "negative")
    for b in r.get("ballots", ()):
        if b.voters < 0:
            yield Problem("ballots", b.tier, "voters", "negative")
        for code, n in b.votes.items():
            if code not in units:
                yield Problem("ballots", b.tier, "votes", "unknown_unit", {"unit": code})
            elif n < 0:
                yield Problem("ballots", b.tier, "votes", "negative")
    for cov in r["covenant"]:
        for code in cov.signing_order:
            if code not in units:
                yield Problem("covenant", None, "signing_order", "unknown_unit", {"unit": code})
        if len(set(cov.signing_order)) != len(cov.signing_order):
            yield Problem("covenant", None, "signing_order", "twice_in_order")
        if cov.next_head_unit and cov.next_head_unit not in units:
            yield Problem("covenant", None, "next_head_unit", "unknown_unit", {"unit": cov.next_head_unit})
    for sig in r["signatures"]:
        if sig.unit_code not in units:
            yield Problem("signatures", sig.unit_code, "unit_code", "unknown_unit", {"unit": sig.unit_code})
        yield from _guarded("signatures", sig.unit_code, lambda sig=sig: _validated(
            lambda: validation.text("signer", sig.signer, max_len=NAME_PART_MAX, required=not sig.absent),
            lambda: validation.instant("signed_at", sig.signed_at)))
        if sig.authority not in ("", *AUTHORITIES):
            yield Problem("signatures", sig.unit_code, "authority", "one_of", {"allowed": ", ".join(AUTHORITIES)})
    for h in r["handovers"]:
        if h.unit_code and h.unit_code not in units:
            yield Problem("handovers", h.code, "unit_code", "unknown_unit", {"unit": h.unit_code})
        if not h.unit_code and not h.place:
            yield Problem("handovers", h.code, "unit_code", "unit_or_place")
        if h.amount_vnd < 0:
            yield Problem("handovers", h.code, "amount_vnd", "negative")
        yield from _guarded("handovers", h.code, lambda h=h: _validated(
            lambda: validation.instant("handed_at", h.handed_at)))


def agenda_problems(items: Iterable[Any]) -> Iterator[Problem]:
    """The values of agenda items (well-formed records) that the agenda's own rules refuse."""
    for a in items:
        yield from _guarded("agenda", a.code, lambda a=a: _validated(
            lambda: validation.code("code", a.code),
            lambda: validation.agenda_fields(a.to_doc())))


def _conference(c: Any, units: set[str]) -> Iterator[Problem]:
    if c.host_unit and c.host_unit not in units:  # "": not chosen yet (setup)
        yield Problem("conference", None, "host_unit", "host_not_member", {"unit": c.host_unit})
    head = c.head_unit
    if head and head not in units:
        yield Problem("conference", None, "head_unit", "host_not_member", {"unit": head})
    validation.text("title", c.title, max_len=POSITION_MAX, required=True)
    validation.date("date", c.date, required=True)


def _delegate(d: Any, units: set[str]) -> Iterator[Problem]:
    editable = {name: getattr(d, name) for name in validation.DELEGATE_FIELDS}
    editable["bloc"] = d.bloc.value
    validation.code("code", d.code)
    validation.delegate_fields(editable, units)
    validation.instant("checked_in_at", d.checked_in_at)
    return iter(())


def _scoring_config(cfg: Any) -> Iterator[Problem]:
    from .models import ranking

    for tier in cfg.award_tiers or ():
        if tier.quota < 0:
            yield Problem("scoring_config", None, "award_tiers", "negative")
    if cfg.lock_date:
        validation.date("lock_date", cfg.lock_date)
    for name in cfg.tie_break:
        try:
            ranking._criterion(name, None, None)  # the ranking's own list of criteria
        except ValueError:
            yield Problem("scoring_config", None, "tie_break", "unknown_criterion", {"value": shape.show(name)})


def _score(s: Any, units: set[str], groups: dict[str, Any], group_codes: set[str]) -> Iterator[Problem]:
    where = ("scores", s.unit_code)
    if s.unit_code not in units:
        yield Problem(*where, "unit_code", "unknown_unit", {"unit": s.unit_code})
    for gs in s.groups:
        group = groups.get(gs.group_code)
        if group is None:
            if gs.group_code not in group_codes:  # else the group itself is malformed, named apart
                yield Problem(*where, "groups", "unknown_group", {"group": gs.group_code})
            continue
        for label, points in (("self", gs.self_points), ("cluster", gs.cluster_points)):
            if points is not None and not 0 <= points <= group.max_points:
                yield Problem(*where, "groups", "points_range", {
                    "label": label, "points": f"{points:g}", "group": gs.group_code,
                    "max": f"{group.max_points:g}"})
    for name, adjustments in (("bonuses", s.bonuses), ("deductions", s.deductions)):
        for adj in adjustments:
            if not adj.reason.strip():
                yield Problem(*where, name, "no_reason", {"points": f"{adj.points:g}"})
    if any(a.points <= 0 for a in s.bonuses) or any(a.points >= 0 for a in s.deductions):
        yield Problem(*where, None, "adjustment_sign")
