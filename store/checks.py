"""Whole-file consistency check: every record valid, every reference resolves.

Works on raw TinyDB data (already migrated), so it can vet a file before it becomes a store
(`hoinghi new --from FILE`) as well as an open store (`hoinghi check`).
"""

from __future__ import annotations

from typing import Any, Iterator

from . import validation
from .errors import ValidationError
from .models import (
    AgendaItem, AuditEntry, ContentGroup, Conference, Covenant, Delegate, Handover, Indicators,
    ScoringConfig, Signature, Unit, UnitScore,
)
from .validation import NAME_PART_MAX, POSITION_MAX

MODELS = {
    "conference": Conference, "units": Unit, "delegates": Delegate, "agenda": AgendaItem,
    "content_groups": ContentGroup, "scoring_config": ScoringConfig, "scores": UnitScore,
    "indicators": Indicators, "covenant": Covenant, "signatures": Signature,
    "handovers": Handover, "audit": AuditEntry,
}
KEYS = {"scores": "unit_code", "indicators": "unit_code", "signatures": "unit_code",
        "audit": "seq", "conference": None, "scoring_config": None, "covenant": None}


def check_raw(raw: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    records: dict[str, list[Any]] = {}
    for name, cls in MODELS.items():
        table = raw.get(name) or {}
        if not isinstance(table, dict):
            problems.append(f"{name}: not a table")
            continue
        records[name] = []
        for doc_id, doc in table.items():
            try:
                records[name].append(cls.from_doc(doc))
            except (TypeError, ValueError, AttributeError) as exc:
                problems.append(f"{name} #{doc_id}: malformed record ({exc})")
        key = KEYS.get(name, "code")
        if key:
            seen: set[Any] = set()
            for rec in records[name]:
                value = getattr(rec, key)
                if value in seen:
                    problems.append(f"{name} {value}: duplicate {key}")
                seen.add(value)
        elif len(records[name]) > 1:
            problems.append(f"{name}: more than one record")
    problems.extend(_references(records))
    return problems


def _references(r: dict[str, list[Any]]) -> Iterator[str]:
    units = {u.code for u in r.get("units", [])}
    groups = {g.code: g for g in r.get("content_groups", [])}
    for u in r.get("units", []):
        yield from _field_errors(f"units {u.code}", lambda u=u: (
            validation.code("code", u.code),
            validation.text("full_name", u.full_name, max_len=POSITION_MAX, required=True),
            validation.text("short_name", u.short_name, max_len=NAME_PART_MAX, required=True)))
    for c in r.get("conference", []):
        if c.host_unit not in units:
            yield f"conference: host unit {c.host_unit!r} is not a member unit"
        yield from _field_errors("conference", lambda c=c: (
            validation.text("title", c.title, max_len=POSITION_MAX, required=True),
            validation.date("date", c.date, required=True)))
    for d in r.get("delegates", []):
        editable = {name: getattr(d, name) for name in validation.DELEGATE_FIELDS}
        editable["bloc"] = d.bloc.value
        yield from _field_errors(f"delegates {d.code}", lambda e=editable, d=d: (
            validation.code("code", d.code),
            validation.delegate_fields(e, units),
            validation.instant("checked_in_at", d.checked_in_at)))
    for a in r.get("agenda", []):
        doc = a.to_doc()
        yield from _field_errors(f"agenda {a.code}", lambda doc=doc: validation.agenda_fields(doc))
    for g in groups.values():
        if not g.max_points > 0:
            yield f"content_groups {g.code}: max_points must be above 0"
    for s in r.get("scores", []):
        where = f"scores {s.unit_code}"
        if s.unit_code not in units:
            yield f"{where}: unknown unit"
        for gs in s.groups:
            group = groups.get(gs.group_code)
            if group is None:
                yield f"{where}: unknown content group {gs.group_code!r}"
                continue
            for label, points in (("self", gs.self_points), ("cluster", gs.cluster_points)):
                if points is not None and not 0 <= points <= group.max_points:
                    yield f"{where}: {label} points {points:g} for {gs.group_code} outside 0..{group.max_points:g}"
        for adj in s.bonuses + s.deductions:
            if not adj.reason.strip():
                yield f"{where}: an adjustment of {adj.points:g} points has no reason"
        if any(a.points <= 0 for a in s.bonuses) or any(a.points >= 0 for a in s.deductions):
            yield f"{where}: bonuses must be positive and deductions negative"
    for i in r.get("indicators", []):
        if i.unit_code not in units:
            yield f"indicators {i.unit_code}: unknown unit"
        if min(i.models, i.schemes, i.resolutions, i.regulations) < 0:
            yield f"indicators {i.unit_code}: counts cannot be negative"
    for cov in r.get("covenant", []):
        for code in cov.signing_order:
            if code not in units:
                yield f"covenant: signing order names unknown unit {code!r}"
        if len(set(cov.signing_order)) != len(cov.signing_order):
            yield "covenant: a unit appears twice in the signing order"
    for sig in r.get("signatures", []):
        if sig.unit_code not in units:
            yield f"signatures {sig.unit_code}: unknown unit"
        yield from _field_errors(f"signatures {sig.unit_code}", lambda sig=sig: (
            validation.text("signer", sig.signer, max_len=NAME_PART_MAX, required=True),
            validation.instant("signed_at", sig.signed_at)))
    for h in r.get("handovers", []):
        if h.unit_code not in units:
            yield f"handovers {h.code}: unknown unit {h.unit_code!r}"
        if h.amount_vnd < 0:
            yield f"handovers {h.code}: amount cannot be negative"


def _field_errors(where: str, run) -> Iterator[str]:
    try:
        run()
    except ValidationError as exc:
        yield f"{where}: {exc}"
