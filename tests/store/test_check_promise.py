"""The promise of `check`: a store it passes never crashes another command.

Records of the demo conference are mutated (a field removed, or given a value of another type,
an unknown enum value, an odd date, a list, an object...), one field at a time for every field of
every table (table-driven), and several at a time at random (hypothesis). For each store, either
`check` reports a problem, or the store opens and every read works: the service's reads, the
ranking, the roster's orders, search and tally, and every export (CSV, XLSX, Markdown)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import tables
from store.models import ranking, roster
from wording.numbers import clock_time
from store.checks import check_problems
from store.core.shape import model_spec
from store.io.exporter import export_delegates, export_introduction
from store.service import Service

from ..conftest import SAMPLE

pytestmark = pytest.mark.slow



def _base() -> dict[str, Any]:
    """The demo conference cut to six delegates (so that ~2,000 checks stay quick), one of them
    checked in, with a signature and an audit entry so that every table has a record."""
    raw = orjson.loads(SAMPLE.read_bytes())
    raw["delegates"] = dict(list(raw["delegates"].items())[:3] + list(raw["delegates"].items())[-3:])
    first = next(iter(raw["delegates"].values()))
    first.update(checked_in_at="2024-11-30T07:45:09", checkin_desk="Cửa A")
    raw["signatures"] = {"1": {"unit_code": "HN", "signer": "Nguyễn Văn Phong", "position": "Phó Bí thư",
                               "signed_at": "2024-11-30T10:00:00", "on_behalf_of": ""}}
    raw["ballots"] = {"1": {"tier": "FLAG", "voters": 14, "votes": {"TN": 9, "HN": 5},
                            "counted_at": "2024-11-30T10:30:00"}}
    raw["audit"] = {"1": {"seq": 1, "at": "2024-11-30T07:45:09", "operator": "lan",
                          "action": "delegate.check_in", "target": first["code"], "before": None,
                          "after": {"at": "2024-11-30T07:45:09", "desk": "Cửa A"}}}
    item = raw["agenda"]["1"]  # the agenda's run state, with one step that can be undone
    raw["agenda_run"] = {"1": {"message": "Còn 2 phút", "blink": True, "message_at": "2024-11-30T08:03:00",
                               "warning_min": 2, "steps": [{"seq": 1, "action": "agenda.start", "at": "2024-11-30T08:00:00",
                                                            "before": [item], "after": [{**item, "status": "running", "actual_start": "2024-11-30T08:00:00"}]}]}}
    return raw


SAMPLE_RAW: dict[str, Any] = _base()
SAMPLE_BYTES = orjson.dumps(SAMPLE_RAW)

MISSING = object()
VALUES: list[Any] = [
    MISSING, None, True, 0, -1, 7, 2**53, 1.5, "", "x", "martians", "2024-13-45", "D0001", "HN",
    "\x07", [], ["x"], [1], {}, {"code": "x"},
]


def _records_to_mutate() -> list[tuple[str, str, str | None, int | None]]:
    """(table, doc id, list field, item index) of a record of every table and nested record."""
    places = []
    for spec in tables.TABLES:
        docs = SAMPLE_RAW.get(spec.name) or {}
        if not docs:
            continue
        doc_id = next(iter(docs))
        places.append((spec.name, doc_id, None, None))
        for name, ts in zip(model_spec(spec.model).names, model_spec(spec.model).fields):
            if ts.items is not None and ts.items.record is not None and docs[doc_id].get(name):
                places.append((spec.name, doc_id, name, 0))
    return places


def _target(raw: dict, table: str, doc_id: str, field: str | None, index: int | None) -> dict:
    doc = raw[table][doc_id]
    return doc if field is None else doc[field][index]


def _fields(table: str, field: str | None) -> tuple[str, ...]:
    spec = model_spec(tables.spec(table).model)
    if field is not None:
        spec = spec.by_name[field].items.record  # type: ignore[union-attr]
    return spec.names + ("extra",)


PLACES = _records_to_mutate()


def mutated(place: tuple, name: str, value: Any) -> dict:
    raw = orjson.loads(SAMPLE_BYTES)
    target = _target(raw, *place)
    if value is MISSING:
        target.pop(name, None)
    else:
        target[name] = copy.deepcopy(value)
    return raw


def read_everything(service: Service) -> None:
    """Every read the command line and the panels make (XLSX once: its cells are those of CSV)."""
    service.summary()
    service.check()
    service.conference.get()
    units = service.conference.units()
    for unit in units:
        service.conference.unit(unit.code)
    delegates = service.delegates.all()
    for d in delegates:
        service.delegates.get(d.code)
        _ = d.full_name, d.present, clock_time(d.checked_in_at)
    for item in service.agenda.items():
        service.agenda.item(item.code)
    service.agenda.run_state(), service.agenda.timing(), service.agenda.gaps(), service.agenda.last_step()
    service.agenda.replan_preview("shrink")
    groups, config = service.scoring.content_groups(), service.scoring.config()
    scores, indicators = service.scoring.scores(), service.scoring.indicators()
    assert groups is not None
    for ranked in ranking.rank_units(units, scores, indicators, config):
        _ = ranked.cluster_total, ranked.self_total
    for s in scores:
        _ = s.self_total, s.cluster_total, s.bonus_total, s.deduction_total
    service.scoring.table(), service.scoring.ranking(), service.scoring.deadline_warning()
    from store.io.ranking_export import export_ranking
    export_ranking(service, "md")
    service.covenant.get()
    service.covenant.signatures()
    service.covenant.handovers()
    service.audit.entries()
    service.audit.last_seq()
    for order in roster.ORDERS:
        ordered = roster.sort_delegates(delegates, order, units)
        roster.first_in_order(delegates, order, units, 5)
        for fmt in ("csv", "md"):
            export_delegates(service, fmt, order)
    export_delegates(service, "xlsx", "protocol")  # the same cells in every order; openpyxl is slow
    index = roster.SearchIndex(delegates, units)
    codes = roster.codes_of(ordered)
    index.best_first("nguyen van", index.search("nguyen van", codes))
    roster.AttendanceTally(delegates, units).rows("Khách mời")
    roster.introduction_list(delegates)
    for fmt in ("csv", "md"):
        export_introduction(service, fmt)


def check_or_read(raw: dict, folder: Path) -> str:
    """"reported" when check finds a problem, else "read" after every read worked."""
    if check_problems(raw):
        return "reported"
    path = folder / "store.json"
    path.write_bytes(orjson.dumps(raw))
    with Service.open(path, operator="t", backup_keep=0) as service:  # check passed: open must too
        assert service.check() == []
        read_everything(service)
    path.unlink()
    return "read"


def test_the_demo_conference_reads_everywhere(tmp_path):
    assert check_or_read(orjson.loads(SAMPLE.read_bytes()), tmp_path) == "read"
    assert check_or_read(orjson.loads(SAMPLE_BYTES), tmp_path) == "read"
    assert {name for name, table in SAMPLE_RAW.items() if table} >= set(tables.NAMES)


@pytest.mark.parametrize("place", PLACES, ids=lambda p: p[0] + (f".{p[2]}" if p[2] else ""))
def test_every_field_given_every_kind_of_value(tmp_path, place):
    """Table-driven: one field of one record changed at a time (~2,300 stores in all)."""
    outcomes: dict[str, int] = {}
    for name in _fields(place[0], place[2]):
        for value in VALUES:
            try:
                outcome = check_or_read(mutated(place, name, value), tmp_path)
            except Exception as exc:  # the promise is broken: name the case
                raise AssertionError(f"{place} {name}={value!r}: check passed but {exc!r}") from exc
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert outcomes.get("reported", 0) > len(VALUES), outcomes  # at least missing/odd values per field


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**64 - 1) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8) | st.sampled_from(["party", "other", "HN", "D0001", "N1", "2024-11-30",
                                             "08:00", "2024-11-30T08:00:00", "cluster_total"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
@st.composite
def mutations(draw) -> list[tuple[tuple, str, Any]]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        place = draw(st.sampled_from(PLACES))
        name = draw(st.sampled_from(_fields(place[0], place[2])))
        value = draw(st.just(MISSING) | JSON | st.sampled_from(VALUES))
        out.append((place, name, value))
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=mutations())
def test_random_mutations_are_reported_or_harmless(tmp_path, changes):
    raw = copy.deepcopy(SAMPLE_RAW)
    for place, name, value in changes:
        try:  # an earlier change may have replaced the list that held a nested record
            target = _target(raw, *place)
        except (KeyError, IndexError, TypeError):
            continue
        if not isinstance(target, dict):
            continue
        if value is MISSING:
            target.pop(name, None)
        else:
            target[name] = copy.deepcopy(value)
    check_or_read(raw, tmp_path)


@pytest.mark.parametrize("mutate", [
    lambda raw: raw["delegates"].update({"99": raw["delegates"]["1"]}),            # same code twice
    lambda raw: raw["units"].update({"0": raw["units"].pop("1")}),                 # doc id 0
    lambda raw: raw["units"].update({"01": raw["units"].pop("1")}),                # leading zero
    lambda raw: raw["conference"].update({"2": raw["conference"]["1"]}),          # two conferences
    lambda raw: raw.update(audit={"1": {"seq": "1", "at": "", "operator": "", "action": "", "target": ""}}),
    lambda raw: raw.update(delegates=[]),
    lambda raw: raw.update(units={"1": []}),
    lambda raw: raw["meta"]["1"].update(last_codes={"delegates": "D9"}),
    lambda raw: raw["meta"]["1"].update(last_codes=[]),
    lambda raw: raw["meta"]["1"].update(note="hi"),
])
def test_whole_record_mutations(tmp_path, mutate):
    raw = copy.deepcopy(SAMPLE_RAW)
    mutate(raw)
    assert check_or_read(raw, tmp_path) == "reported"
