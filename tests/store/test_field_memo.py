"""delegate_fields with a memo of earlier rows gives exactly what it gives without one: the
same checked fields, or the same refusal (field, reason, parameters)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store import validation
from store.errors import ValidationError

FIELDS = [f for f in validation.DELEGATE_FIELDS if f != "unit_code"]
values = st.one_of(st.none(), st.booleans(), st.integers(-2, 1000), st.sampled_from([1.0, 2.5, [1], {"a": 1}]),
                   st.sampled_from(["", " An ", "1", "x", "khong", "party", "front", "1975-06-01", "01/06/1975",
                                    "2999-01-01", "0912 345 678", "a\x07b", "A" * 201, "Nguyê\u0303n"]))
rows = st.fixed_dictionaries({}, optional={**{f: values for f in FIELDS},
                                           "unit_code": st.sampled_from([None, "", "PT", "ZZ"])})


def outcome(row: dict, memo: validation.FieldMemo | None):
    try:
        return dict(validation.delegate_fields(row, {"PT"}, memo))
    except ValidationError as exc:
        return (exc.field, exc.code, exc.params)


@settings(max_examples=300, deadline=None)
@given(st.lists(rows, min_size=1, max_size=12))
def test_the_memo_changes_no_outcome(batch):
    memo = validation.FieldMemo()
    for row in batch + batch:  # the second time, every value is in the memo
        assert outcome(row, memo) == outcome(row, None)


def test_true_and_one_are_different_values_for_the_memo():
    memo = validation.FieldMemo()
    base = {"given": "An", "unit_code": "PT"}
    assert validation.delegate_fields({**base, "guest": True}, {"PT"}, memo)["guest"] is True
    assert outcome({**base, "guest": 1}, memo) == ("guest", "yes_no", {})
    assert validation.delegate_fields({**base, "level": 1}, {"PT"}, memo)["level"] == 1
    assert outcome({**base, "level": True}, memo) == ("level", "integer", {})
