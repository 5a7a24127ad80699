"""Snapshots of the setup panel (F10): an empty store (the guide to the three ways in), a
half-prepared one (units and details, no agenda, criteria or covenant), and the conference form;
at 80x24 in both languages and at 120x40 in Vietnamese.

    .venv/bin/python -m pytest tests/ui/test_snapshots_setup.py --snapshot-update   # after a wanted change
"""

from __future__ import annotations

import pytest

from store.service import Service

from ..conftest import FIXED_NOW, make_app
from .pilot import snapshot_keys as _keys


def _half_prepared(service: Service) -> None:
    for full, short in (("Ban Tổ chức Tỉnh ủy Bắc Giang", "Bắc Giang"), ("Ban Tổ chức Tỉnh ủy Lạng Sơn", "Lạng Sơn"),
                        ("Ban Tổ chức Tỉnh ủy Bắc Ninh", "Bắc Ninh")):
        service.conference.add_unit(full_name=full, short_name=short)
    service.conference.save(title="Hội nghị tổng kết công tác thi đua năm 2025 Cụm thi đua số 2",
                            cluster="Cụm thi đua số 2", year=2025, date="05/12/2025", venue="Bắc Giang",
                            host_unit="BG", organizer="Ban Tổ chức Tỉnh ủy Bắc Giang")


CASES = {
    "empty": (None, _keys()),
    "half": (_half_prepared, _keys()),
    "conference_form": (_half_prepared, _keys("ctrl+e")),
}
SIZES = {"120x40": (120, 40), "80x24": (80, 24)}


@pytest.mark.parametrize("case, size, lang", [
    ("empty", "80x24", "vi"), ("empty", "80x24", "en"), ("empty", "120x40", "vi"),
    ("half", "80x24", "vi"), ("half", "80x24", "en"), ("half", "120x40", "vi"),
    ("conference_form", "80x24", "vi"), ("conference_form", "80x24", "en"),
])
def test_setup_snapshot(case, size, lang, tmp_path, snap_compare):
    prepare, run_before = CASES[case]
    service = Service.create(tmp_path / "cum2.json", operator="tester", now=lambda: FIXED_NOW)
    try:
        if prepare:
            prepare(service)
        app = make_app(service, lang=lang, panel="setup")
        assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
    finally:
        service.close()
