"""Command palette providers: every panel action, and a delegate finder."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from textual.content import Content

from store.vntext import fold, visible

from .i18n import t

PANEL_ACTIONS = ("desk.", "panel.")


class PanelCommands(Provider):
    """Panels, the contrast theme, and the actions of the active panel's bindings."""

    def _commands(self) -> list[tuple[str, object]]:
        app = self.app
        items: list[tuple[str, object]] = [
            (t("cmd.panel", panel=t(f"panel.{mode}")), partial(app.switch_mode, mode))
            for mode in app.MODES
        ]
        items.append((t("cmd.contrast"), app.toggle_contrast))
        items.append((t("cmd.help"), app.action_help))
        bindings = getattr(self.screen, "_bindings", None)
        for group in bindings.key_to_bindings.values() if bindings else ():
            for b in group:
                if b.description and b.id and b.id.startswith(PANEL_ACTIONS):
                    items.append((b.description, partial(self.screen.run_action, b.action)))
        return items

    async def discover(self) -> Hits:
        for text, callback in self._commands():
            yield DiscoveryHit(text, callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        folded = fold(query)
        for text, callback in self._commands():
            score = matcher.match(text)
            if score <= 0 and folded and folded in fold(text):
                score = 0.5
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text)


class DelegateFinder(Provider):
    """Type part of a name (tones optional): jump to that delegate on the desk."""

    async def search(self, query: str) -> Hits:
        folded = fold(query)
        if len(folded) < 2:
            return
        app = self.app
        found = 0
        for d in app.service.delegates():
            if folded in fold(f"{d.full_name} {d.position}"):
                label = f"{t('cmd.find')}: {visible(d.full_name)} — {visible(d.position)}"
                yield Hit(0.9, Content(label), partial(app.show_delegate, d.code), text=label)
                found += 1
                if found >= 20:
                    return
