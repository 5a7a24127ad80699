"""store.core.shape: what each annotation accepts, the fast column path agrees with the record by
record path, doc ids, and the fast path is the one taken for a store as the app writes it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import tables
from store.core import shape
from store.core.shape import Problem, model_spec, table_report

from ..conftest import SAMPLE


class Colour(str, Enum):
    RED = "red"
    BLUE = "blue"


@dataclass(frozen=True)
class Item:
    code: str
    points: float | None = None


@dataclass(frozen=True)
class Thing:
    code: str
    count: int
    ratio: float
    flag: bool
    colour: Colour = Colour.RED
    maybe: str | None = None
    maybe_colour: Colour | None = None
    names: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    counters: dict[str, int] = field(default_factory=dict)
    anything: Any = None


GOOD = {"code": "T1", "count": 3, "ratio": 0.5, "flag": False, "colour": "blue", "maybe": None,
        "maybe_colour": None, "names": ["a", "b"], "items": [{"code": "I1", "points": 2}],
        "counters": {"delegates": 7}, "anything": {"x": [1, None]}}


def problems_of(doc: dict) -> list[str]:
    return [str(p) for p in table_report("things", Thing, "code", {"1": doc})[0]]


def test_a_good_record_has_no_problem():
    assert problems_of(dict(GOOD)) == []
    assert problems_of({"code": "T1", "count": 3, "ratio": 1, "flag": True}) == []  # defaults may be left out


@pytest.mark.parametrize("name,value,expected", [
    ("count", True, "things T1: field count: true is true/false, not a whole number"),
    ("count", 1.0, "things T1: field count: 1.0 is a number, not a whole number"),
    ("count", "3", 'things T1: field count: "3" is text, not a whole number'),
    ("ratio", "0.5", 'things T1: field ratio: "0.5" is text, not a number'),
    ("ratio", False, "things T1: field ratio: false is true/false, not a number"),
    ("flag", 0, "things T1: field flag: 0 is a whole number, not true/false"),
    ("colour", "green", 'things T1: field colour: "green" is not one of red, blue'),
    ("colour", None, "things T1: field colour: null is null, not text"),
    ("maybe", 5, "things T1: field maybe: 5 is a whole number, not text or null"),
    ("maybe_colour", "green", 'things T1: field maybe_colour: "green" is not one of red, blue'),
    ("names", "ab", 'things T1: field names: "ab" is text, not a list'),
    ("names", ["a", 2], "things T1: field names[2]: 2 is a whole number, not text"),
    ("items", [{"code": "I1", "points": "x"}], 'things T1: field items[1].points: "x" is text, not a number or null'),
    ("items", [{"points": 1}], "things T1: field items[1].code: is missing"),
    ("items", [{"code": "I1", "pts": 1}], "things T1: field items[1].pts: is not a field of this table"),
    ("items", [3], "things T1: field items[1]: 3 is a whole number, not an object"),
    ("counters", {"delegates": "7"}, 'things T1: field counters.delegates: "7" is text, not a whole number'),
    ("counters", [], "things T1: field counters: [] is a list, not an object"),
])
def test_each_kind_of_wrong_value(name, value, expected):
    assert problems_of({**GOOD, name: value}) == [expected]


def test_missing_and_unknown_fields_and_an_unusable_code():
    doc = {**GOOD, "colour_": "red"}
    del doc["count"]
    assert problems_of(doc) == ["things T1: field count: is missing",
                                "things T1: field colour_: is not a field of this table"]
    assert problems_of({**GOOD, "code": 7}) == ["things #1: field code: 7 is a whole number, not text"]


def test_anything_goes_in_any():
    for value in (None, 1, "x", [1, {"a": None}], {"b": True}):
        assert problems_of({**GOOD, "anything": value}) == []


@pytest.mark.parametrize("doc_id", ["abc", "0", "01", "", " 1", "1 ", "+1", "-1", "1.0", "\u0661", "\u00b2"])
def test_doc_ids_are_decimal_integers_as_tinydb_writes_them(doc_id):
    found, good = table_report("things", Thing, "code", {"1": dict(GOOD), doc_id: {**GOOD, "code": "T2"}})
    assert [(p.code, p.reason) for p in found] == [("T2", "doc_id")]
    assert [d["code"] for d in good] == ["T1"]


def test_every_table_model_can_be_checked():
    for spec in tables.TABLES:
        model_spec(spec.model)  # a TypeError here names an annotation shape cannot check


def test_fields_in_another_order_with_types_that_would_cancel_out_are_caught():
    """The fast path lays columns side by side by position: a record whose fields come in
    another order must not lend its values to the wrong columns."""
    docs = {str(i): dict(GOOD, code=f"T{i}") for i in range(1, 5)}
    swapped = dict(GOOD, code="T9")
    swapped["count"], swapped["code"] = "T9", 3  # wrong types both...
    docs["9"] = {"count": swapped.pop("count"), **swapped}  # ...and count first: text, int, ... by position
    found, _ = table_report("things", Thing, "code", docs)
    assert {p.field for p in found} == {"code", "count"}


def test_repeated_codes_are_named_once_each():
    docs = {"1": dict(GOOD), "2": dict(GOOD), "3": dict(GOOD, code="T3")}
    found, _ = table_report("things", Thing, "code", docs)
    assert [str(p) for p in found] == ['things T1: field code: "T1" is used by 2 records']


def test_the_fast_path_is_taken_for_a_store_as_the_app_writes_it(monkeypatch):
    from bench.synth import make_raw

    raw = orjson.loads(orjson.dumps(make_raw(2000)))

    by_record = shape.record_problems

    def slow(spec, doc, table, *args, **kwargs):
        # the small tables of the demo data may lack fields added since (their defaults apply)
        if table == "delegates":
            raise AssertionError("record by record: the fast path was not taken")
        return by_record(spec, doc, table, *args, **kwargs)

    monkeypatch.setattr(shape, "record_problems", slow)
    problems, good = shape.tables_report(raw)
    assert problems == [] and len(good["delegates"]) == 2000


def _slow_only(monkeypatch):
    monkeypatch.setattr(shape, "_docs_fast", lambda *args: False)


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2, allow_nan=False) | st.text(max_size=3)
    | st.sampled_from(["red", "blue", "T1", "I1"]),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.sampled_from(["code", "points", "x"]), inner, max_size=2),
    max_leaves=4,
)


@st.composite
def tables_of_things(draw) -> dict[str, Any]:
    docs = {}
    for i in range(draw(st.integers(0, 6))):
        doc = dict(GOOD, code=f"T{draw(st.integers(0, 3))}")
        for _ in range(draw(st.integers(0, 2))):
            name = draw(st.sampled_from(list(GOOD) + ["extra"]))
            if draw(st.booleans()):
                doc.pop(name, None)
            else:
                doc[name] = draw(JSON_VALUE)
        if draw(st.booleans()):  # another field order
            doc = dict(reversed(list(doc.items())))
        docs[draw(st.sampled_from([str(i + 1), str(i + 1), "0", "x"]))] = doc
    return docs


@settings(max_examples=300, deadline=None)
@given(table=tables_of_things())
def test_the_fast_path_agrees_with_the_record_by_record_path(table):
    fast = table_report("things", Thing, "code", table)
    with pytest.MonkeyPatch.context() as mp:
        _slow_only(mp)
        slow = table_report("things", Thing, "code", table)
    if fast[0] == []:
        assert slow[0] == [] and fast[1] == slow[1]
    else:
        assert fast == slow  # a failing fast path hands over to the slow one


def test_problem_is_a_small_frozen_value():
    p = Problem("delegates", "D0007", "bloc", "not_one_of",
                {"value": '"martians"', "allowed": ("party", "assembly", "government", "front", "other")})
    assert str(p) == 'delegates D0007: field bloc: "martians" is not one of party, assembly, government, front, other'
    assert dataclasses.is_dataclass(p) and hash(p) == hash(Problem("delegates", "D0007", "bloc", "not_one_of"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.table = "x"  # type: ignore[misc]
    assert str(Problem("units", None, None, "validation_reason_not_known")) == "units: validation_reason_not_known"


def test_reasons_of_validation_errors_are_worded_too():
    assert str(Problem("delegates", "D0001", "given", "required")) == "delegates D0001: field given: is required"


def test_the_sample_is_clean():
    raw = orjson.loads(SAMPLE.read_bytes())
    assert shape.store_problems(raw) == []
