"""The store stays a TinyDB database: TinyDB alone (its own JSONStorage, nothing of hoinghi) opens
a store that hoinghi wrote and finds delegates with `Query()`, and the README's three-line script
for people who want to query their store runs as printed."""

from __future__ import annotations

import re
import subprocess
import sys

from tinydb import Query, TinyDB

from store.service import Service

from ..conftest import ROOT

README = ROOT / "README.md"


def _readme_script() -> str:
    """The python block that follows 'query their store' in the README."""
    text = README.read_text(encoding="utf-8")
    found = re.search(r"query their store.*?```python\n(.*?)```", text, re.S)
    assert found, "README.md lost the script that queries a store with TinyDB"
    return found.group(1)


def test_plain_tinydb_finds_the_delegates_hoinghi_wrote(sample_copy):
    with Service.open(sample_copy, operator="tester") as service:
        hanoi = {d.code: d.full_name for d in service.delegates.all() if d.unit_code == "HN"}
        arrived = next(iter(hanoi))
        service.delegates.check_in(arrived, desk="Cửa A")
    written = sample_copy.read_bytes()

    db = TinyDB(sample_copy)
    delegate = Query()
    found = db.table("delegates").search(delegate.unit_code == "HN")
    present = db.table("delegates").search(delegate.checked_in_at != None)  # noqa: E711 - TinyDB's query
    db.close()

    assert {d["code"] for d in found} == set(hanoi)
    assert [d["code"] for d in present] == [arrived]
    assert sample_copy.read_bytes() == written, "reading with TinyDB must not change the store"
    with Service.open(sample_copy, operator="tester") as service:
        assert service.delegates.get(arrived).checked_in_at is not None


def test_the_readme_script_runs_as_printed(sample_copy):
    """The script opens 'hoinghi.json' in the current folder: the copy is named so."""
    assert sample_copy.name == "hoinghi.json"
    result = subprocess.run([sys.executable, "-c", _readme_script()], cwd=sample_copy.parent,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    with Service.open(sample_copy, operator="tester") as service:
        hanoi = [d for d in service.delegates.all() if d.unit_code == "HN"]
    assert hanoi and all(d.code in result.stdout for d in hanoi)
