"""store.core.decode: repeated keys are refused, found by a second parse only when the bytes are
not exactly what the app writes."""

from __future__ import annotations

import json

import orjson
import pytest

from store.core import decode
from store.core.decode import decode_store, is_canonical, repeated_keys

from ..conftest import SAMPLE


def test_bytes_as_the_app_writes_them_skip_the_second_parse(monkeypatch):
    raw = orjson.dumps(orjson.loads(SAMPLE.read_bytes()))
    monkeypatch.setattr(decode, "repeated_keys", lambda raw: pytest.fail("second parse"))
    assert decode_store(raw) == orjson.loads(raw)
    assert decode_store(raw + b"\n") == orjson.loads(raw)  # an editor's final newline changes nothing
    assert decode_store(b"\xef\xbb\xbf" + raw) == orjson.loads(raw)


def test_other_bytes_are_parsed_again_to_look_for_repeats(monkeypatch):
    calls = []
    monkeypatch.setattr(decode, "repeated_keys", lambda raw: calls.append(raw) or [])
    decode_store(SAMPLE.read_bytes())  # indented
    decode_store(json.dumps(orjson.loads(SAMPLE.read_bytes())).encode())  # \\u escapes, ", " separators
    assert len(calls) == 2


@pytest.mark.parametrize("text,named", [
    ('{"a": {}, "a": {}}', "table a appears 2 times"),
    ('{"a": {"1": {}, "1": {}, "1": {}}}', "record id 1 of table a appears 3 times"),
    ('{"a": {"1": {"x": 1, "x": 2}}}', "field x of record 1 of table a appears 2 times"),
    ('{"a": {"1": {"l": [{"y": 1, "y": 1}]}}}', "field l[1].y of record 1 of table a appears 2 times"),
    ('{"a": {"1": {"x": 1, "x": 2}, "1": {}}}', "field x of record 1 of table a appears 2 times"),
    ('{"a\\nb": {}, "a\\nb": {}}', 'table "a\\nb" appears 2 times'),
])
def test_repeated_keys_at_any_depth_are_named(text, named):
    with pytest.raises(ValueError) as info:
        decode_store(text.encode())
    message = str(info.value)
    assert message.startswith("it repeats keys, and all but the last of each would be lost: ")
    assert named in message and "\n" not in message


def test_many_repeats_are_counted_not_all_named():
    text = "{" + ", ".join(f'"t{i}": {{}}, "t{i}": {{}}' for i in range(10)) + "}"
    assert len(repeated_keys(text.encode())) == 10
    with pytest.raises(ValueError, match=r"\(and 7 more\)$"):
        decode_store(text.encode())


def test_no_repeats_in_a_hand_written_file():
    assert repeated_keys(SAMPLE.read_bytes()) == []
    assert decode_store(b'{ "a" : { "1" : { "x" : 1 } } }') == {"a": {"1": {"x": 1}}}


def test_canonical_means_exactly_what_orjson_writes():
    data = {"a": {"1": {"x": 1.5, "y": "ệ"}}}
    assert is_canonical(data, orjson.dumps(data))
    assert not is_canonical(data, json.dumps(data).encode())
    assert not is_canonical({"a": {"1": {"y": "ệ", "x": 1.5}}}, orjson.dumps(data))


@pytest.mark.parametrize("text,message", [
    (b"[]", "it holds a list, not a JSON object of tables"),
    (b'{"meta": []}', "meta: holds a list, not an object of records"),
    (b'{"meta": {"1": 2}}', "meta: record 1 is a whole number, not an object"),
    (b"", "the file is empty"),
])
def test_what_is_not_a_store_says_so(text, message):
    with pytest.raises(ValueError, match=message):
        decode_store(text)
