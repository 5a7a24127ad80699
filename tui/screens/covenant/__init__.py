"""The covenant panel (F5)."""

from .screen import CovenantScreen

__all__ = ["CovenantScreen"]
