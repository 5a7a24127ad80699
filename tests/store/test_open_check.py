"""A hostile file: open refuses what would make a record crash, `check` names every problem on
one line each, the command line never shows a traceback, and the file is never touched.

Each defect listed when the store was first tried as a hostile user would has a test here."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import orjson
import pytest

from store.checks import check_problems, check_raw
from store.core.opening import check_file, load_checked
from store.errors import StoreShapeError
from store.core.schema import SCHEMA_VERSION
from store.errors import StoreCorruptError, StoreError, StoreVersionError
from store.service import Service
from tui.cli.main import main

from ..conftest import SAMPLE


def sample_raw() -> dict[str, Any]:
    return orjson.loads(SAMPLE.read_bytes())


def first_id(raw: dict, table: str) -> str:
    return next(iter(raw[table]))


def delegate_id(raw: dict, code: str) -> str:
    return next(k for k, d in raw["delegates"].items() if d["code"] == code)


def audit_entry(seq: int = 1) -> dict[str, Any]:
    return {"seq": seq, "at": "2024-11-30T08:00:00", "operator": "lan", "action": "delegate.check_in",
            "target": "D0001", "before": None, "after": {"at": "2024-11-30T08:00:00"}}


def _no_code(raw):
    del raw["delegates"][delegate_id(raw, "D0007")]["code"]


def _martians(raw):
    raw["delegates"][delegate_id(raw, "D0007")]["bloc"] = "martians"


def _abc_id(raw):
    raw["delegates"]["abc"] = raw["delegates"].pop(delegate_id(raw, "D0007"))


def _audit_without_seq(raw):
    entry = audit_entry()
    del entry["seq"]
    raw["audit"] = {"1": entry}


def _unit_order_x(raw):
    raw["units"][first_id(raw, "units")]["order"] = "x"


def _version(value):
    def mutate(raw):
        raw["meta"]["1"]["schema_version"] = value
    return mutate


def _meta_record_list(raw):
    raw["meta"]["1"] = [{"schema_version": 2}]


def _meta_table_list(raw):
    raw["meta"] = [{"schema_version": 2}]


def _meta_disagree(raw):
    raw["meta"]["2"] = {"schema_version": 1}


# (what, mutation, a piece of the one-line problem that must be named)
DEFECTS: list[tuple[str, Callable[[dict], None], str]] = [
    ("delegate without code", _no_code, "field code: is missing"),
    ("bloc martians", _martians,
     'delegates D0007: field bloc: "martians" is not one of party, assembly, government, front, other'),
    ("record id abc", _abc_id, 'delegates D0007: record id "abc" is not a whole number'),
    ("audit entry without seq", _audit_without_seq, "audit #1: field seq: is missing"),
    ("unit order x", _unit_order_x, 'units HN: field order: "x" is text, not a whole number'),
    ("schema version 0", _version(0), "meta: field schema_version: 0 is not a schema version"),
    ("schema version -1", _version(-1), "meta: field schema_version: -1 is not a schema version"),
    ("schema version '2'", _version("2"), 'meta: field schema_version: "2" is not a schema version'),
    ("schema version true", _version(True), "meta: field schema_version: true is not a schema version"),
    ("schema version 2.0", _version(2.0), "meta: field schema_version: 2.0 is not a schema version"),
    ("meta record is a list", _meta_record_list, "meta: record 1 is a list, not an object"),
    ("meta table is a list", _meta_table_list, "meta: holds a list, not an object of records"),
    ("meta records disagree", _meta_disagree, "meta: its records disagree on the schema version (1, 2)"),
]


def write(path: Path, raw: Any) -> bytes:
    data = orjson.dumps(raw)
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("what,mutate,expected", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_check_names_the_problem(what, mutate, expected):
    raw = sample_raw()
    mutate(raw)
    problems = check_raw(raw)
    assert any(expected in p for p in problems), problems
    assert all("\n" not in p for p in problems)


@pytest.mark.parametrize("what,mutate,expected", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_open_refuses_and_leaves_the_file_untouched(tmp_path, what, mutate, expected):
    raw = sample_raw()
    mutate(raw)
    path = tmp_path / "store.json"
    before = write(path, raw)
    with pytest.raises(StoreCorruptError) as info:
        Service.open(path, operator="t")
    message = str(info.value)
    assert expected in message
    assert "\n" not in message and "the file was left untouched" in message
    assert path.read_bytes() == before
    with pytest.raises(StoreCorruptError):  # the lock was released: the same answer again
        Service.open(path, operator="t")


@pytest.mark.parametrize("what,mutate,expected", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_cli_check_is_one_line_exit_1_no_traceback(tmp_path, capsys, what, mutate, expected):
    raw = sample_raw()
    mutate(raw)
    path = tmp_path / "store.json"
    before = write(path, raw)
    assert main(["--lang", "en", "--db", str(path), "check"]) == 1
    out, err = capsys.readouterr()
    text = out + err
    assert "Traceback" not in text and expected in text
    if err:  # refused at open: one line
        assert err.startswith("hoinghi: ") and err.count("\n") == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize("what,mutate,expected", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_check_file_lists_every_problem_without_opening(tmp_path, what, mutate, expected):
    raw = sample_raw()
    mutate(raw)
    path = tmp_path / "store.json"
    before = write(path, raw)
    try:
        problems = [str(p) for p in check_file(path)]
    except StoreCorruptError as exc:  # not a store at all (a table or record that is no object)
        problems = [str(exc)]
    assert any(expected in p for p in problems)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.backups"))  # no backup made, no lock left


def test_the_refusal_carries_every_problem(tmp_path):
    raw = sample_raw()
    for doc in raw["delegates"].values():
        doc["bloc"] = "martians"
    path = tmp_path / "store.json"
    write(path, raw)
    with pytest.raises(StoreShapeError) as info:
        Service.open(path)
    assert len(info.value.problems) == len(raw["delegates"])
    assert f"{len(raw['delegates'])} problem(s)" in str(info.value)
    assert f"(and {len(raw['delegates']) - 3} more)" in str(info.value)


def test_duplicated_delegates_key_hiding_61_of_62_is_refused(tmp_path, capsys):
    raw = sample_raw()
    text = SAMPLE.read_text(encoding="utf-8")
    one = {"1": raw["delegates"]["1"]}
    # the same file with a second "delegates" key, holding one record, right after the first
    doctored = text.replace('\n  "agenda":', '\n  "delegates": ' + orjson.dumps(one).decode() + ',\n  "agenda":', 1)
    assert doctored != text
    assert len(orjson.loads(doctored)["delegates"]) == 1  # what a parser that keeps the last sees
    path = tmp_path / "store.json"
    path.write_text(doctored, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(StoreCorruptError, match='table delegates appears 2 times'):
        Service.open(path)
    assert main(["--db", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert "table delegates appears 2 times" in err and err.count("\n") == 1
    assert path.read_bytes() == before
    with pytest.raises(StoreError, match="table delegates appears 2 times"):
        load_checked(path)  # `hoinghi new --from` refuses it too


def test_repeated_record_id_and_field_are_named(tmp_path):
    path = tmp_path / "store.json"
    path.write_bytes(b'{"units": {"1": {"code": "HN", "code": "PT", "order": 1, "full_name": "a", '
                     b'"short_name": "b"}, "1": {"code": "X"}}, "meta": {"1": {"schema_version": 2}}}')
    with pytest.raises(StoreCorruptError) as info:
        Service.open(path)
    message = str(info.value)
    assert "record id 1 of table units appears 2 times" in message
    assert "field code of record 1 of table units appears 2 times" in message


def test_a_newer_version_is_still_refused_as_newer(tmp_path):
    raw = sample_raw()
    raw["meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    path = tmp_path / "store.json"
    before = write(path, raw)
    with pytest.raises(StoreVersionError, match="newer hoinghi"):
        Service.open(path)
    assert path.read_bytes() == before


def test_a_file_without_version_is_version_1_and_migrated(tmp_path):
    raw = sample_raw()
    del raw["meta"]
    for doc in raw["delegates"].values():
        doc["name"] = " ".join(p for p in (doc.pop("family"), doc.pop("middle"), doc.pop("given")) if p)
    path = tmp_path / "store.json"
    write(path, raw)
    with Service.open(path) as service:
        assert service.check() == []
    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_a_malformed_version_1_file_is_refused_before_migration_writes(tmp_path):
    raw = sample_raw()
    del raw["meta"]
    for doc in raw["delegates"].values():
        doc["name"] = " ".join(p for p in (doc.pop("family"), doc.pop("middle"), doc.pop("given")) if p)
    raw["delegates"]["1"]["name"] = 42
    path = tmp_path / "store.json"
    before = write(path, raw)
    with pytest.raises(StoreShapeError) as info:
        Service.open(path)
    problems = [str(p) for p in info.value.problems]
    assert "delegates D0001: field name: is not a field of this table" in problems
    assert "delegates D0001: field given: is missing" in problems
    assert path.read_bytes() == before
    backups = tmp_path / "store.json.backups"
    assert not any("migration" in p.name for p in backups.iterdir()) if backups.exists() else True


def test_refusal_names_the_newest_backup_open_would_accept(tmp_path):
    path = tmp_path / "store.json"
    path.write_bytes(SAMPLE.read_bytes())
    with Service.open(path, operator="t") as service:  # opened once: a good backup exists
        service.delegates.check_in("D0001")
    raw = orjson.loads(path.read_bytes())
    raw["delegates"]["1"]["bloc"] = "martians"
    write(path, raw)
    with pytest.raises(StoreShapeError) as info:
        Service.open(path)
    hint = str(info.value).rsplit("; ", 1)[1]
    assert hint.startswith("newest good backup: ")
    good = Path(hint.removeprefix("newest good backup: "))
    assert b"martians" not in good.read_bytes()
    path.write_bytes(good.read_bytes())  # restoring it is the way out
    Service.open(path).close()


def test_unknown_fields_and_tables_are_problems():
    raw = sample_raw()
    raw["delegates"]["1"]["unit"] = "HN"  # a typo of unit_code would be lost silently
    raw["delegatez"] = {}
    problems = check_raw(raw)
    assert "delegates D0001: field unit: is not a field of this table" in problems
    assert "delegatez: is not a table of hoinghi" in problems


def test_nested_records_are_checked_with_their_path():
    raw = sample_raw()
    raw["scores"]["1"]["groups"][1]["self_points"] = "14"
    raw["scoring_config"]["1"]["bonus_rules"][0]["points"] = None
    raw["covenant"]["1"]["signing_order"].append(7)
    problems = check_raw(raw)
    assert 'scores HN: field groups[2].self_points: "14" is text, not a number or null' in problems
    assert "scoring_config: field bonus_rules[1].points: null is null, not a number" in problems
    assert "covenant: field signing_order[15]: 7 is a whole number, not text" in problems


def test_problems_are_values_with_reason_codes():
    raw = sample_raw()
    _martians(raw)
    raw["conference"]["1"]["host_unit"] = "ZZ"
    problems = check_problems(raw)
    bloc = next(p for p in problems if p.field == "bloc")
    assert (bloc.table, bloc.code, bloc.reason) == ("delegates", "D0007", "not_one_of")
    assert bloc.params["value"] == '"martians"'
    host = next(p for p in problems if p.field == "host_unit")
    assert (host.table, host.code, host.reason, dict(host.params)) == (
        "conference", None, "host_not_member", {"unit": "ZZ"})
    assert str(host) == "conference: field host_unit: host unit 'ZZ' is not a member unit"


def test_a_broken_unit_is_not_reported_again_by_every_reference():
    raw = sample_raw()
    _unit_order_x(raw)
    problems = check_raw(raw)
    assert problems == ['units HN: field order: "x" is text, not a whole number']


def test_duplicate_codes_are_named():
    raw = sample_raw()
    raw["delegates"]["2"]["code"] = raw["delegates"]["1"]["code"]
    problems = check_raw(raw)
    assert 'delegates D0001: field code: "D0001" is used by 2 records' in problems


def test_unknown_tie_break_criterion_is_a_problem_not_a_crash():
    raw = sample_raw()
    raw["scoring_config"]["1"]["tie_break"] = ["cluster_total", "luck"]
    assert 'scoring_config: field tie_break: unknown tie-break criterion "luck"' in check_raw(raw)


def test_control_characters_and_newlines_stay_on_one_line():
    raw = sample_raw()
    raw["delegates"]["1"]["bloc"] = "mar\ntians\u202e"
    raw["delegates"]["1"]["x\ny"] = 1
    problems = check_raw(raw)
    assert all("\n" not in p and "\u202e" not in p for p in problems)
    assert any('"mar\\ntians\\u202e"' in p for p in problems)


def test_cli_check_lists_every_shape_problem_one_per_line(tmp_path, capsys):
    raw = orjson.loads(SAMPLE.read_bytes())
    for doc in raw["delegates"].values():
        doc["bloc"] = "martians"
    path = tmp_path / "bad.json"
    path.write_bytes(orjson.dumps(raw))
    assert main(["--lang", "en", "--db", str(path), "check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}: {len(raw['delegates'])} problem(s)"
    assert len(lines) == 1 + len(raw["delegates"])
    assert all("martians" in line for line in lines[1:])
