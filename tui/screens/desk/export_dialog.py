"""The desk's exports, in the shared export dialog: the attendance list, which follows the desk
(its order and its unit filter, named in the list), who has not arrived or is present, the
introduction list, the invitations and the badges (tui/screens/common/papers.py)."""

from __future__ import annotations

from typing import Any

from ...i18n import t
from ..common.export_dialog import ExportDialog
from ..common.papers import desk_dialog

__all__ = ["ExportDialog", "delegates_export", "introduction_export"]


def delegates_export(service: Any, order: str, unit: str | None = None) -> ExportDialog:
    """`unit`: only that unit's delegates (the desk's unit filter); None: everyone."""
    return desk_dialog(service, order, unit)


def introduction_export() -> ExportDialog:
    return ExportDialog.of("introduction", t("export.title.introduction"), "gioi-thieu.xlsx")
