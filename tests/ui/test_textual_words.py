"""Textual's own words (palette placeholder, system commands, the Ctrl+C hint) in our language."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input


from ..conftest import make_app, settle
from .pilot import press


async def test_palette_placeholder_and_system_commands_are_vietnamese(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Tìm lệnh, bảng hoặc đại biểu…"
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert titles == ["Thoát"]


async def test_ctrl_c_says_which_key_quits_in_the_interface_language(service):
    app = make_app(service, lang="en")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        app.action_help_quit()
        await settle(pilot)
        messages = [(n.title, n.message) for n in app._notifications]
        assert ("Do you want to quit?", "Press Ctrl+Q to quit the app") in messages
