"""The desk's list helpers: a first screenful without sorting everyone, and attendance counts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from store.models import roster
from store.models import Bloc, Delegate, Unit

UNITS = (Unit("HN", 1, "Ban Tổ chức Thành ủy Hà Nội", "Hà Nội"),
         Unit("PT", 2, "Ban Tổ chức Tỉnh ủy Phú Thọ", "Phú Thọ"),
         Unit("BN", 3, "Ban Tổ chức Tỉnh ủy Bắc Ninh", "Bắc Ninh"))

# Few distinct values, so ties on everything but the name are common.
delegates = st.lists(st.builds(
    Delegate,
    code=st.just(""),
    family=st.sampled_from(["Nguyễn", "Đặng", "Lê", "Dương"]),
    middle=st.sampled_from(["Văn", "Thị", "", "Đức"]),
    given=st.sampled_from(["An", "Ánh", "Đạt", "Dũng", "Bình"]),
    unit_code=st.sampled_from(["HN", "PT", "BN", None, "XX"]),
    guest=st.booleans(),
    level=st.integers(1, 2),
    bloc=st.sampled_from(list(Bloc)),
    rank=st.sampled_from([10, 20, 50]),
    appointed=st.sampled_from([None, "2020-01-01", "2021-06-01"]),
    birth=st.sampled_from([None, "1970-05-05"]),
    checked_in_at=st.sampled_from([None, "2024-11-30T08:00:00"]),
), max_size=60).map(lambda ds: [Delegate.from_doc({**d.to_doc(), "code": f"D{i}"}) for i, d in enumerate(ds)])


@settings(max_examples=200, deadline=None)
@given(delegates, st.sampled_from(roster.ORDERS), st.integers(0, 25))
def test_first_in_order_is_the_head_of_the_full_sort(ds, order, count):
    expected = roster.sort_delegates(ds, order, UNITS)[:count]
    assert roster.first_in_order(ds, order, UNITS, count) == expected


@settings(max_examples=200, deadline=None)
@given(delegates, st.sampled_from(roster.ORDERS), st.integers(1, 8))
def test_sorting_in_pieces_by_ranked_names_is_the_whole_sort(ds, order, piece):
    assert roster.sort_in_pieces(ds, order, UNITS, piece=piece) == roster.sort_delegates(ds, order, UNITS)


def test_names_that_differ_only_in_their_unicode_form_share_a_rank():
    composed, decomposed = "Thủy", "Thu\u0309y"
    ds = [Delegate("D1", "Lê", "", decomposed), Delegate("D2", "Lê", "", "Thuận"), Delegate("D3", "Lê", "", composed)]
    for order in roster.ORDERS:
        assert roster.sort_in_pieces(ds, order, UNITS, piece=1) == roster.sort_delegates(ds, order, UNITS)


def test_first_in_order_keeps_name_order_among_equal_ranks():
    same = dict(unit_code="HN", level=2, rank=50)
    ds = [Delegate(f"D{i}", family, "Văn", given, **same)
          for i, (family, given) in enumerate([("Nguyễn", "Đạt"), ("Lê", "Dũng"), ("Trần", "An"),
                                               ("Phạm", "Bình"), ("Võ", "Ánh")])]
    ds.append(Delegate("D9", "Hoàng", "Văn", "Thạch", unit_code="HN", level=2, rank=10))
    head = roster.first_in_order(ds, "protocol", UNITS, 2)
    assert [d.given for d in head] == ["Thạch", "An"]


@settings(max_examples=100, deadline=None)
@given(delegates)
def test_attendance_counts_every_delegate_once(ds):
    rows = roster.AttendanceTally(ds, UNITS).rows("Khách mời")
    assert sum(r.expected for r in rows) == len(ds)
    assert sum(r.present for r in rows) == sum(d.present for d in ds)
    members = [r for r in rows if r.unit_code]
    assert [r.label for r in members] == ["Hà Nội", "Phú Thọ", "Bắc Ninh"]
    for r in members:
        assert r.expected == sum(d.unit_code == r.unit_code for d in ds)
        assert r.present == sum(d.unit_code == r.unit_code and d.present for d in ds)
    others = [d for d in ds if d.unit_code not in {"HN", "PT", "BN"}]
    assert (rows[0].label == "Khách mời") == bool(others)


def test_search_shows_the_closest_name_matches_first():
    ds = [  # protocol order: the office's deputy head outranks everyone named An
        Delegate("D1", "Nguyễn", "Ngọc", "Nguyệt", position="Phó Chánh Văn phòng Ban Tổ chức", rank=20),
        Delegate("D2", "Trần", "Văn", "Nguyên", position="Chuyên viên, Ban Tổ chức", rank=40),
        Delegate("D3", "Nguyễn", "Văn", "Anh", position="Chuyên viên", rank=50),
        Delegate("D4", "Nguyễn", "Văn", "An", position="Chuyên viên", rank=60),
        Delegate("D5", "Lê", "Thị", "Loan", position="Chuyên viên", rank=60),
    ]
    index = roster.SearchIndex(ds, UNITS)
    order = [d.code for d in ds]
    found = index.search("nguyen van an", order)
    assert found == ["D1", "D2", "D3", "D4"]  # every word somewhere: name, position or unit
    # whole name, then every word starting a name word, then inside the name, then elsewhere
    assert index.best_first("Nguyễn Văn An", found) == ["D4", "D3", "D2", "D1"]
    assert index.best_first("nva", index.search("nva", order)) == ["D3", "D4"]
    assert index.best_first("", order) == order


name_parts = st.text(alphabet="aăâdđeêioôơuưyAĐƯ \u0300\u0301\u0303\u0309\u0323\u00a0", min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(name_parts, name_parts, name_parts)
def test_a_name_is_found_by_its_folded_full_name_whatever_its_parts(family, middle, given_name):
    from wording.text import fold

    d = Delegate("D1", family, middle, given_name)
    folded = fold(d.full_name)
    index = roster.SearchIndex([d], UNITS)
    if folded:
        assert index.search(folded, ["D1"]) == ["D1"]
        assert index.search(folded.upper(), ["D1"]) == ["D1"]
    other = Delegate("D2", "Zzz", "", "Zzz", position=d.full_name)  # the same words, not as a name
    index.put(other)
    if folded:
        assert index.best_first(d.full_name, index.search(d.full_name, ["D2", "D1"]))[0] == "D1"


@settings(max_examples=100, deadline=None)
@given(delegates, delegates)
def test_a_tally_kept_one_change_at_a_time_equals_a_fresh_count(before, after):
    tally = roster.AttendanceTally(before, UNITS)
    for d in before:
        tally.remove(d)
    for d in after:
        tally.add(d)
    assert tally.rows("Khách mời") == roster.AttendanceTally(after, UNITS).rows("Khách mời")
