"""Command palette providers: every action of the app and of the active screen (from the action
registry, with the user's keys), and a delegate finder."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from store.models import roster
from wording.text import fold, visible

from . import actions
from .i18n import t


class PanelCommands(Provider):
    """Panels, help, the contrast theme, and the actions of the active screen that apply now."""

    def _commands(self) -> list[tuple[str, str, object]]:
        app, screen = self.app, self.screen
        items: list[tuple[str, str, object]] = []
        for action in actions.of_panel("app"):
            if not action.palette:
                continue
            key = actions.key_of(action.id)
            if action.id.startswith("app.panel."):
                mode = action.id.rsplit(".", 1)[1]
                items.append((t("cmd.panel", panel=t(f"panel.{mode}")), key, partial(app.switch_mode, mode)))
            else:
                items.append((actions.label(action.id), key, partial(app.run_action, action.action)))
        panel = getattr(screen, "PANEL", None)
        for action in actions.of_panel(panel) if panel and panel != "app" else ():
            if action.palette and action.bound and screen.check_action(action.action, ()):
                items.append((actions.label(action.id), actions.key_of(action.id),
                              partial(screen.run_action, action.action)))
        return items

    async def discover(self) -> Hits:
        for text, key, callback in self._commands():
            yield DiscoveryHit(text, callback, help=key)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        folded = fold(query)
        for text, key, callback in self._commands():
            score = matcher.match(text)
            if score <= 0 and folded and folded in fold(text):
                score = 0.5
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, text=text, help=key)


class DelegateFinder(Provider):
    """Type part of a name, position or unit, or the initials (tones optional): jump to that
    delegate on the desk. Matches as the desk does, closest names first."""

    MAX_HITS = 20

    async def startup(self) -> None:
        """The desk's delegates and search index when the desk has opened (kept current by its
        store changes: nothing built again at each opening of the palette); else built here."""
        desk = self.app.desk_state
        if desk is not None:
            self._delegates, self._index = desk.delegates, desk.index()
            self._codes = desk.everyone_in_protocol_order()
            return
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
