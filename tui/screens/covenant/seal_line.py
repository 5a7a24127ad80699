"""The seal line of the covenant panel and the ceremony view: "Đã niêm phong lúc 10:52 · mã …"
only once the record is found to still match its seal, its audit entries and the chain's anchor;
a red line naming what no longer matches otherwise (tui/seal_check_words.py), never the seal's code
beside a forged record. The check walks the audit log, so it runs in a worker after each change
of the covenant; until it answers the line keeps what it last said (empty at first)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from wording.numbers import clock_time

from ... import workers
from ...i18n import t
from ...messages import StoreResult
from ...seal_check_words import record_alarm

REQUEST = "seal_verdict"


def check(node: Any) -> None:
    """Ask for the record's verdict; `answered` shows it."""
    names = {u.code: u.short_name for u in node.service.conference.units()}
    workers.run(node, REQUEST, record_alarm, node.service.covenant, names, writes=False)


def answered(node: Any, message: StoreResult, widget: Static, *, unsealed: str | None = None) -> bool:
    """Show the verdict (the seal, "Chưa niêm phong" or `unsealed`, or the alarm); False when
    `message` is not one."""
    if message.request != REQUEST:
        return False
    alarm = message.result if message.ok else ""
    covenant = node.service.covenant.get()
    widget.set_class(bool(alarm), "-broken")
    if alarm:
        widget.update(Text(alarm, style="bold red"))
    elif covenant is not None and covenant.sealed:
        widget.update(Text(t("cov.seal_line", time=clock_time(covenant.sealed_at)[:5],
                             fingerprint=node.service.covenant.progress().fingerprint), style="bold"))
    else:
        widget.update(t("cov.not_sealed") if unsealed is None else unsealed)
    return True
