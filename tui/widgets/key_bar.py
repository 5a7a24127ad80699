"""The keys of the current panel on one line, like Textual's Footer but drawn as one text.

The stock Footer builds a widget per key and rebuilds them on every focus change; on the desk
that cost about 150 ms of the first paint. This bar is one Static, redrawn when bindings change.
Keys and labels come from the action registry (tui/actions.py) with the user's keymap applied;
an action that does not apply now (`check_action` said None) is greyed out. On a narrow
terminal F1 (help, which lists every key) and quit always stay in view: the keys between them
that do not fit are left out, from the right, and "…" stands for them.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from .. import actions
from ..i18n import t

PANELS = ("app.panel.agenda", "app.panel.delegates", "app.panel.scorecards", "app.panel.covenant",
          "app.panel.setup")


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background;
                             text-style: bold; }
    KeyBar > .key-bar--disabled { color: $text-disabled; }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--disabled"}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._show()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.call_after_refresh(self._show)

    def on_resize(self) -> None:
        self._show()

    def entries(self) -> list[tuple[str, str, bool]]:
        """(key, label, enabled) of every key the bar offers: F1 first, the panel's keys, F2-F5
        as one entry, the palette, quit last."""
        enabled: dict[str, bool] = {}
        for active in self.screen.active_bindings.values():
            if active.binding.id:
                enabled[active.binding.id] = enabled.get(active.binding.id, False) or bool(active.enabled)
        shown: list[tuple[str, str, bool]] = []
        if "app.help" in enabled:
            shown.append((actions.key_of("app.help", short=True), actions.label("app.help"), enabled["app.help"]))
        for action in actions.ACTIONS:
            if action.show and action.panel != "app" and action.id in enabled:
                shown.append((actions.key_of(action.id, short=True), actions.label(action.id), enabled[action.id]))
        panels = [actions.key_of(p, short=True) for p in PANELS if p in enabled]
        if panels:  # F2..F5 as one entry: the panels' names are in the header and in F1 help
            shown.append((" ".join(panels), t("key.panels"), True))
        if "app.palette" in enabled:
            shown.append((actions.key_of("app.palette", short=True), actions.label("app.palette"), True))
        if "app.quit" in enabled:
            shown.append((actions.key_of("app.quit", short=True), actions.label("app.quit"), True))
        return shown

    def fitting(self, width: int) -> tuple[list[tuple[str, str, bool]], bool]:
        """(the entries shown in `width` cells, whether some were left out). F1 and quit are
        kept; the keys between them are dropped from the right until the line fits."""
        entries = self.entries()
        size = [cell_len(f"{key} {label}  ") for key, label, _ in entries]
        if 1 + sum(size) <= width or len(entries) <= 2:
            return entries, False
        first, last = entries[0], entries[-1]
        keep = [first]
        room = width - 1 - size[0] - size[-1] - cell_len("… ")
        for entry, cells in zip(entries[1:-1], size[1:-1]):
            if cells > room:
                break
            keep.append(entry)
            room -= cells
        return [*keep, last], True

    def _show(self) -> None:
        if not (self.is_attached and self.is_mounted):
            return  # a redraw queued just before its screen closed (Esc right after a save)
        try:
            key_style = self.get_component_rich_style("key-bar--key", partial=True)
            disabled = self.get_component_rich_style("key-bar--disabled", partial=True)
        except KeyError:  # the closing screen's styles are already gone: nothing to draw
            return
        text = Text(" ", no_wrap=True, overflow="ellipsis")
        shown, cut = self.fitting(self.size.width or self.app.size.width)
        for n, (key, label, enabled) in enumerate(shown):
            if cut and n == len(shown) - 1:
                text.append("… ", disabled)
            text.append(key, key_style if enabled else disabled)
            text.append(f" {label}  ", "" if enabled else disabled)
        self.update(text)
