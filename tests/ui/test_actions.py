"""One action registry: bindings, key bar, help, palette and every text naming a key come from it,
with the user's keymap applied; bad keymap entries are reported and the default kept."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from rich.console import Console
from textual.widgets import Static

from tui import actions, i18n
from tui.app import HoiNghiApp

from ..conftest import make_app, screen_text, settle, wait_for
from .pilot import press

ROOT = Path(__file__).resolve().parent.parent.parent
KEY_NAMES = re.compile(r"\b(ctrl|alt|shift)\s*\+|\^[A-Za-z]\b|\bF\d{1,2}\b|\b(Esc|Escape|Enter|Tab)\b", re.I)


def rendered(renderable) -> str:
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_catalogs_name_keys_only_through_the_registry():
    for lang in ("vi", "en"):
        for key, text in i18n.catalog(lang).items():  # every part of the catalog (vi.desk.json, …)
            # a document's words ("doc.*": exports, the workbook) may name a spreadsheet's own keys
            assert key.startswith("doc.") or not KEY_NAMES.search(text), (lang, key, text)
            for action_id in re.findall(r"{key:([^}]+)}", text):
                assert action_id in actions.BY_ID, (lang, key, action_id)


def test_every_binding_of_every_screen_is_a_registered_action():
    from tui.screens.common.confirm import ConfirmDialog
    from tui.screens.common.help import HelpScreen
    from tui.screens.desk.delegate_form import DelegateForm
    from tui.screens.desk.export_dialog import ExportDialog
    from tui.screens.desk.import_dialog import ImportDialog
    from tui.screens.desk.introduction import IntroductionScreen
    from tui.screens.desk.unit_picker import UnitPicker

    classes = [HoiNghiApp, *HoiNghiApp.MODES.values(), ConfirmDialog, HelpScreen, DelegateForm,
               ExportDialog, ImportDialog, IntroductionScreen, UnitPicker]
    for cls in classes:
        for binding in cls.BINDINGS:
            action = actions.BY_ID[binding.id]
            assert (binding.key, binding.action) == (action.key, action.action)
            assert action.panel == getattr(cls, "PANEL", "app")
    for lang in ("vi", "en"):
        labels = i18n.catalog(lang)
        assert [a.label for a in actions.ACTIONS if a.label not in labels] == [], lang


def test_key_names_and_keymap_checks():
    assert actions.key_label("ctrl+z") == "Ctrl+Z" and actions.key_label("ctrl+z", short=True) == "^Z"
    assert actions.key_label("enter,y") == "Enter/Y" and actions.key_label("f9") == "F9"
    assert actions.valid_key("shift+f5") and actions.valid_key("question_mark") and actions.valid_key("a")
    assert not actions.valid_key("hyperf1") and not actions.valid_key("ctlr+z") and not actions.valid_key("")
    good, problems = actions.check_keymap({"desk.undo": "ctrl+y", "app.help": "hyperf1", "nope": "f2",
                                           "desk.check_in": "f10"})
    assert good == {"desk.undo": "ctrl+y"} and len(problems) == 3


async def test_a_remapped_key_is_shown_everywhere(service, tmp_path, monkeypatch):
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"keymap": {"desk.add": "ctrl+b", "desk.undo": "ctrl+y"}}), encoding="utf-8")
    monkeypatch.setenv("HOINGHI_CONFIG", str(settings))
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, *"zzqx")
        assert "Ctrl+B để thêm" in screen_text(app.screen.query_one("#desk-message", Static))
        keys = screen_text(app.screen.query_one("KeyBar"))
        assert "^B Thêm" in keys and "^Y Hoàn tác" in keys and "^N" not in keys
        await press(pilot, "f1")
        await pilot.pause()
        helped = rendered(app.screen._keys()) + screen_text(app.screen.query_one("#help-text"))
        assert "Ctrl+B" in helped and "Ctrl+Y hoàn tác" in helped and "Ctrl+N" not in helped
        await press(pilot, "escape", "ctrl+b")  # the remapped key works
        await pilot.pause()
        assert type(app.screen).__name__ == "DelegateForm"


async def test_an_unknown_key_in_the_keymap_is_reported_and_the_default_kept(service, tmp_path, monkeypatch):
    """Before: {"app.help": "hyperf1"} silently took F1 away."""
    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"keymap": {"app.help": "hyperf1", "desk.nothing": "f10"}}), encoding="utf-8")
    monkeypatch.setenv("HOINGHI_CONFIG", str(settings))
    app = make_app(service)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        said = " ".join(str(n.message) for n in app._notifications)
        assert "hyperf1" in said and "F1" in said and "desk.nothing" in said
        await press(pilot, "f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


async def test_actions_that_do_not_apply_are_greyed_out(service):
    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        desk = app.screen

        def state(label):
            return next(enabled for _key, text, enabled in desk.query_one("KeyBar").entries() if text == label)

        assert not state("Hoàn tác") and state("Sửa")  # nothing to undo yet; a delegate is highlighted
        await press(pilot, *"zzqx")
        await pilot.pause()
        assert not state("Sửa") and desk.check_action("remove", ()) is None
        await press(pilot, "ctrl+t", "ctrl+r", "f9")  # nothing happens
        await pilot.pause()
        assert app.screen is desk
        await press(pilot, "escape", *"nvp", "enter")
        await settle(pilot)
        await wait_for(pilot, lambda: state("Hoàn tác") and state("Sửa"))
        await press(pilot, "ctrl+z")
        await settle(pilot)
        await wait_for(pilot, lambda: not state("Hoàn tác"))


async def test_the_palette_lists_the_panels_actions_with_their_keys(service):
    from tui.commands import PanelCommands

    app = make_app(service)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        provider = PanelCommands(app.screen)
        commands = {text: key for text, key, _ in provider._commands()}
        assert commands["Thứ tự"] == "F6" and commands["Trợ giúp"] == "F1"
        assert "Hoàn tác" not in commands  # nothing to undo: not offered
        assert commands["Mở bảng Chương trình hội nghị"] == "F2"


def test_every_screen_has_its_own_css_and_the_desks_is_read_with_the_apps():
    """A screen whose .tcss is new to the app makes Textual reparse all CSS when it first shows
    (13 ms before the desk's first paint): the desk's is read at start."""
    import inspect

    from tui.screens.common.confirm import ConfirmDialog
    from tui.screens.common.help import HelpScreen
    from tui.screens.desk import DeskScreen
    from tui.screens.desk.delegate_form import DelegateForm
    from tui.screens.desk.export_dialog import ExportDialog
    from tui.screens.desk.import_dialog import ImportDialog
    from tui.screens.desk.introduction import IntroductionScreen
    from tui.screens.desk.unit_picker import UnitPicker

    def own(cls):
        return (Path(inspect.getfile(cls)).parent / cls.CSS_PATH).resolve()

    for cls in [*HoiNghiApp.MODES.values(), ConfirmDialog, HelpScreen, DelegateForm, ExportDialog,
                ImportDialog, IntroductionScreen, UnitPicker]:
        assert own(cls).exists() and own(cls).name != "app.tcss", cls
    app_dir = Path(inspect.getfile(HoiNghiApp)).parent
    assert own(DeskScreen) in {(app_dir / p).resolve() for p in HoiNghiApp.CSS_PATH}
    panel_ids = re.findall(r"#[\w-]+", (ROOT / "tui/app.tcss").read_text(encoding="utf-8"))
    assert not panel_ids, panel_ids  # theme-wide rules only
