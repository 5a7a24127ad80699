"""The scorecards panel (F4)."""

from .screen import ScorecardsScreen

__all__ = ["ScorecardsScreen"]
