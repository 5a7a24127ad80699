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

Once sealed (`store.sealing`: SHA-256 over the canonical JSON of the NFC text, the signatures
and the time), every change to the text or the signatures is refused with a ValidationError
naming the seal ("sealed at 10:52, 3F9A…"); the handovers and the next cluster head are not
part of the sealed record and stay editable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable

from . import validation
from .chain import SEAL_ACTION, SIGNING_ACTIONS, UNDO_ACTION
from .domain import Domain, locked
from .errors import ValidationError, register_reasons
from .models import Covenant, CovenantGroup, Delegate, Handover, Signature, Unit
from .models.covenant import AUTHORITIES, AUTHORITY_DEPUTY, AUTHORITY_FOR_BODY
from .roster import clock_time, protocol_key
from .sealing import fingerprint, seal_hash, seal_parts, short_fingerprint
from .validation import NAME_PART_MAX, POSITION_MAX
from .vntext import fold

register_reasons({
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
    "signing_order_units": "the signing order must list every member unit once",
    "unit_or_place": "a handover goes to a member unit or a place",
    "text_signed": "{count} unit(s) have already signed this text; take their signatures back to change it",
})

ACTIONS = {
    "sign": SIGNING_ACTIONS[0], "absent": SIGNING_ACTIONS[1], "undo": UNDO_ACTION,
    "seal": SEAL_ACTION, "text": "covenant.text", "order": "covenant.order",
    "create": "covenant.create", "next_head": "covenant.next_head",
    "handover_add": "handover.add", "handover_edit": "handover.edit",
    "handover_remove": "handover.remove", "handed": "handover.done", "handed_undo": "handover.undo",
}
GROUP_PREFIX = "N"
HANDOVER_PREFIX = "H"
AMOUNT_MAX = 10**15
MOVEMENTS_MAX = 50
GROUPS_MAX = 100
_YEAR_IN_TITLE = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


@dataclass(frozen=True)
class Progress:
    """Where the ceremony stands: what the projector and the ceremony view show."""

    signed: int
    absent: int
    total: int
    #: the unit whose turn it is (first in the order without a line), "" when none is left
    current: str
    current_name: str
    #: the seal's fingerprint ("3F9A 1C2B 77D0 E4A1"), "" while not sealed
    fingerprint: str
    sealed_at: str | None = None

    @property
    def recorded(self) -> int:
        return self.signed + self.absent


@dataclass(frozen=True)
class SealInfo:
    hash: str
    fingerprint: str
    sealed_at: str
    signed: int
    absent: int
    total: int
    #: units in the order with no line at the seal (neither signed nor recorded absent)
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Totals:
    count: int
    amount_vnd: int
    handed_count: int
    handed_vnd: int


def suggested_authority(delegate: Delegate | None, unit: Unit | None) -> tuple[str, str]:
    """The authority a signer most likely signs with: K/T for the head they stand in for (their
    "on behalf of", or a deputy: "Phó ..." stands in for "Trưởng ban"), else T/M the unit."""
    body = unit.full_name if unit else ""
    if delegate is None:
        return AUTHORITY_FOR_BODY, body
    if delegate.on_behalf_of:
        return AUTHORITY_DEPUTY, delegate.on_behalf_of
    if fold(delegate.position).startswith("pho "):
        return AUTHORITY_DEPUTY, "Trưởng ban"
    return AUTHORITY_FOR_BODY, body


def next_year_text(covenant: Covenant, year: int | None = None) -> Covenant:
    """A new covenant as a copy of `covenant`'s text for `year` (default the next one): same
    movements and groups, the year in the title moved on, nothing signed or sealed."""
    year = year or covenant.year + 1
    title = _YEAR_IN_TITLE.sub(str(year), covenant.title) if str(covenant.year) in covenant.title else covenant.title
    return Covenant(year=year, title=title, movements=covenant.movements, groups=covenant.groups,
                    signing_order=covenant.signing_order)


class CovenantDomain(Domain):
    # ---- reads ---------------------------------------------------------------------------

    @locked
    def get(self) -> Covenant | None:
        return self._records.single("covenant")

    @locked
    def signatures(self) -> tuple[Signature, ...]:
        """Every unit's line, in the order they were recorded."""
        return tuple(sorted(self._records.objects("signatures").values(),
                            key=lambda s: (s.step, s.signed_at, s.unit_code)))

    @locked
    def handovers(self) -> tuple[Handover, ...]:
        return tuple(sorted(self._records.objects("handovers").values(), key=_handover_key))

    @locked
    def progress(self) -> Progress:
        """Signed count, total, the unit now signing and the seal's fingerprint (or "")."""
        covenant = self.get()
        if covenant is None:
            return Progress(0, 0, 0, "", "", "")
        lines = self._records.objects("signatures")
        order = covenant.signing_order
        signed = sum(1 for code in order if code in lines and not lines[code].absent)
        absent = sum(1 for code in order if code in lines and lines[code].absent)
        current = next((code for code in order if code not in lines), "") if not covenant.sealed else ""
        units = self._records.objects("units")
        name = units[current].short_name if current in units else current
        return Progress(signed, absent, len(order), current, name,
                        fingerprint(covenant.seal_hash) if covenant.sealed else "", covenant.sealed_at)

    @locked
    def candidates(self, unit_code: str) -> tuple[Delegate, ...]:
        """Who can sign for a unit: its delegates, those present first, then in protocol order
        (highest rank first)."""
        found = [d for d in self._records.objects("delegates").values() if d.unit_code == unit_code]
        return tuple(sorted(found, key=lambda d: (not d.present, protocol_key(d))))

    @locked
    def seal_info(self) -> SealInfo | None:
        covenant = self.get()
        if covenant is None or not covenant.sealed:
            return None
        lines = self._records.objects("signatures")
        order = covenant.signing_order
        return SealInfo(covenant.seal_hash, fingerprint(covenant.seal_hash), covenant.sealed_at or "",
                        sum(1 for c in order if c in lines and not lines[c].absent),
                        sum(1 for c in order if c in lines and lines[c].absent), len(order),
                        tuple(c for c in order if c not in lines))

    @locked
    def totals(self) -> Totals:
        handovers = self._records.objects("handovers").values()
        done = [h for h in handovers if h.handed_over]
        return Totals(len(handovers), sum(h.amount_vnd for h in handovers), len(done),
                      sum(h.amount_vnd for h in done))

    # ---- the text -------------------------------------------------------------------------

    @locked
    def create(self, *, year: int, title: str, copy_of: Covenant | None = None) -> Covenant:
        """Start the covenant of `year`: a copy of `copy_of`'s movements and groups (the
        previous year's), signed by the member units in the cluster's order."""
        if self.get() is not None:
            raise ValidationError("covenant", "covenant_exists")
        year = validation.integer("covenant_year", year, low=1900, high=2100)
        title = validation.text("covenant_title", title, max_len=POSITION_MAX, required=True)
        base = copy_of or Covenant(year=year, title=title)
        covenant = Covenant(year=year, title=title, movements=base.movements, groups=base.groups,
                            signing_order=self._unit_order())
        with self._work() as work:
            work.put("covenant", covenant.to_doc())
            work.audit(ACTIONS["create"], str(year), None, covenant.to_doc())
        return covenant

    @locked
    def edit_text(self, *, year: Any = None, title: Any = None,
                  movements: Iterable[str] | None = None) -> Covenant:
        """Change the year, the title or the movements (given ones only)."""
        old = self._open_covenant()
        changes: dict[str, Any] = {}
        if year is not None:
            changes["year"] = validation.integer("covenant_year", year, low=1900, high=2100)
        if title is not None:
            changes["title"] = validation.text("covenant_title", title, max_len=POSITION_MAX, required=True)
        if movements is not None:
            cleaned = [validation.text("covenant_movements", m, max_len=POSITION_MAX) for m in movements]
            cleaned = tuple(m for m in cleaned if m)
            if len(cleaned) > MOVEMENTS_MAX:
                raise ValidationError("covenant_movements", "too_long", n=len(cleaned), max=MOVEMENTS_MAX)
            changes["movements"] = cleaned
        return self._save_text(old, replace(old, **changes))

    @locked
    def put_group(self, code: str | None, *, content: Any, measure: Any = "", target: Any = "") -> CovenantGroup:
        """Add a content group (code None: at the end) or change one."""
        old = self._open_covenant()
        content = validation.text("group_content", content, max_len=POSITION_MAX, required=True)
        measure = validation.text("group_measure", measure, max_len=POSITION_MAX)
        target = validation.text("group_target", target, max_len=POSITION_MAX)
        groups = list(old.groups)
        if code is None:
            if len(groups) >= GROUPS_MAX:
                raise ValidationError("groups", "too_long", n=len(groups) + 1, max=GROUPS_MAX)
            taken = {g.code for g in groups}
            n = len(groups) + 1
            while f"{GROUP_PREFIX}{n}" in taken:
                n += 1
            group = CovenantGroup(f"{GROUP_PREFIX}{n}", len(groups) + 1, content, measure, target)
            groups.append(group)
        else:
            at = self._group_index(old, code)
            group = replace(groups[at], content=content, measure=measure, target=target)
            groups[at] = group
        self._save_text(old, replace(old, groups=tuple(groups)))
        return group

    @locked
    def remove_group(self, code: str) -> Covenant:
        old = self._open_covenant()
        at = self._group_index(old, code)
        groups = [g for i, g in enumerate(_ordered(old.groups)) if i != at]
        return self._save_text(old, replace(old, groups=_renumbered(groups)))

    @locked
    def move_group(self, code: str, delta: int) -> Covenant:
        old = self._open_covenant()
        groups = list(_ordered(old.groups))
        at = self._group_index(old, code)
        to = max(0, min(len(groups) - 1, at + delta))
        groups.insert(to, groups.pop(at))
        return self._save_text(old, replace(old, groups=_renumbered(groups)))

    # ---- the ceremony ---------------------------------------------------------------------

    @locked
    def move_in_order(self, unit_code: str, delta: int) -> Covenant:
        """Move a unit earlier (delta < 0) or later in the signing order."""
        old = self._open_covenant()
        order = list(old.signing_order)
        if unit_code not in order:
            raise ValidationError("unit_code", "not_in_order", unit=unit_code)
        at = order.index(unit_code)
        to = max(0, min(len(order) - 1, at + delta))
        order.insert(to, order.pop(at))
        return self.set_order(order)

    @locked
    def set_order(self, codes: Iterable[str]) -> Covenant:
        """The signing order: every member unit once."""
        old = self._open_covenant()
        codes = tuple(codes)
        if sorted(codes) != sorted(old.signing_order) or len(set(codes)) != len(codes):
            raise ValidationError("signing_order", "signing_order_units")
        if codes == old.signing_order:
            return old
        new = replace(old, signing_order=codes)
        with self._work() as work:
            work.put("covenant", new.to_doc())
            work.audit(ACTIONS["order"], "signing_order", list(old.signing_order), list(codes))
        return new

    @locked
    def sign(self, unit_code: str, *, signer: Any, position: Any = "", authority: Any = AUTHORITY_FOR_BODY,
             on_behalf_of: Any = "", delegate_code: str | None = None) -> Signature:
        """Record a unit's signature, stamped now. K/T needs whom the deputy stands in for;
        T/M without a body signs for the unit itself."""
        covenant, unit = self._ready_to_record(unit_code)
        signer = validation.text("signer", signer, max_len=NAME_PART_MAX, required=True)
        position = validation.text("position", position, max_len=POSITION_MAX)
        if authority not in AUTHORITIES:
            raise ValidationError("authority", "one_of", allowed=", ".join(AUTHORITIES))
        on_behalf_of = validation.text("on_behalf_of", on_behalf_of, max_len=POSITION_MAX)
        if authority == AUTHORITY_DEPUTY and not on_behalf_of:
            raise ValidationError("on_behalf_of", "behalf_required")
        if authority == AUTHORITY_FOR_BODY and not on_behalf_of:
            on_behalf_of = unit.full_name
        if delegate_code is not None and delegate_code not in self._records.objects("delegates"):
            delegate_code = None
        return self._record(Signature(unit_code=unit_code, signer=signer, position=position,
                                      signed_at=self._stamp(), on_behalf_of=on_behalf_of,
                                      authority=authority, delegate_code=delegate_code,
                                      step=self._next_step()), ACTIONS["sign"])

    @locked
    def record_absent(self, unit_code: str) -> Signature:
        """Record that a unit is absent from the ceremony (it signs nothing)."""
        self._ready_to_record(unit_code)
        return self._record(Signature(unit_code=unit_code, signer="", position="",
                                      signed_at=self._stamp(), absent=True, step=self._next_step()),
                            ACTIONS["absent"])

    @locked
    def undo_last(self) -> Signature:
        """Take back the last line recorded (a signature or an absence), before the seal."""
        self._open_covenant()
        lines = self.signatures()
        if not lines:
            raise ValidationError("signatures", "no_signing_to_undo")
        last = lines[-1]
        with self._work() as work:
            work.remove("signatures", last.unit_code)
            work.audit(ACTIONS["undo"], last.unit_code, last.to_doc(), None)
        return last

    @locked
    def seal(self, *, incomplete: bool = False) -> SealInfo:
        """Seal the text and the signatures. Every unit must have its line (signed or absent)
        unless `incomplete` (the cluster head seals with fewer; the record says so)."""
        old = self._open_covenant()
        lines = self._records.objects("signatures")
        signed = sum(1 for c in old.signing_order if c in lines and not lines[c].absent)
        if not signed:
            raise ValidationError("signatures", "none_signed")
        total = len(old.signing_order)
        if signed < total and not incomplete:
            raise ValidationError("signatures", "seal_incomplete", signed=signed, total=total)
        sealed_at = self._stamp()
        digest = seal_hash(old, lines.values(), sealed_at)
        new = replace(old, sealed_at=sealed_at, seal_hash=digest, sealed_by=self._house.operator)
        missing = [c for c in old.signing_order if c not in lines]
        with self._work() as work:
            work.put("covenant", new.to_doc())
            work.audit(ACTIONS["seal"], "covenant", None, {
                "hash": digest, "sealed_at": sealed_at, "signed": signed, "total": total,
                "absent": [c for c in old.signing_order if c in lines and lines[c].absent],
                "missing": missing, "parts": seal_parts(old, lines.values())})
        return self.seal_info()  # type: ignore[return-value]

    # ---- next year's cluster head ---------------------------------------------------------

    @locked
    def set_next_head(self, unit_code: Any, name: Any) -> Covenant:
        """Record the unit elected cluster head for next year and its person ("" clears)."""
        old = self._covenant()
        unit_code = validation.text("next_head_unit", unit_code, max_len=32)
        if unit_code and unit_code not in self._records.objects("units"):
            raise ValidationError("next_head_unit", "unknown_unit", unit=unit_code)
        name = validation.text("next_head_name", name, max_len=NAME_PART_MAX)
        new = replace(old, next_head_unit=unit_code, next_head_name=name)
        if new == old:
            return old
        with self._work() as work:
            work.put("covenant", new.to_doc())
            work.audit(ACTIONS["next_head"], unit_code or "-",
                       {"unit": old.next_head_unit, "name": old.next_head_name},
                       {"unit": unit_code, "name": name})
        return new

    # ---- handovers ------------------------------------------------------------------------

    @locked
    def add_handover(self, *, what: Any, unit_code: Any = "", place: Any = "", amount_vnd: Any = 0) -> Handover:
        fields = self._handover_fields(what, unit_code, place, amount_vnd)
        with self._work() as work:
            code = self._free_handover_code(work)
            handover = Handover(code=code, **fields)
            work.put("handovers", handover.to_doc())
            work.audit(ACTIONS["handover_add"], code, None, handover.to_doc())
        return handover

    @locked
    def edit_handover(self, code: str, *, what: Any, unit_code: Any = "", place: Any = "",
                      amount_vnd: Any = 0) -> Handover:
        old = self._handover(code)
        new = replace(old, **self._handover_fields(what, unit_code, place, amount_vnd))
        if new == old:
            return old
        with self._work() as work:
            work.put("handovers", new.to_doc())
            work.audit(ACTIONS["handover_edit"], code, old.to_doc(), new.to_doc())
        return new

    @locked
    def remove_handover(self, code: str) -> Handover:
        old = self._handover(code)
        with self._work() as work:
            work.remove("handovers", code)
            work.audit(ACTIONS["handover_remove"], code, old.to_doc(), None)
        return old

    @locked
    def mark_handed(self, code: str) -> Handover:
        old = self._handover(code)
        if old.handed_over:
            raise ValidationError("handed_over", "already_handed", what=old.what, at=clock_time(old.handed_at))
        new = replace(old, handed_over=True, handed_at=self._stamp())
        with self._work() as work:
            work.put("handovers", new.to_doc())
            work.audit(ACTIONS["handed"], code, None, {"at": new.handed_at})
        return new

    @locked
    def undo_handed(self, code: str) -> Handover:
        old = self._handover(code)
        if not old.handed_over:
            raise ValidationError("handed_over", "not_handed", what=old.what)
        new = replace(old, handed_over=False, handed_at=None)
        with self._work() as work:
            work.put("handovers", new.to_doc())
            work.audit(ACTIONS["handed_undo"], code, {"at": old.handed_at}, None)
        return new

    # ---- inside ---------------------------------------------------------------------------

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

    def _unit_order(self) -> tuple[str, ...]:
        units = sorted(self._records.objects("units").values(), key=lambda u: (u.order, u.code))
        return tuple(u.code for u in units)

    def _save_text(self, old: Covenant, new: Covenant) -> Covenant:
        if new == old:
            return old
        signed = sum(1 for s in self._records.objects("signatures").values() if not s.absent)
        if signed:  # they signed this text: it changes only if their signatures are taken back
            raise ValidationError("covenant", "text_signed", count=signed)
        with self._work() as work:
            work.put("covenant", new.to_doc())
            work.audit(ACTIONS["text"], "covenant", _text_doc(old), _text_doc(new))
        return new

    def _group_index(self, covenant: Covenant, code: str) -> int:
        for i, g in enumerate(_ordered(covenant.groups)):
            if g.code == code:
                return i
        raise ValidationError("groups", "no_such_group", group=code)

    def _ready_to_record(self, unit_code: str) -> tuple[Covenant, Unit]:
        covenant = self._open_covenant()
        if unit_code not in covenant.signing_order:
            raise ValidationError("unit_code", "not_in_order", unit=unit_code)
        unit = self._records.objects("units").get(unit_code)
        if unit is None:
            raise ValidationError("unit_code", "unknown_unit", unit=unit_code)
        line = self._records.objects("signatures").get(unit_code)
        if line is not None:
            raise ValidationError("unit_code", "already_signed", unit=unit.short_name,
                                  at=clock_time(line.signed_at))
        return covenant, unit

    def _record(self, line: Signature, action: str) -> Signature:
        with self._work() as work:
            work.put("signatures", line.to_doc())
            work.audit(action, line.unit_code, None, line.to_doc())
        return line

    def _next_step(self) -> int:
        return max((s.step for s in self._records.objects("signatures").values()), default=0) + 1

    def _stamp(self) -> str:
        return self._records.now().isoformat(timespec="seconds")

    def _handover(self, code: str) -> Handover:
        found = self._records.objects("handovers").get(code)
        if found is None:
            raise ValidationError("handovers", "unknown_handover", code=code)
        return found

    def _handover_fields(self, what: Any, unit_code: Any, place: Any, amount: Any) -> dict[str, Any]:
        what = validation.text("handover_what", what, max_len=POSITION_MAX, required=True)
        unit_code = validation.text("handover_unit", unit_code, max_len=32)
        if unit_code and unit_code not in self._records.objects("units"):
            raise ValidationError("handover_unit", "unknown_unit", unit=unit_code)
        place = validation.text("handover_place", place, max_len=POSITION_MAX)
        if not unit_code and not place:
            raise ValidationError("handover_unit", "unit_or_place")
        if isinstance(amount, str):
            amount = re.sub(r"[.\s]|đ$|đồng$", "", amount.strip().lower().replace("đồng", "").replace("đ", ""))
            amount = amount or "0"
        amount = validation.integer("handover_amount", amount, low=0, high=AMOUNT_MAX)
        return {"what": what, "unit_code": unit_code, "place": place, "amount_vnd": amount}

    def _free_handover_code(self, work) -> str:
        while True:
            code = work.new_code("handovers", HANDOVER_PREFIX, width=1)
            if not self._records.has("handovers", code):
                return code


def sealed_error(covenant: Covenant) -> ValidationError:
    return ValidationError("covenant", "covenant_sealed", at=clock_time(covenant.sealed_at)[:5],
                           fingerprint=short_fingerprint(covenant.seal_hash))


def _text_doc(covenant: Covenant) -> dict[str, Any]:
    doc = covenant.to_doc()
    return {k: doc[k] for k in ("year", "title", "movements", "groups")}


def _ordered(groups: Iterable[CovenantGroup]) -> list[CovenantGroup]:
    return sorted(groups, key=lambda g: (g.order, g.code))


def _renumbered(groups: list[CovenantGroup]) -> tuple[CovenantGroup, ...]:
    return tuple(replace(g, order=i) for i, g in enumerate(groups, start=1))


def _handover_key(h: Handover) -> tuple:
    m = re.match(r"^([A-Za-z]*)(\d+)$", h.code)
    return (m.group(1), int(m.group(2)), "") if m else (h.code, 0, h.code)
