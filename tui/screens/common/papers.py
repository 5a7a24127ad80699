"""The papers offered by the panels' export dialogs (store/io/exports.py names what each writes):
the desk's lists, invitations and badges (following the desk's order and unit filter), the
covenant with the chair's summary, and every paper of the day at once (the palette's "Giấy tờ
hội nghị", F11)."""

from __future__ import annotations

from functools import partial
from typing import Any

from store.models import roster
from store.io.exports import EXPORTS

from ...i18n import t
from .export_dialog import ExportDialog, Paper


def unit_name(service: Any, unit: str | None) -> str:
    if unit is None:
        return ""
    if unit == roster.GUESTS:
        return t("picker.guests")
    found = next((u for u in service.conference.units() if u.code == unit), None)
    return (found.short_name or found.full_name) if found else unit


def _person_paper(what: str, label: str, filename: str, order: str, unit: str | None) -> Paper:
    spec = EXPORTS[what]
    return Paper(label, spec.formats, filename, partial(spec.load(), order=order, unit=unit))


def desk_papers(service: Any, order: str, unit: str | None = None) -> list[Paper]:
    """The desk's papers: the list as the desk shows it (its order, its unit), who has not
    arrived, who is present, the introduction list, the invitations and the badges."""
    formats, export_delegates = EXPORTS["delegates"].formats, EXPORTS["delegates"].load()
    name = unit_name(service, unit)
    scope = t("papers.scope_unit", unit=name) if unit is not None else ""
    order_name = t(f"order.{order}")
    if unit is None:
        listed = t("papers.delegates", order=order_name)
    else:
        listed = t("papers.delegates_unit", order=order_name, unit=name)
    return [
        Paper(listed, formats, "dai-bieu.xlsx", partial(export_delegates, order=order, unit=unit)),
        Paper(t("papers.absent", scope=scope), formats, "dai-bieu-chua-den.pdf",
              partial(export_delegates, order=order, unit=unit, only="absent")),
        Paper(t("papers.present", scope=scope), formats, "dai-bieu-co-mat.pdf",
              partial(export_delegates, order=order, unit=unit, only="present")),
        Paper.of("introduction", t("papers.introduction"), "gioi-thieu.pdf"),
        _person_paper("invitations", t("papers.invitations", scope=scope), "giay-moi.pdf", "protocol", unit),
        _person_paper("badges", t("papers.badges", scope=scope), "the-dai-bieu.pdf", "unit", unit),
    ]


def desk_dialog(service: Any, order: str, unit: str | None = None) -> ExportDialog:
    return ExportDialog.choosing(t("papers.desk_title"), desk_papers(service, order, unit))


def covenant_dialog() -> ExportDialog:
    """The signed covenant, and the chair's one-page summary written at the end of the day."""
    return ExportDialog.choosing(t("cov.export.title"), [
        Paper.of("covenant", t("papers.covenant"), "giao-uoc.pdf"),
        Paper.of("summary", t("papers.summary"), "tom-tat-hoi-nghi.pdf"),
    ])


def day_dialog(service: Any) -> ExportDialog:
    """Every paper of the day, the chair's summary first."""
    return ExportDialog.choosing(t("papers.day_title"), [
        Paper.of("summary", t("papers.summary"), "tom-tat-hoi-nghi.pdf"),
        Paper.of("agenda", t("papers.agenda"), "chuong-trinh.pdf"),
        Paper.of("ranking", t("papers.ranking"), "xep-hang.pdf"),
        Paper.of("covenant", t("papers.covenant"), "giao-uoc.pdf"),
        *desk_papers(service, "protocol"),
    ])
