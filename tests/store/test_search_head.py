"""The desk's search in pieces: the first screenful (SearchIndex.head) and the whole answer a
piece at a time (SearchIndex.steps) are exactly what the one-go search and best_first give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.models import Delegate, Unit
from store.models.search_index import SearchIndex

UNITS = (Unit("HN", 1, "Ban Tổ chức Thành ủy Hà Nội", "Hà Nội"), Unit("PT", 2, "Ban Tổ chức Tỉnh ủy Phú Thọ", "Phú Thọ"))

people = st.lists(st.tuples(
    st.sampled_from(["Nguyễn", "Nguyên", "Lê", "An", "Văn"]),
    st.sampled_from(["Văn", "Thị", "", "Ngọc"]),
    st.sampled_from(["An", "Anh", "Nga", "Văn", "Ngân"]),
    st.sampled_from(["Chuyên viên", "Phó Văn phòng", "Nguyên Trưởng ban", ""]),
    st.sampled_from(["HN", "PT", None]),
), max_size=80)
queries = st.sampled_from(["n", "ng", "nguyen", "nguyen van an", "van", "an", "nva", "nv", "a", "le thi",
                           "ha noi", "van phong", "xyz", "ngan", "  ", "Nguyễn Văn Anh", "an nguyen"])


def _index(rows, removed=()):
    ds = [Delegate(f"D{i}", f, m, g, position=p, unit_code=u) for i, (f, m, g, p, u) in enumerate(rows)]
    index = SearchIndex(ds, UNITS)
    for code in removed:
        index.remove(code)
    return index, [d.code for d in reversed(ds)]


@settings(max_examples=300, deadline=None)
@given(people, queries, st.integers(1, 30), st.sampled_from([1, 3, 4096]))
def test_head_and_steps_give_what_the_one_go_search_gives(rows, query, count, piece):
    index, codes = _index(rows, removed=["D1"])
    found = index.search(query, codes)
    shown = index.best_first(query, found)
    assert index.head(query, codes, count, piece=piece) == shown[:count]
    *between, last = index.steps(query, codes, piece=piece)
    assert all(step is None for step in between) and last == (found, shown)
    assert len(between) <= (-(-len(codes) // piece) if query.strip() else 0)


def test_a_renamed_delegate_is_found_by_the_new_whole_name_only():
    index = SearchIndex([Delegate("D1", "Lê", "Văn", "An"), Delegate("D2", "Lê", "Văn", "Anh")], UNITS)
    index.put(Delegate("D1", "Lê", "Văn", "Ân"))
    assert index.head("le van an", ["D2", "D1"], 1) == ["D1"]
    index.put(Delegate("D1", "Trần", "Văn", "Ba"))
    assert index.head("le van an", ["D1", "D2"], 2) == ["D2"]



@settings(max_examples=100, deadline=None)
@given(people)
def test_an_index_built_at_once_holds_what_one_delegate_at_a_time_holds(rows):
    ds = [Delegate(f"D{i}", f, m, g, position=p, unit_code=u) for i, (f, m, g, p, u) in enumerate(rows)]
    at_once, one_by_one = SearchIndex(ds, UNITS), SearchIndex([], UNITS)
    for d in ds:
        one_by_one.put(d)
    for texts in ("_codes", "_folded", "_names", "_initials", "_whole_names"):
        assert getattr(at_once, texts) == getattr(one_by_one, texts)
