"""The check-in desk (F3): the screen, its dialogs and its pure state (desk_state.py)."""

from .screen import DeskScreen

__all__ = ["DeskScreen"]
