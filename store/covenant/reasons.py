"""The covenant's reasons for refusing a change (English; the UI words the same codes from its
catalog, keys `reason.<code>`)."""

from __future__ import annotations

from ..errors import register_reasons

REASONS = {
    "covenant_sealed": "the covenant was sealed at {at} (fingerprint {fingerprint}); it can no longer change",
    "no_covenant": "there is no covenant yet",
    "covenant_exists": "there is already a covenant",
    "already_signed": "{unit} was already recorded at {at}",
    "not_in_order": "{unit} is not in the signing order",
    "behalf_required": "a deputy (K/T) signs for the head: say whom they stand in for",
    "no_signing_to_undo": "nothing has been signed yet",
    "none_signed": "no unit has signed yet",
    "seal_incomplete": "only {signed} of {total} units have signed; seal with fewer only on purpose",
    "already_handed": "{what} was handed over at {at}",
    "not_handed": "{what} has not been handed over",
    "no_such_group": "unknown content group {group!r}",
    "unknown_handover": "unknown handover {code!r}",
    "signing_order_units": "the signing order must list the same units, once each",
    "already_in_order": "{unit} is already in the signing order",
    "order_recorded": "{unit} was recorded at {at}: take its line back before taking it out of the order",
    "order_last_unit": "{unit} is the only unit left in the signing order",
    "unit_or_place": "a handover goes to a member unit or a place",
    "text_signed": "{count} unit(s) have already signed this text; take their signatures back to change it",
}


def register() -> None:
    """Make the covenant's reason codes known to ValidationError."""
    register_reasons(REASONS)
