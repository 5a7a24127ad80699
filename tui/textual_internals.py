"""Every private part of Textual that hoinghi uses, and only here.

Textual has no public way yet to do these five things; each is a name with a leading underscore
that a minor release may change without notice. `tests/test_textual_internals.py` checks each one
against the installed Textual (and that no other module reaches for a private name), so that an
upgrade that changes one fails there, by name, not at a conference. pyproject pins the minor
version these were checked with.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import _character_to_key
from textual.widgets import DataTable
from textual.widgets._header import HeaderClock, HeaderIcon, HeaderTitle

__all__ = ["HeaderClock", "HeaderIcon", "HeaderTitle", "character_to_key", "node_bindings",
           "refit_columns", "updates_held"]

#: the Textual minor version these were checked with (pyproject pins the same)
CHECKED_WITH = "8.2"


def node_bindings(node: DOMNode) -> dict[str, list[Binding]]:
    """The node's own bindings by key, to change in place: the descriptions put in the
    interface language, the confirm dialog's answer letters (BINDINGS are class attributes
    written before the language is known)."""
    return node._bindings.key_to_bindings


def character_to_key(character: str) -> str:
    """The key name Textual gives a typed character ("?" -> "question_mark")."""
    return _character_to_key(character)


def updates_held(app: App) -> bool:
    """True while the app batches updates (nothing reaches the terminal), e.g. during a mount."""
    return bool(app._batch_count)


def refit_columns(table: DataTable) -> None:
    """Make the table lay out again after its columns' widths were set by hand."""
    table._clear_caches()
    table._require_update_dimensions = True
