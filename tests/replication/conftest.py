"""Real Syncthing instances on loopback for the several-desks tests (never skipped: `.ci/run`
installs Syncthing when it is missing, and a machine without it fails these tests)."""

from __future__ import annotations

import shutil

import pytest

from store.replication import syncthing


@pytest.fixture
def syncthing_homes(tmp_path):
    """Make Syncthing homes on demand (`make(name)`); every one started is stopped after."""
    assert shutil.which("syncthing"), "Syncthing is not installed: apt-get install syncthing"
    made: list[syncthing.Home] = []

    def make(name: str) -> syncthing.Home:
        home = syncthing.Home(tmp_path / f"st-{name}")
        made.append(home)
        return home

    yield make
    for home in made:
        if home.exists():
            syncthing.stop(home)
