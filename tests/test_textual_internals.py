"""The private parts of Textual that hoinghi uses (tui/textual_internals.py) still work as the
app expects, and no other module reaches for one: an upgrade of Textual that changes one fails
here, by name. Textual's version is pinned to the minor these were checked with."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from importlib.metadata import version
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import DataTable, Header

import tui
from tui import textual_internals as internals

ROOT = Path(__file__).resolve().parent.parent
TEXTUAL = Path(importlib.import_module("textual").__file__).parent
UPGRADE = ("Textual {found} is installed; tui/textual_internals.py was checked with {checked}: "
           "check each internal against the new Textual, then update CHECKED_WITH and the pin")


def test_textual_is_the_minor_version_the_internals_were_checked_with():
    found = version("textual")
    assert found.startswith(internals.CHECKED_WITH + "."), UPGRADE.format(found=found, checked=internals.CHECKED_WITH)


def test_pyproject_pins_that_minor_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    major, minor = internals.CHECKED_WITH.split(".")
    wanted = f"textual>={major}.{minor},<{major}.{int(minor) + 1}"
    assert wanted in project["dependencies"]


class _Bound(App):
    BINDINGS = [Binding("f2", "noop", "key.before", id="test.noop")]

    def action_noop(self) -> None:
        pass


async def test_node_bindings_are_the_bindings_textual_acts_on():
    app = _Bound()
    async with app.run_test() as pilot:
        bindings = internals.node_bindings(app)
        assert [b.description for b in bindings["f2"]] == ["key.before"]
        bindings["f2"] = [Binding("f2", "noop", "after", id="test.noop")]
        app.refresh_bindings()
        await pilot.pause()
        assert app.screen.active_bindings["f2"].binding.description == "after"
        del bindings["f2"]
        app.refresh_bindings()
        await pilot.pause()
        assert "f2" not in app.screen.active_bindings


@pytest.mark.parametrize("character, key", [
    ("a", "a"), ("Z", "Z"), ("5", "5"), ("?", "question_mark"), (" ", "space"), (".", "full_stop"),
    ("+", "plus"), ("-", "minus"), ("/", "slash"), ("@", "at"), ("ễ", "ễ"),
])
def test_character_to_key_names_keys_as_textual_bindings_do(character, key):
    assert internals.character_to_key(character) == key


async def test_updates_held_while_the_app_batches_updates():
    app = App()
    async with app.run_test():
        assert not internals.updates_held(app)
        with app.batch_update():
            assert internals.updates_held(app)
        assert not internals.updates_held(app)


class _Table(App):
    def compose(self) -> ComposeResult:
        yield DataTable()


async def test_refit_columns_lays_the_table_out_with_the_widths_set_by_hand():
    app = _Table()
    async with app.run_test(size=(80, 10)) as pilot:
        table = app.query_one(DataTable)
        key, _ = table.add_columns("long", "short")
        table.add_row("x" * 60, "y")
        await pilot.pause()
        wide = table.virtual_size.width
        column = table.columns[key]
        column.auto_width = False
        column.width = 10
        internals.refit_columns(table)
        table.refresh(layout=True)
        await pilot.pause()
        assert table.virtual_size.width == wide - 50


class _Headed(App):
    def compose(self) -> ComposeResult:
        yield Header(show_clock=True)


async def test_the_header_is_still_made_of_the_parts_the_panel_header_recomposes():
    app = _Headed()
    async with app.run_test():
        header = app.query_one(Header)
        parts = [type(child) for child in header.children]
        assert parts == [internals.HeaderIcon, internals.HeaderTitle, internals.HeaderClock]
        assert all(issubclass(part, Widget) for part in parts)


def _textual_private_names() -> set[str]:
    names: set[str] = set()
    for path in TEXTUAL.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"def (_[a-z]\w*)\(", text))
        names |= set(re.findall(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=[^=]", text))
        names |= set(re.findall(r"^\s*(_[a-z]\w*)\s*(?::[^=\n]*)?=[^=]", text, re.M))
    return names


def _tui_sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in (ROOT / "tui").rglob("*.py")}


def test_no_other_module_reaches_for_a_private_part_of_textual():
    sources = _tui_sources()
    own: set[str] = set()
    for text in sources.values():
        own |= set(re.findall(r"def (_[a-z]\w*)\(", text))
        own |= set(re.findall(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=[^=]", text))
        own |= set(re.findall(r"^\s*(_[a-z]\w*)\s*(?::[^=\n]*)?=[^=]", text, re.M))
    private = _textual_private_names() - own
    found = []
    for path, text in sources.items():
        if path.name == "textual_internals.py":
            continue
        for number, line in enumerate(text.splitlines(), 1):
            imported = re.search(r"from textual[\w.]* import .*\b_\w|from textual[\w.]*\._|import textual[\w.]*\._", line)
            used = [name for name in re.findall(r"\.(_[a-z]\w*)\b", line) if name in private]
            if imported or used:
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "private parts of Textual outside tui/textual_internals.py:\n" + "\n".join(found)


def test_no_class_of_the_app_overrides_a_private_name_of_its_textual_base():
    """A subclass that defines `_rows` or `_refresh` of its own silently replaces Textual's."""
    clashes = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] == "textual"]
            if not bases:
                continue
            theirs = set(dir(bases[0]))
            try:
                instance = bases[0].__new__(bases[0])
                bases[0].__init__(instance)
                theirs |= set(vars(instance))
            except Exception:  # noqa: BLE001 - an abstract base: its class attributes are enough
                pass
            source = inspect.getsource(cls)
            mine = set(re.findall(r"def (_[a-z]\w*)\(", source))
            mine |= set(re.findall(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=[^=]", source))
            clashes += [f"{cls.__module__}.{cls.__name__}.{name} (Textual's {bases[0].__name__})"
                        for name in sorted(mine & theirs)]
    assert not clashes, "\n".join(clashes)
