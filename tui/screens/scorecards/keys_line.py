"""The key bar for the scorecards' own screens (scorecard, rules, ballot).

The shared KeyBar redraws itself after a refresh when the bindings change; a screen popped in
between (Escape right after a save) has already taken its styles away and the redraw raised
KeyError. This one skips a redraw once it is no longer attached."""

from __future__ import annotations

from ...widgets.key_bar import KeyBar


class ScreenKeyBar(KeyBar):
    DEFAULT_CSS = KeyBar.DEFAULT_CSS.replace("KeyBar", "ScreenKeyBar")

    def _show(self) -> None:
        if not self.is_attached or not self.is_mounted:
            return
        try:
            super()._show()
        except KeyError:  # the screen is being removed: nothing to draw
            return
