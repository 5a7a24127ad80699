"""The keys of the current panel on one line, like Textual's Footer but drawn as one text.

The stock Footer builds a widget per key and rebuilds them on every focus change; on the desk
that cost about 150 ms of the first paint. This bar is one Static, redrawn when bindings change.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static

from ..i18n import t


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

    def _show(self) -> None:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        disabled = self.get_component_rich_style("key-bar--disabled", partial=True)
        text = Text(" ", no_wrap=True, overflow="ellipsis")
        seen: set[str] = set()
        active = self.screen.active_bindings
        shown = [(b, enabled) for _node, b, enabled, _tip in active.values()
                 if b.show and b.description]
        shown.sort(key=lambda item: item[0].id != "app.help")  # F1 first, the rest as bound
        panels = [self.app.get_key_display(b) for b, _ in shown if (b.id or "").startswith("app.panel.")]
        for binding, enabled in shown:
            if binding.action in seen or (binding.id or "").startswith("app.panel."):
                continue
            seen.add(binding.action)
            text.append(self.app.get_key_display(binding), key_style)
            text.append(f" {binding.description}  ", "" if enabled else disabled)
        if panels:  # F2..F5 as one entry: the panels' names are in the header and in F1 help
            text.append(" ".join(panels), key_style)
            text.append(f" {t('key.panels')}  ")
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None:
            text.append(self.app.get_key_display(palette.binding), key_style)
            text.append(f" {t('key.palette')}")
        self.update(text)
