"""The ceremony's steps, the same from the panel and from the full-screen ceremony view: open the
signing dialog, record a unit absent, take back the last line, seal. Each asks first where a
step cannot be taken back casually, runs in a worker, and words the answer on the screen's
message line (`node.say`)."""

from __future__ import annotations

from typing import Any

from wording.numbers import clock_time

from ... import workers
from ...i18n import t
from ...messages import StoreResult
from ..common.confirm import ConfirmDialog
from .sign_dialog import SignDialog


def _unit_name(node: Any, code: str) -> str:
    unit = next((u for u in node.service.conference.units() if u.code == code), None)
    return unit.short_name if unit else code


def _still_open(node: Any) -> bool:
    """Whether the covenant exists and is not sealed (a sealed one is said, not asked about)."""
    covenant = node.service.covenant.get()
    if covenant is not None and covenant.sealed:
        node.say(_sealed_text(covenant))
    return covenant is not None and not covenant.sealed


def open_signing(node: Any, code: str) -> None:
    service = node.service
    if not _still_open(node):
        return
    line = next((s for s in service.covenant.signatures() if s.unit_code == code), None)
    if line is not None:
        node.say(t("cov.already", unit=_unit_name(node, code), time=clock_time(line.signed_at)[:5]))
        return
    unit = next(u for u in service.conference.units() if u.code == code)

    def signed(signature) -> None:
        if signature is not None:
            node.say(t("cov.signed_ok", unit=unit.short_name, signer=signature.signer,
                       time=clock_time(signature.signed_at)[:5]))

    node.app.push_screen(SignDialog(unit, service.covenant.candidates(code)), signed)


def record_absent(node: Any, code: str) -> None:
    if not _still_open(node):
        return
    name = _unit_name(node, code)

    def answered(yes: bool | None) -> None:
        if yes:
            workers.run(node, "absent", node.service.covenant.record_absent, code)

    node.app.push_screen(ConfirmDialog(t("cov.ask_absent", unit=name)), answered)


def undo_last(node: Any) -> None:
    service = node.service
    if not _still_open(node):
        return
    lines = service.covenant.signatures()
    if not lines:
        node.say(t("reason.no_signing_to_undo"))
        return
    last = lines[-1]
    name = _unit_name(node, last.unit_code)
    what = t("cov.absent_word") if last.absent else last.signer

    def answered(yes: bool | None) -> None:
        if yes:
            workers.run(node, "undo", service.covenant.undo_last)

    node.app.push_screen(ConfirmDialog(t("cov.ask_undo", unit=name, who=what,
                                         time=clock_time(last.signed_at)[:5])), answered)


def seal(node: Any) -> None:
    service = node.service
    if not _still_open(node):
        return
    progress = service.covenant.progress()
    if not progress.signed:
        node.say(t("reason.none_signed"))
        return
    fewer = progress.signed < progress.total
    question = (t("cov.ask_seal_fewer", signed=progress.signed, total=progress.total)
                if fewer else t("cov.ask_seal", total=progress.total))

    def answered(yes: bool | None) -> None:
        if yes:
            workers.run(node, "seal", service.covenant.seal, incomplete=fewer)

    node.app.push_screen(ConfirmDialog(question), answered)


def answered(node: Any, message: StoreResult) -> bool:
    """Word the answer to a ceremony step; False when `message` is not one."""
    if message.request not in ("absent", "undo", "seal"):
        return False
    if not message.ok:
        node.say(message.failure.reason)
        return True
    result = message.result
    name = _unit_name(node, getattr(result, "unit_code", ""))
    if message.request == "absent":
        node.say(t("cov.absent_ok", unit=name))
    elif message.request == "undo":
        node.say(t("cov.undo_ok", unit=name))
    else:  # the seal line itself shows when and its code: said once
        node.say(t("cov.sealed_ok"))
    return True


def _sealed_text(covenant) -> str:
    from store.models.covenant import short_fingerprint

    return t("reason.covenant_sealed", at=clock_time(covenant.sealed_at)[:5],
             fingerprint=short_fingerprint(covenant.seal_hash))
