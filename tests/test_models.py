"""Records to documents and back: the fast path for delegates gives what the slow one gives."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.models import Bloc, Delegate, _build

delegates = st.builds(
    Delegate, code=st.text(min_size=1, max_size=5), family=st.text(max_size=5),
    middle=st.text(max_size=5), given=st.text(max_size=5), guest=st.booleans(),
    level=st.integers(1, 3), bloc=st.sampled_from(list(Bloc)), rank=st.integers(0, 99),
    appointed=st.none() | st.just("2020-01-02"), checked_in_at=st.none() | st.just("2024-11-30T08:00:00"))


@settings(max_examples=100, deadline=None)
@given(delegates)
def test_delegate_round_trip_equals_the_slow_build(d):
    doc = d.to_doc()
    fast = Delegate.from_doc(doc)
    assert fast == d == _build(Delegate, doc)
    assert isinstance(fast.bloc, Bloc) and hash(fast) == hash(d)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.given = "x"  # type: ignore[misc]


def test_a_document_missing_fields_or_with_extra_ones_takes_the_slow_path():
    doc = Delegate("D1", "Nguyễn", "Văn", "An").to_doc()
    del doc["note"]
    assert Delegate.from_doc(doc).note == ""
    extra = Delegate.from_doc({**Delegate("D1", "", "", "An").to_doc(), "unknown": 1})
    assert extra == Delegate("D1", "", "", "An") and not hasattr(extra, "unknown")
    with pytest.raises(ValueError):
        Delegate.from_doc({**Delegate("D1", "", "", "An").to_doc(), "bloc": "nowhere"})


def test_one_default_level_for_the_model_the_form_and_the_import():
    from store import validation

    assert Delegate(code="D1", family="A", middle="", given="B").level == validation.DEFAULT_LEVEL == 3
    fields = validation.delegate_fields({"given": "B", "organization": "Khách"}, set())
    assert fields["level"] == validation.DEFAULT_LEVEL


def _asdict_plain(value):
    """What to_doc gave before: dataclasses.asdict, then enums as values and tuples as lists."""
    from enum import Enum
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _asdict_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_asdict_plain(v) for v in value]
    return value


def test_every_record_of_the_demo_gives_the_document_asdict_gave(sample_copy):
    """to_doc without asdict's deep copies: the same documents, nested records, enums and
    tuples included, for every table of the demo conference."""
    from store import tables
    from store.service import Service
    from store.models import AuditEntry
    with Service.open(sample_copy, operator="t") as service:
        records = service._session.open_records()
        for spec in tables.TABLES:
            for record in records.objects(spec.name).values():
                assert record.to_doc() == _asdict_plain(dataclasses.asdict(record)), spec.name
    entry = AuditEntry(seq=1, at="x", operator="o", action="a", target="t",
                       before={"d": Delegate(code="D1", family="", middle="", given="A", bloc=Bloc.FRONT), "t": (Bloc.PARTY, 1)},
                       after={"added": [f"D{i}" for i in range(5)]})
    assert entry.to_doc() == _asdict_plain(dataclasses.asdict(entry))


@settings(max_examples=50, deadline=None)
@given(delegates)
def test_a_new_delegates_document_is_what_the_record_gives(d):
    """delegates._new_doc (an import's documents, built directly) equals from_doc + to_doc."""
    from store import validation
    from store.delegates import _new_doc
    d = dataclasses.replace(d, checked_in_at=None)
    fields = {name: d.to_doc()[name] for name in validation.DELEGATE_FIELDS}
    doc = _new_doc(d.code, fields)
    assert doc == d.to_doc() and list(doc) == list(d.to_doc())
