"""The covenant record every part of the covenant starts from: read it, refuse when there is
none, refuse (naming the seal) when it is sealed; the audit action of each change; the time stamp."""

from __future__ import annotations

from dataclasses import replace

from ..domain import Domain, locked
from ..errors import ValidationError
from ..models.covenant import short_fingerprint
from ..integrity.seal_check import SEAL_ACTION, SIGNING_ACTIONS, UNDO_ACTION
from ..models import Covenant
from wording.numbers import clock_time
from .reasons import register

register()

ACTIONS = {
    "sign": SIGNING_ACTIONS[0], "absent": SIGNING_ACTIONS[1], "undo": UNDO_ACTION,
    "seal": SEAL_ACTION, "text": "covenant.text", "order": "covenant.order",
    "order_add": "covenant.order.add", "order_remove": "covenant.order.remove",
    "create": "covenant.create", "next_head": "covenant.next_head",
    "handover_add": "handover.add", "handover_edit": "handover.edit",
    "handover_remove": "handover.remove", "handed": "handover.done", "handed_undo": "handover.undo",
}


class CovenantBase(Domain):
    """The covenant record and the checks every change of it starts from."""

    @locked
    def get(self) -> Covenant | None:
        """The covenant, its signing order completed (`completed_order`): a blank order is the
        cluster's unit order until the covenant is sealed."""
        covenant = self._records.single("covenant")
        if covenant is None or covenant.sealed or covenant.signing_order:
            return covenant
        return replace(covenant, signing_order=self._unit_order())

    def _unit_order(self) -> tuple[str, ...]:
        units = sorted(self._records.objects("units").values(), key=lambda u: (u.order, u.code))
        return tuple(u.code for u in units)

    def _covenant(self) -> Covenant:
        covenant = self.get()
        if covenant is None:
            raise ValidationError("covenant", "no_covenant")
        return covenant

    def _open_covenant(self) -> Covenant:
        """The covenant, refused (naming the seal) when it is sealed."""
        covenant = self._covenant()
        if covenant.sealed:
            raise sealed_error(covenant)
        return covenant

    def _stamp(self) -> str:
        return self._records.now().isoformat(timespec="seconds")


def sealed_error(covenant: Covenant) -> ValidationError:
    return ValidationError("covenant", "covenant_sealed", at=clock_time(covenant.sealed_at)[:5],
                           fingerprint=short_fingerprint(covenant.seal_hash))
