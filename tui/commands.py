"""Command palette providers: every panel action, and a delegate finder."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from store import roster
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
    """Type part of a name, position or unit, or the initials (tones optional): jump to that
    delegate on the desk. Matches as the desk does, closest names first."""

    MAX_HITS = 20

    async def startup(self) -> None:
        service = self.app.service
        self._delegates = {d.code: d for d in service.delegates.all()}
        self._codes = roster.codes_of(roster.sort_delegates(self._delegates.values(), "protocol", service.conference.units()))
        self._index = roster.SearchIndex(self._delegates.values(), service.conference.units())

    async def search(self, query: str) -> Hits:
        if len(fold(query)) < 2:
            return
        index = self._index
        for code in index.best_first(query, index.search(query, self._codes))[:self.MAX_HITS]:
            d = self._delegates[code]
            label = f"{t('cmd.find')}: {visible(d.full_name)} — {visible(d.position)}"
            yield Hit(0.9, Content(label), partial(self.app.show_delegate, code), text=label)
