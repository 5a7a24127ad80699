"""The desk's search box: each Enter hands on the line typed before it and empties the box there
and then, so the keys typed after an Enter start the next line (tui/key_order.py gives them in
only after the Enter is handled). The screen reads each line from its Submitted message and what
is typed from each Changed message, never from the box itself, which may be further on."""

from __future__ import annotations

from textual.widgets import Input


class SearchBox(Input):
    async def action_submit(self) -> None:
        line = self.value
        self.post_message(self.Submitted(self, line))
        self.value = ""  # its Changed("") follows the Submitted
