"""store.core.schema: the version is an int from 1 to SCHEMA_VERSION, or absent."""

from __future__ import annotations

import pytest

from store.core import schema
from store.core.schema import SCHEMA_VERSION, SchemaError, read_version


@pytest.mark.parametrize("raw,version", [
    ({}, None),
    ({"units": {}, "meta": {}}, None),
    ({"units": {"1": {"code": "HN"}}}, 1),  # written before the version was recorded
    ({"units": {"1": {"code": "HN"}}, "meta": {"1": {"last_codes": {"delegates": 3}}}}, 1),
    ({"meta": {"1": {"schema_version": 1}}}, 1),
    ({"meta": {"1": {"schema_version": SCHEMA_VERSION}}}, SCHEMA_VERSION),
    ({"meta": {"1": {"schema_version": SCHEMA_VERSION + 5}}}, SCHEMA_VERSION + 5),  # refused later, as newer
    ({"meta": {"1": {"schema_version": 2}, "2": {"schema_version": 2}}}, 2),
])
def test_versions_read(raw, version):
    assert read_version(raw) == version


@pytest.mark.parametrize("meta,message", [
    ({"1": {"schema_version": "2"}}, 'meta: field schema_version: "2" is not a schema version (a whole number from 1 to 2)'),
    ({"1": {"schema_version": True}}, "meta: field schema_version: true is not a schema version"),
    ({"1": {"schema_version": 0}}, "meta: field schema_version: 0 is not a schema version"),
    ({"1": {"schema_version": -1}}, "meta: field schema_version: -1 is not a schema version"),
    ({"1": {"schema_version": None}}, "meta: field schema_version: null is not a schema version"),
    ({"1": {"schema_version": 2.0}}, "meta: field schema_version: 2.0 is not a schema version"),
    ({"1": [2]}, "meta: record 1 is a list, not an object"),
    ([{"schema_version": 2}], "meta: holds a list, not an object of records"),
    ({"1": {"schema_version": 1}, "2": {"schema_version": 2}}, "meta: its records disagree on the schema version (1, 2)"),
    ({"x": {"schema_version": 2}}, 'meta: record id "x" is not a whole number'),
    ({"1": {"schema_version": 2, "last_codes": {"delegates": "7"}}},
     'meta: field last_codes.delegates: "7" is text, not a whole number'),
    ({"1": {"schema_version": 2, "colour": "red"}}, "meta: field colour: is not a field of this table"),
])
def test_a_malformed_meta_table_is_one_line(meta, message):
    with pytest.raises(SchemaError) as info:
        read_version({"meta": meta, "units": {}})
    assert message in str(info.value) and "\n" not in str(info.value)
    assert isinstance(info.value, ValueError) and info.value.problems


def test_set_version_stamps_every_meta_record():
    raw = {"meta": {"1": {"schema_version": 1}, "2": {"schema_version": 1}}}
    schema.set_version(raw, 2)
    assert read_version(raw) == 2


def test_migration_leaves_malformed_records_for_the_shape_check():
    raw = {"delegates": {"1": {"name": 5}, "2": [], "3": {"name": "Nguyễn Văn An"}}}
    schema.migrate(raw, 1)
    assert raw["delegates"]["1"] == {"name": 5} and raw["delegates"]["2"] == []
    assert raw["delegates"]["3"] == {"family": "Nguyễn", "middle": "Văn", "given": "An"}
    schema.migrate({"delegates": []}, 1)  # not a table: no crash either


def test_a_newer_file_is_newer_whatever_its_meta_holds(tmp_path):
    """A newer hoinghi may keep more in meta: the answer is "update hoinghi", not "malformed"."""
    from store.errors import StoreVersionError
    from store.service import Service

    raw = {"meta": {"1": {"schema_version": SCHEMA_VERSION + 1, "colour": "red"}, "2": []}}
    assert read_version(raw) == SCHEMA_VERSION + 1
    path = tmp_path / "store.json"
    import orjson

    path.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1, "colour": "red"}}}))
    with pytest.raises(StoreVersionError, match="newer hoinghi"):
        Service.open(path)
