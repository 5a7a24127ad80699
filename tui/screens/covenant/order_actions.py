"""The signing order from the covenant panel: put a member unit back at its end (a form with
the units outside the order) or take the highlighted unit out (asked first; refused by the
store, with the reason, once the unit has its line)."""

from __future__ import annotations

from typing import Any

from ... import workers
from ...i18n import t
from ...messages import StoreResult
from ..common.confirm import ConfirmDialog
from .forms import CovenantForm, Field


def _names(node: Any) -> dict[str, str]:
    return {u.code: u.short_name for u in node.service.conference.units()}


def add(node: Any) -> None:
    covenant = node.service.covenant
    outside = covenant.outside_order()
    if not outside:
        node.say(t("cov.order_add.none"))
        return
    names = _names(node)
    fields = [Field("unit_code", t("cov.field.unit"), outside[0], kind="select",
                    options=tuple((names.get(c, c), c) for c in outside), store_name="unit_code")]

    def saved(result: Any) -> None:
        if result is not None:
            node.say(t("cov.order_add.ok", unit=names.get(result.signing_order[-1], "")))

    node.app.push_screen(CovenantForm(t("cov.order_add.title"), fields, covenant.add_to_order), saved)


def remove(node: Any, code: str) -> None:
    name = _names(node).get(code, code)

    def answered(yes: bool | None) -> None:
        if yes:
            node.leaving_order = name
            workers.run(node, "order_remove", node.service.covenant.remove_from_order, code)

    node.app.push_screen(ConfirmDialog(t("cov.order_remove.ask", unit=name)), answered)


def answered(node: Any, message: StoreResult) -> bool:
    """Word the answer to taking a unit out; False when `message` is not one."""
    if message.request != "order_remove":
        return False
    if not message.ok:
        node.say(message.failure.reason)
    else:
        node.say(t("cov.order_remove.ok", unit=node.leaving_order))
    return True
