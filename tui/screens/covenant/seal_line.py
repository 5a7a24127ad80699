"""The seal line of the covenant panel and the ceremony view: "Đã niêm phong lúc 10:52 · mã …"
only while the record still matches its seal, its audit entries and the chain's anchor; a red
line naming what no longer matches otherwise (tui/seal_words.py), never the seal's code beside
a forged record."""

from __future__ import annotations

from typing import Any, Mapping

from rich.text import Text
from textual.widgets import Static

from store.roster import clock_time

from ...i18n import t
from ...seal_words import record_alarm


def seal_line(widget: Static, service: Any, covenant: Any, progress: Any, units: Mapping[str, Any],
              *, unsealed: str | None = None) -> bool:
    """Show the seal (or `unsealed`, default "Chưa niêm phong") or the alarm; True when the
    record holds."""
    alarm = record_alarm(service.covenant, {code: u.short_name for code, u in units.items()})
    widget.set_class(bool(alarm), "-broken")
    if alarm:
        widget.update(Text(alarm, style="bold red"))
    elif covenant.sealed:
        widget.update(Text(t("cov.seal_line", time=clock_time(covenant.sealed_at)[:5],
                             fingerprint=progress.fingerprint), style="bold"))
    else:
        widget.update(t("cov.not_sealed") if unsealed is None else unsealed)
    return not alarm
