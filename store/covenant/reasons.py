"""The covenant's reasons for refusing a change: their codes, worded in the catalogs
(`reason.<code>`, wording/locales)."""

from __future__ import annotations

from ..errors import register_reasons

REASONS = (
    "covenant_sealed", "no_covenant", "covenant_exists", "already_signed", "not_in_order",
    "behalf_required", "no_signing_to_undo", "none_signed", "seal_incomplete", "already_handed",
    "not_handed", "no_such_group", "unknown_handover", "signing_order_units", "already_in_order",
    "order_recorded", "order_last_unit", "unit_or_place", "text_signed",
)


def register() -> None:
    """Make the covenant's reason codes known to ValidationError."""
    register_reasons(REASONS)
