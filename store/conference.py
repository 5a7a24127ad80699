"""The conference and its member units: read them, and set them up.

Every change is one unit of work: validated first (a ValidationError naming the field, nothing
changed), written durably with its audit entry. Field names in errors are prefixed
("conference.title", "unit.short_name") so the UI words them from its own catalog part.

The member units' `order` is the cluster's order (lists, the signing): always 1..n without gaps.
A unit cannot be removed while delegates, scores, indicators, signatures, handovers, the
conference (host, cluster head) or the covenant's signing order refer to it: `unit_uses` says
which, and `remove_unit` refuses naming them.
"""

from __future__ import annotations

import hashlib

from dataclasses import dataclass, replace
from typing import Any

from . import errors, validation
from .models import checkin_code
from .domain import Domain, locked, snapshot
from .errors import ValidationError
from .models import Conference, Unit
from .models.conference import NUMBERED_PAPERS
from wording.text import fold
from wording.catalog import Phrase, say

TITLE_MAX = validation.POSITION_MAX
NAME_MAX = validation.POSITION_MAX
SHORT_NAME_MAX = validation.NAME_PART_MAX

#: the editable fields of the conference record, in the order of the form
CONFERENCE_FIELDS = ("title", "cluster", "year", "date", "venue", "host_unit", "organizer", "head_unit",
                     "issuer", "doc_place", "doc_symbol", "doc_numbers", "recipients")
#: the papers that carry a document number (store/io/papers/letterhead.py), in the form's order
SYMBOL_MAX = 30
DOC_NUMBER_MAX = 20
UNIT_FIELDS = ("code", "full_name", "short_name")

REASONS = (
    "setup.not_member", "setup.name_taken", "setup.unit_in_use", "setup.not_empty", "setup.code_taken",
)
errors.register_reasons(REASONS)


@dataclass(frozen=True)
class UnitUses(Phrase):
    """What still refers to a unit: names of its delegates, and counts of the other records."""

    delegates: tuple[str, ...] = ()
    scores: int = 0
    indicators: int = 0
    signatures: int = 0
    handovers: int = 0
    host: bool = False
    head: bool = False
    signing_order: bool = False

    def __bool__(self) -> bool:
        return bool(self.delegates or self.scores or self.indicators or self.signatures
                    or self.handovers or self.host or self.head or self.signing_order)

    def phrase(self, lang: str) -> str:
        """What uses the unit, in `lang` ("4 đại biểu (…); bảng điểm")."""
        parts = []
        if self.delegates:
            names = ", ".join(self.delegates[:3]) + (", …" if len(self.delegates) > 3 else "")
            parts.append(say("setup.uses.delegates", lang, n=len(self.delegates), names=names))
        for name in ("scores", "indicators", "signatures", "handovers"):
            if getattr(self, name):
                parts.append(say(f"setup.uses.{name}", lang, n=getattr(self, name)))
        for name in ("host", "head", "signing_order"):
            if getattr(self, name):
                parts.append(say(f"setup.uses.{name}", lang))
        return "; ".join(parts)


# ---- validation of single fields (forms check each field as it is typed) --------------------

def conference_field(name: str, value: Any, unit_codes: set[str] | None = None) -> Any:
    """One conference field, cleaned; ValidationError("conference.<name>", ...) if wrong."""
    field = f"conference.{name}"
    if name == "title":
        return validation.text(field, value, max_len=TITLE_MAX, required=True)
    if name in ("cluster", "venue", "organizer"):
        return validation.text(field, value, max_len=TITLE_MAX)
    if name == "year":
        return validation.integer(field, value, low=1900, high=2100)
    if name == "date":
        return validation.date(field, value, required=True)
    if name in ("host_unit", "head_unit"):
        code = validation.text(field, value, max_len=32)
        if code and unit_codes is not None and code not in unit_codes:
            raise ValidationError(field, "setup.not_member", unit=code)
        return code
    if name in ("issuer", "doc_place"):
        return validation.text(field, value, max_len=TITLE_MAX)
    if name == "doc_symbol":
        return validation.text(field, value, max_len=SYMBOL_MAX)
    if name == "doc_numbers":
        return doc_numbers(value)
    if name == "recipients":
        return recipients(value)
    raise ValidationError(field, "unknown_field")


def doc_numbers(value: Any) -> dict[str, str]:
    """The papers' numbers by kind ({"ranking": "12"}); an empty number is left out."""
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        raise ValidationError("conference.doc_numbers", "not_text")
    out = {}
    for kind, number in value.items():
        if kind not in NUMBERED_PAPERS:
            raise ValidationError(f"conference.number_{kind}", "unknown_field")
        cleaned = validation.text(f"conference.number_{kind}", number, max_len=DOC_NUMBER_MAX)
        if cleaned:
            out[kind] = cleaned
    return out


def recipients(value: Any) -> tuple[str, ...]:
    """"Nơi nhận": one recipient per line (a text of several lines, or a list); blank lines go."""
    if value is None:
        return ()
    lines = value.splitlines() if isinstance(value, str) else value
    if not isinstance(lines, (list, tuple)):
        raise ValidationError("conference.recipients", "not_text")
    return tuple(v for v in (validation.text("conference.recipients", line, max_len=TITLE_MAX)
                             for line in lines) if v)


def conference_fields(values: dict[str, Any], unit_codes: set[str]) -> dict[str, Any]:
    """Every editable field of the conference, validated (missing text fields are empty)."""
    out = {name: conference_field(name, values.get(name, "" if name != "year" else None), unit_codes)
           for name in CONFERENCE_FIELDS}
    return out


def unit_field(name: str, value: Any) -> str:
    field = f"unit.{name}"
    if name == "code":
        return validation.code(field, value)
    if name == "full_name":
        return validation.text(field, value, max_len=NAME_MAX, required=True)
    if name == "short_name":
        return validation.text(field, value, max_len=SHORT_NAME_MAX, required=True)
    raise ValidationError(field, "unknown_field")


def code_from_name(short_name: str, taken: set[str]) -> str:
    """A unit code from a short name's initials ("Phú Thọ" -> "PT", "Hà Nội" -> "HN"), made
    unique against `taken` by a number ("PT2")."""
    words = [w for w in fold(short_name).replace("-", " ").split() if w[:1].isalnum()]
    base = "".join(w[0] for w in words).upper()[:8] or "U"
    if len(words) == 1:
        base = words[0][:3].upper()
    code, n = base, 1
    while code in taken:
        n += 1
        code = f"{base}{n}"
    return code


class ConferenceDomain(Domain):
    @staticmethod
    def check_field(name: str, value: Any, unit_codes: set[str] | None = None) -> Any:
        """One field of the conference form as typed, cleaned by the rules `save` applies
        (ValidationError "conference.<name>" otherwise)."""
        return conference_field(name, value, unit_codes)

    @staticmethod
    def check_unit_field(name: str, value: Any) -> str:
        """One field of the unit form as typed, cleaned by the rules `add_unit` and `update_unit` apply."""
        return unit_field(name, value)

    # ---- reads -------------------------------------------------------------------------------

    @snapshot
    def get(self) -> Conference | None:
        return self._records.single("conference")

    @locked
    def key(self) -> str:
        """This conference's key, printed in every delegate's check-in code
        (store/models/checkin_code.py): the random key given when the conference was created, kept in
        meta; a store made before keys were given derives it from the conference's cluster and
        year, the same on every read (codes printed from it stay valid)."""
        kept = self._records.meta().get("conference_key")
        if kept:
            return str(kept)
        conference = self._records.single("conference")
        seed = f"{conference.cluster}|{conference.year}" if conference else ""
        digest = hashlib.sha256(seed.encode("utf-8")).digest()
        return "".join(checkin_code.ALPHABET[b % 36] for b in digest[:5])

    @snapshot
    def units(self) -> tuple[Unit, ...]:
        """Member units in the cluster's order."""
        return tuple(sorted(self._records.objects("units").values(), key=lambda u: u.order))

    @snapshot
    def unit(self, code: str) -> Unit:
        return self._records.get("units", code)

    @locked
    def unit_codes(self) -> set[str]:
        return self._records.codes("units")

    @locked
    def unit_uses(self, code: str) -> UnitUses:
        """What refers to unit `code` (nothing: it can be removed)."""
        records = self._records
        delegates = tuple(sorted(d.full_name for d in records.objects("delegates").values()
                                 if d.unit_code == code))
        conference = records.single("conference")
        covenant = records.single("covenant")
        return UnitUses(
            delegates=delegates,
            scores=int(records.has("scores", code)),
            indicators=int(records.has("indicators", code)),
            signatures=int(records.has("signatures", code)),
            handovers=sum(1 for h in records.objects("handovers").values() if h.unit_code == code),
            host=bool(conference and conference.host_unit == code),
            head=bool(conference and conference.head_unit == code),
            # before the seal the unit leaves the signing order with the cluster
            signing_order=bool(covenant and covenant.sealed and code in covenant.signing_order),
        )

    # ---- the conference ------------------------------------------------------------------------

    @locked
    def save(self, **values: Any) -> Conference:
        """Create the conference record, or change the fields given (others kept)."""
        unknown = set(values) - set(CONFERENCE_FIELDS)
        if unknown:
            raise ValidationError(f"conference.{sorted(unknown)[0]}", "unknown_field")
        old = self.get()
        current: dict[str, Any] = {name: getattr(old, name) for name in CONFERENCE_FIELDS} if old else {}
        current.update(values)
        fields = conference_fields(current, self.unit_codes())
        doc = {**(old.to_doc() if old else {}), **fields}
        new = Conference.from_doc(doc)
        if new == old:
            return old
        with self._work() as work:
            work.put("conference", new.to_doc())
            work.audit("conference.save", "conference", old.to_doc() if old else None, new.to_doc())
        return new

    # ---- member units ----------------------------------------------------------------------------

    @locked
    def add_unit(self, *, full_name: Any, short_name: Any, code: Any = "") -> Unit:
        """A new member unit at the end of the cluster's order. Without a code, one is made
        from the short name's initials."""
        full = unit_field("full_name", full_name)
        short = unit_field("short_name", short_name)
        self._name_free(short, None)
        members = self.unit_codes()
        taken = members | self._codes_ever_used()
        if code:
            code = unit_field("code", code)
            if code in taken:
                raise ValidationError("unit.code", "setup.code_taken", value=code)
        else:
            code = code_from_name(short, taken)
        unit = Unit(code=code, order=len(members) + 1, full_name=full, short_name=short)
        covenant = self._records.single("covenant")
        with self._work() as work:
            work.put("units", unit.to_doc())
            work.audit("unit.add", code, None, unit.to_doc())
            if covenant is not None and not covenant.sealed and covenant.signing_order:
                # a blank order already is every unit; a written one gets the new unit at its end
                order = [*covenant.signing_order, code]
                work.put("covenant", replace(covenant, signing_order=tuple(order)).to_doc())
                work.audit("covenant.order.add", code, list(covenant.signing_order), order)
        return unit

    @locked
    def update_unit(self, code: str, **changes: Any) -> Unit:
        old = self.unit(code)
        unknown = set(changes) - {"full_name", "short_name"}
        if unknown:
            raise ValidationError(f"unit.{sorted(unknown)[0]}", "unknown_field")
        full = unit_field("full_name", changes.get("full_name", old.full_name))
        short = unit_field("short_name", changes.get("short_name", old.short_name))
        self._name_free(short, code)
        new = Unit(code=code, order=old.order, full_name=full, short_name=short)
        if new == old:
            return old
        with self._work() as work:
            work.put("units", new.to_doc())
            work.audit("unit.edit", code, old.to_doc(), new.to_doc())
        return new

    @locked
    def remove_unit(self, code: str) -> Unit:
        """Remove a unit nothing refers to; the units after it move up one place."""
        old = self.unit(code)
        uses = self.unit_uses(code)
        if uses:
            raise ValidationError("unit.code", "setup.unit_in_use", unit=old.short_name, uses=uses)
        rest = [u for u in self.units() if u.code != code]
        covenant = self._records.single("covenant")
        with self._work() as work:
            if covenant is not None and code in covenant.signing_order:  # not sealed: see unit_uses
                order = [c for c in covenant.signing_order if c != code]
                work.put("covenant", replace(covenant, signing_order=tuple(order)).to_doc())
                work.audit("covenant.order.remove", code, list(covenant.signing_order), order)
            work.remove("units", code)
            for position, unit in enumerate(rest, start=1):
                if unit.order != position:
                    work.put("units", Unit(unit.code, position, unit.full_name, unit.short_name).to_doc())
            work.audit("unit.remove", code, old.to_doc(), None)
        return old

    @locked
    def move_unit(self, code: str, delta: int) -> tuple[Unit, ...]:
        """Move a unit `delta` places in the cluster's order (negative: up); the new order."""
        units = list(self.units())
        index = next((i for i, u in enumerate(units) if u.code == code), None)
        if index is None:
            self.unit(code)  # raises NotFoundError
        target = max(0, min(len(units) - 1, index + delta))  # type: ignore[operator]
        if target == index:
            return tuple(units)
        unit = units.pop(index)  # type: ignore[arg-type]
        units.insert(target, unit)
        before = [u.code for u in self.units()]
        with self._work() as work:
            for position, u in enumerate(units, start=1):
                if u.order != position:
                    work.put("units", Unit(u.code, position, u.full_name, u.short_name).to_doc())
            work.audit("unit.order", code, before, [u.code for u in units])
        return self.units()

    @locked
    def fill(self, documents: dict[str, list[dict[str, Any]]], *, source: str = "") -> dict[str, int]:
        """Fill an empty store with a conference's records (a workbook's plan) in one unit of
        work. Refused when the store already holds any record of those tables: a workbook makes
        a conference, it does not merge into one."""
        from . import tables

        held = [name for name in documents if self._records.count(name)]
        if held:
            raise ValidationError("store", "setup.not_empty", tables=", ".join(held))
        with self._work() as work:
            for name, docs in documents.items():
                tables.spec(name)  # a known table
                for doc in docs:
                    work.put(name, doc)
            counts = {name: len(docs) for name, docs in documents.items()}
            work.audit("setup.import", source, None, counts)
        return counts

    def _codes_ever_used(self) -> set[str]:
        """Codes of units removed before (codes are never given again)."""
        return {e.target for e in self._records.objects("audit").values() if e.action == "unit.remove"}

    def _name_free(self, short: str, code: str | None) -> None:
        key = fold(short)
        for unit in self._records.objects("units").values():
            if unit.code != code and fold(unit.short_name) == key:
                raise ValidationError("unit.short_name", "setup.name_taken", name=short)
