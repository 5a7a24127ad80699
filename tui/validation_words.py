"""Validation errors in the UI language: each store reason code has a catalog entry."""

from __future__ import annotations

from store.errors import ValidationError

from .i18n import t


def reason(error: ValidationError) -> str:
    """Why, in the UI language ("là bắt buộc"): shown beside the field itself."""
    return t(f"reason.{error.code}", **error.params)


def describe(error: ValidationError) -> str:
    """"Tên: là bắt buộc" — the field's label and the reason, in the UI language."""
    return t("error.field", field=t(f"field.{error.field}"), reason=reason(error))
