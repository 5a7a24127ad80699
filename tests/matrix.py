"""What `make test` leaves to `make test-all`: the tests marked `slow`.

Slow are the durability trials (SIGKILLs and full disks), the check promise (thousands of
mutated stores) and the snapshot matrix: of the pictures of one screen (one snapshot test with
the same parameters but its size and language), the first in Vietnamese runs by default and the
other sizes and languages are marked slow here, so that a new snapshot test needs no marker.

By default the slow tests are deselected; `--slow` runs them too, and so does a `-m` expression.
A run that names only slow tests (`pytest tests/test_durability.py`) runs them rather than
nothing: pytest would end with exit code 5 ("no tests ran").
"""

from __future__ import annotations

import pytest

OPTION = "--slow"
#: parameters that make another picture of the same screen
MATRIX_PARAMS = ("size", "lang")


def add_slow_option(parser: pytest.Parser) -> None:
    parser.addoption(OPTION, action="store_true", default=False,
                     help="also run the tests marked slow (snapshot matrix, durability, check promise)")


def _screen(item: pytest.Item) -> tuple[str, tuple] | None:
    if "snap_compare" not in getattr(item, "fixturenames", ()):
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    same_screen = tuple(sorted((k, repr(v)) for k, v in params.items() if k not in MATRIX_PARAMS))
    return item.module.__name__ + "::" + item.originalname, same_screen


def mark_snapshot_matrix(items: list[pytest.Item]) -> None:
    """Keep one picture per screen (Vietnamese first) out of `slow`; mark the rest slow."""
    screens: dict[tuple[str, tuple], list[pytest.Item]] = {}
    for item in items:
        screen = _screen(item)
        if screen is not None:
            screens.setdefault(screen, []).append(item)
    for pictures in screens.values():
        kept = next((item for item in pictures if _language(item) == "vi"), pictures[0])
        for item in pictures:
            if item is not kept:
                item.add_marker(pytest.mark.slow)


def _language(item: pytest.Item) -> str:
    return getattr(getattr(item, "callspec", None), "params", {}).get("lang", "vi")


class DeselectSlow:
    """Deselects the slow tests unless `--slow` or `-m` is given, after the others have seen
    every item (syrupy counts a deselected snapshot as unused only if it never saw its test)."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        if self.config.getoption(OPTION) or self.config.getoption("markexpr"):
            return
        slow = [item for item in items if item.get_closest_marker("slow")]
        if len(slow) == len(items):
            return
        self.config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]
