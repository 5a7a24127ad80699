"""The agenda panel (F2)."""

from .screen import AgendaScreen

__all__ = ["AgendaScreen"]
