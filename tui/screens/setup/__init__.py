"""The setup panel (F10): the conference, its member units, what is missing; its forms, the
workbook import dialog and its pure state (setup_state.py)."""

from .screen import SetupScreen

__all__ = ["SetupScreen"]
