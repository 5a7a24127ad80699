"""Snapshots of the signing ceremony: the full-screen ceremony view mid-way (80x24,
both languages), the signing dialog (80x24), the panel once sealed (120x40) and the panel of a
sealed record whose signer was changed by hand afterwards (120x40: the red line).

    .venv/bin/python -m pytest tests/ui/test_snapshots_covenant.py --snapshot-update   # after a wanted change
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil

import orjson
import pytest

from store.service import Service

from ..conftest import SAMPLE, make_app
from .pilot import snapshot_keys as _keys


def _signed(service: Service, count: int, seal: bool = False) -> None:
    for code in service.covenant.get().signing_order[:count]:
        best = service.covenant.candidates(code)[0]
        service.covenant.sign(code, signer=best.full_name, position=best.position)
    if seal:
        service.covenant.record_absent(service.covenant.progress().current)
        service.covenant.seal(incomplete=True)


CASES = {
    "ceremony": (5, False, _keys("f6")),
    "dialog": (5, False, _keys("f6", "enter")),
    "sealed": (12, True, _keys()),
    "forged": (12, True, _keys()),
}
SIZES = {"120x40": (120, 40), "80x24": (80, 24)}


@pytest.mark.parametrize("case, size, lang", [
    ("ceremony", "80x24", "vi"), ("ceremony", "80x24", "en"), ("dialog", "80x24", "vi"),
    ("sealed", "120x40", "vi"), ("forged", "120x40", "vi"),
])
def test_covenant_snapshot(case, size, lang, tmp_path, snap_compare):
    count, seal, run_before = CASES[case]
    path = tmp_path / "hoinghi.json"
    shutil.copyfile(SAMPLE, path)
    ticks = itertools.count()
    clock = lambda: dt.datetime(2024, 11, 30, 10, 30) + dt.timedelta(seconds=40 * next(ticks))  # noqa: E731
    service = Service.open(path, operator="tester", now=clock, backup_keep=0)
    try:
        _signed(service, count, seal)
        if case == "forged":
            service.close()
            raw = orjson.loads(path.read_bytes())
            next(d for d in raw["signatures"].values() if d["unit_code"] == "PT")["signer"] = "Người Khác"
            path.write_bytes(orjson.dumps(raw))
            service = Service.open(path, operator="tester", now=clock, backup_keep=0)
        app = make_app(service, lang=lang, panel="covenant")
        assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
    finally:
        service.close()
