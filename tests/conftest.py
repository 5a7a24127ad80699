from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample.json"


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the demo conference."""
    path = tmp_path / "hoinghi.json"
    shutil.copyfile(SAMPLE, path)
    return path


@pytest.fixture
def service(sample_copy: Path):
    from store.service import Service

    svc = Service.open(sample_copy, operator="tester")
    yield svc
    svc.close()
