"""Snapshots of the scorecards: the panel (ranking with its explanation) at 80x24 in both
languages, a unit's scorecard at 80x24 with a refused value, and the chart at 120x40.

    .venv/bin/python -m pytest tests/ui/test_snapshots_scorecards.py --snapshot-update
"""

from __future__ import annotations

import pytest

from store.service import Service

from ..conftest import FIXED_NOW, make_app
from .pilot import snapshot_keys as keys


CASES = {
    "panel-vi": ((80, 24), "vi", ()),
    "panel-en": ((80, 24), "en", ()),
    "card-refused": ((80, 24), "vi", ("down",) * 8 + ("enter", "1", "6", "enter")),
    "chart": ((120, 40), "vi", ("f7",)),
}


@pytest.fixture
def fixed_service(sample_copy):
    service = Service.open(sample_copy, operator="tester", now=lambda: FIXED_NOW)
    yield service
    service.close()


@pytest.mark.parametrize("name", list(CASES))
def test_scorecards_snapshot(name, fixed_service, snap_compare):
    size, lang, pressed = CASES[name]
    app = make_app(fixed_service, panel="scorecards", lang=lang)
    assert snap_compare(app, terminal_size=size, run_before=keys(*pressed))
