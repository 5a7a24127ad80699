"""The covenant (giao ước thi đua): its text, the signing ceremony, the seal, the support
handovers and next year's cluster head.

    service.covenant.progress()                       # Progress(signed 5, total 14, now "TQ", ...)
    service.covenant.candidates("PT")                 # the unit's delegates: present, then rank
    service.covenant.sign("PT", signer="Đặng Công Sơn", position="Trưởng Ban ...",
                          authority="T/M", on_behalf_of="Ban Tổ chức Tỉnh ủy Phú Thọ")
    service.covenant.record_absent("BK")
    service.covenant.undo_last()                      # the last signing or absence, audited
    service.covenant.seal()                           # every unit recorded; or incomplete=True
    service.covenant.mark_handed("H1")                # a support handover, with the time

Once sealed (`store.integrity.hashes`: SHA-256 over the canonical JSON of the NFC text, the signatures
and the time), every change to the text or the signatures is refused with a ValidationError
naming the seal ("sealed at 10:52, 3F9A…"); the handovers and the next cluster head are not
part of the sealed record and stay editable.

One idea per module:

    reasons.py    the reason codes a refused change gives
    base.py       the covenant record every part starts from (refused, naming the seal, once sealed)
    text.py       the text: year, title, movements, content groups; next year's copy
    order.py      the signing order: moved, units put back or taken out
    ceremony.py   signatures and absences, the unit now signing
    seal.py       the seal over the text and the signatures
    next_head.py  next year's cluster head
    handovers.py  the support handovers and their totals
    domain.py     `CovenantDomain`: all of them as the service hands it out
"""

from .base import ACTIONS, sealed_error
from .ceremony import Progress, suggested_authority
from .domain import CovenantDomain
from .handovers import AMOUNT_MAX, HANDOVER_PREFIX, Totals
from .seal import SealInfo
from .text import GROUP_PREFIX, GROUPS_MAX, MOVEMENTS_MAX, next_year_text

__all__ = ["CovenantDomain", "ACTIONS", "sealed_error", "Progress", "suggested_authority", "AMOUNT_MAX",
           "HANDOVER_PREFIX", "Totals", "SealInfo", "GROUP_PREFIX", "GROUPS_MAX", "MOVEMENTS_MAX",
           "next_year_text"]
