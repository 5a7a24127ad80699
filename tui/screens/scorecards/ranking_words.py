"""The ranking's notes and warnings in the interface language (catalog: *.scorecards.json)."""

from __future__ import annotations

from store.models import ranking as rk
from wording.numbers import number

from ...i18n import t


def criterion(name: str) -> str:
    return t(f"scorecards.criterion.{name}")


def note_text(note: rk.TieNote) -> str:
    """"Phú Thọ trên Hòa Bình: cùng 95,75 điểm; hơn điểm thưởng"."""
    if note.criterion is None:
        return t("scorecards.note.shared", upper=note.upper.short_name, lower=note.lower.short_name,
                 total=number(note.total), rank=note.rank)
    return t("scorecards.note.separated", upper=note.upper.short_name, lower=note.lower.short_name,
             total=number(note.total), criterion=t(f"scorecards.better.{note.criterion}"))


def warning_text(warning: rk.Warning) -> str:
    params = {k: (number(v) if isinstance(v, float) else v) for k, v in warning.params.items()}
    return t(f"scorecards.warn.{warning.code}", units=", ".join(warning.units), tier=warning.tier, **params)
