"""Live attendance: present / expected in total and per unit, in the cluster's order."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from store.roster import Attendance
from store.vntext import visible

from ..i18n import t


class AttendanceBar(Static):
    DEFAULT_CSS = """
    AttendanceBar { height: auto; max-height: 4; padding: 0 1; background: $boost; }
    """

    def show(self, rows: list[Attendance]) -> None:
        present = sum(r.present for r in rows)
        expected = sum(r.expected for r in rows)
        text = Text()
        text.append(t("attendance.total", present=present, expected=expected), style="bold")
        for r in rows:
            style = "green" if r.expected and r.present == r.expected else (
                "" if r.present else "dim")
            text.append("  ·  ")
            text.append(f"{visible(r.label)} {r.present}/{r.expected}", style=style)
        self.update(text)
