"""Printed check-in codes: the conference key given at creation, the check
character that refuses a misread, and the delegate a typed or scanned text names."""

from __future__ import annotations

import itertools
import json

import pytest

from store.models import checkin_code
from store.models.checkin_code import ScanRefused, delegate_code_in, looks_like_scan, read_scan, scan_code
from store.errors import ValidationError
from store.service import Service


def test_a_code_reads_back_and_any_single_misread_or_neighbour_swap_is_refused():
    code = scan_code("51WW6", "D0062")
    assert read_scan(code, "51WW6") == "D0062"
    assert read_scan(code.lower(), "51ww6") == "D0062"
    body = code[:-2].replace("-", "")
    for i, other in itertools.product(range(len(code)), checkin_code.ALPHABET):
        if code[i] == "-" or code[i] == other:
            continue
        misread = code[:i] + other + code[i + 1:]
        with pytest.raises(ScanRefused) as refused:
            read_scan(misread, "51WW6")
        assert refused.value.reason in ("misread", "other_conference")
    assert body  # the loop above ran over every character


def test_another_conference_s_code_is_refused():
    with pytest.raises(ScanRefused) as refused:
        read_scan(scan_code("ABC12", "D0062"), "51WW6")
    assert refused.value.reason == "other_conference"


def test_names_being_typed_never_look_like_a_code():
    for name in ("phan van y", "vo hong h", "nguyen van phong", "Lê Thị Út", "hoa-van-b"):
        assert not looks_like_scan(name)
    assert looks_like_scan("51WW6-D0062-Y") and looks_like_scan(" 51ww6 d0062 y ")
    assert looks_like_scan(scan_code("51WW6", "HN-01.a"))  # a code of the user's own


def test_the_delegate_a_text_names():
    codes = {"D0062": "D0062", "D0007": "D0007"}
    find = lambda typed: codes.get(typed.upper())  # noqa: E731
    assert delegate_code_in(scan_code("51WW6", "D0062"), "51WW6", find) == "D0062"
    assert delegate_code_in("d0007", "51WW6", find) == "D0007"
    assert delegate_code_in("nguyen van phong", "51WW6", find) is None
    assert delegate_code_in("D9999", "51WW6", find) is None  # no such delegate: searched as text
    with pytest.raises(ScanRefused) as refused:
        delegate_code_in(scan_code("51WW6", "D9999"), "51WW6", find)
    assert refused.value.reason == "unknown"


def test_a_new_conference_gets_a_random_key_kept_in_meta(tmp_path):
    with Service.create(tmp_path / "a.json") as a:
        key_a = a.conference.key()
        assert a.check() == []
    with Service.create(tmp_path / "b.json") as b:
        key_b = b.conference.key()
    assert key_a != key_b and len(key_a) == checkin_code.KEY_LENGTH
    assert any(c.isdigit() for c in key_a)
    meta = json.loads((tmp_path / "a.json").read_text())["meta"]
    assert next(iter(meta.values()))["conference_key"] == key_a
    with Service.open(tmp_path / "a.json") as again:
        assert again.conference.key() == key_a


def test_a_copy_keeps_its_key_and_a_store_without_one_keeps_the_derived_key(sample_copy, tmp_path):
    with Service.open(sample_copy) as demo:
        derived = demo.conference.key()
        printed = demo.delegates.scan_code("D0005")
    with Service.create(tmp_path / "copy.json", from_file=sample_copy) as copy:
        assert copy.conference.key() == derived
        assert copy.delegates.code_in(printed) == "D0005"
    with Service.create(tmp_path / "new.json") as new:
        given = new.conference.key()
    with Service.create(tmp_path / "copy2.json", from_file=tmp_path / "new.json") as copy2:
        assert copy2.conference.key() == given


def test_the_next_year_and_a_workbook_are_new_conferences(sample_copy, tmp_path):
    from store.setup.next_year import create_store, plan_next_year

    with Service.open(sample_copy) as old:
        old_key = old.conference.key()
    with create_store(tmp_path / "next.json", plan_next_year(sample_copy), operator="t") as new:
        assert new.conference.key() != old_key


def test_check_in_by_text_scans_or_refuses_and_records_nothing_when_refused(service):
    printed = service.delegates.scan_code("D0005")
    result = service.delegates.check_in_by_text(printed, desk="Cửa A")
    assert result.delegate.code == "D0005" and not result.already
    assert service.delegates.check_in_by_text("d0005").already
    audit = len(service.audit.entries())
    for text, code in ((printed[:-1] + ("0" if printed[-1] != "0" else "1"), "scan_misread"),
                       (scan_code("ZZ9ZZ", "D0006"), "scan_other_conference"),
                       ("nguyen van phong", "scan_not_code")):
        with pytest.raises(ValidationError) as refused:
            service.delegates.check_in_by_text(text)
        assert refused.value.code == code
    assert len(service.audit.entries()) == audit
