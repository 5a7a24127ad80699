"""The desk's exports, in the shared export dialog: the attendance list, which follows the desk
(its order and its unit filter, named in the title), and the introduction list."""

from __future__ import annotations

from functools import partial
from typing import Any

from store import roster
from store.io.exports import EXPORTS
from store.io.exporter import export_delegates

from ...i18n import t
from ..common.export_dialog import ExportDialog

__all__ = ["ExportDialog", "delegates_export", "introduction_export"]


def delegates_export(service: Any, order: str, unit: str | None = None) -> ExportDialog:
    """`unit`: only that unit's delegates (the desk's unit filter); None: everyone."""
    formats = EXPORTS["delegates"].formats
    make = partial(export_delegates, order=order, unit=unit)
    return ExportDialog(_title(service, order, unit), formats, "dai-bieu.xlsx", make)


def introduction_export() -> ExportDialog:
    return ExportDialog.of("introduction", t("export.title.introduction"), "gioi-thieu.xlsx")


def _title(service: Any, order: str, unit: str | None) -> str:
    order_name = t(f"order.{order}")
    if unit is None:
        return t("export.title.delegates", order=order_name)
    if unit == roster.GUESTS:
        name = t("picker.guests")
    else:
        found = next((u for u in service.conference.units() if u.code == unit), None)
        name = (found.short_name or found.full_name) if found else unit
    return t("export.title.delegates_unit", order=order_name, unit=name)
