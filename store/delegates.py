"""Delegates and check-in: add, edit, remove, import, check in, take back an arrival."""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
from typing import TYPE_CHECKING, Any, Callable, Iterable

from . import errors, validation
from .models import checkin_code
from .domain import Domain, Session, locked, snapshot
from .errors import NotFoundError, ValidationError
from .models import CheckInResult, Delegate

if TYPE_CHECKING:
    from .io.given_words import GivenWords
    from .unit_of_work import Records

CODE_PREFIX = "D"

#: a code typed or scanned at the door and refused (the UI words them: "reason.<code>")
errors.register_reasons((
    "scan_misread", "scan_other_conference", "scan_unknown", "scan_not_code",
))


class DelegatesDomain(Domain):
    def __init__(self, session: Session, unit_codes: Callable[[], set[str]],
                 now: Callable[[], dt.datetime], conference_key: Callable[[], str]) -> None:
        super().__init__(session)
        self._unit_codes = unit_codes
        self._now = now
        self._conference_key = conference_key
        self._given_words: tuple[Records, GivenWords] | None = None

    @staticmethod
    def check_field(name: str, value: Any, unit_codes: set[str], others: dict[str, Any] | None = None) -> Any:
        """One field of the delegate form as typed, cleaned by the rules `add` and `update` apply
        (ValidationError naming the field otherwise); `others`: the form's other values."""
        return validation.delegate_field(name, value, unit_codes, others)

    # ---- reads ---------------------------------------------------------------------------

    @snapshot
    def all(self) -> tuple[Delegate, ...]:
        return tuple(self._records.objects("delegates").values())

    def given_words(self) -> GivenWords:
        """The session's index of delegates by given name, for an import's plan
        (store.io.given_words: kept up to date by the commits, not built per plan)."""
        records = self._records
        index = self._given_words
        if index is None or index[0] is not records:
            from .io.given_words import GivenWords
            index = self._given_words = (records, GivenWords(records))
        return index[1]

    @snapshot
    def get(self, code: str) -> Delegate:
        try:
            return self._records.objects("delegates")[code]
        except KeyError:
            raise NotFoundError(code="no_delegate", code_=code) from None

    @snapshot
    def find(self, codes) -> dict[str, Delegate | None]:
        """Each code's delegate, or None for a code that no longer exists (removed)."""
        objects = self._records.objects("delegates")
        return {code: objects.get(code) for code in codes}

    def scan_code(self, code: str) -> str:
        """The printed check-in code of delegate `code` (invitation, badge, export)."""
        return checkin_code.scan_code(self._conference_key(), code)

    @locked
    def code_in(self, text: str) -> str | None:
        """The delegate a typed or scanned `text` names by code: a printed check-in code of this
        conference, or a delegate's own code in any case ("d0062"); None when `text` is no code
        (a name to search). A misread code, one of another conference or of no delegate here is
        refused (ValidationError "scan_<reason>"), nothing changed."""
        try:
            return checkin_code.delegate_code_in(text, self._conference_key(), self._code_named)
        except checkin_code.ScanRefused as refused:
            raise ValidationError("code", f"scan_{refused.reason}", text=refused.text) from None

    def _code_named(self, typed: str) -> str | None:
        objects = self._records.objects("delegates")
        typed = typed.strip()
        if typed in objects:
            return typed
        folded = typed.upper()
        return next((code for code in objects if code.upper() == folded), None)

    # ---- changes -------------------------------------------------------------------------

    @locked
    def check_in_by_text(self, text: str, *, desk: str = "", at: dt.datetime | None = None) -> CheckInResult:
        """Check in the delegate whose printed check-in code or own code `text` is (what a
        scanner types). Text that is no code is refused ("scan_not_code"): a name is searched
        and chosen at the desk, never guessed here."""
        code = self.code_in(text)
        if code is None:
            raise ValidationError("code", "scan_not_code", text=text.strip())
        return self.check_in(code, desk=desk, at=at)

    @locked
    def add(self, *, code: str | None = None, **values: Any) -> Delegate:
        fields = validation.delegate_fields(values, self._unit_codes())
        if code:
            code = validation.code("code", code)
            if self._records.has("delegates", code):
                raise ValidationError("code", "code_taken", code=code)
        with self._work() as work:
            code = code or self._free_code(work)
            delegate = Delegate.from_doc({"code": code, **fields})
            work.put("delegates", delegate.to_doc())
            work.audit("delegate.add", code, None, delegate.to_doc())
        return delegate

    @locked
    def update(self, code: str, **changes: Any) -> Delegate:
        old = self.get(code)
        new = _edited(old, changes, self._unit_codes())
        if new == old:
            return old
        with self._work() as work:
            work.put("delegates", new.to_doc())
            work.audit("delegate.edit", code, old.to_doc(), new.to_doc())
        return new

    @locked
    def remove(self, code: str) -> Delegate:
        from .privacy import removal_trace  # the audit keeps code, name and unit: no personal data

        old = self.get(code)
        with self._work() as work:
            work.remove("delegates", code)
            work.audit("delegate.remove", code, removal_trace(old.to_doc()), None)
        return old

    @locked
    def import_many(self, adds: Iterable[dict[str, Any] | tuple[str | None, dict[str, Any]]],
                    updates: list[tuple[str, dict[str, Any]]], *, source: str = "") -> tuple[int, int]:
        """Add and update many delegates in one durable write; all or nothing.

        `adds` are field dicts (optionally with "code"), or (code or None, fields) pairs whose
        fields `validation.delegate_fields` returned (an import's plan: not validated twice, only
        their unit checked again); `updates` are (code, changed fields).
        Raises ValidationError naming the first bad record and changes nothing.
        """
        units = self._unit_codes()
        prepared: list[tuple[str | None, dict[str, Any]]] = []
        taken: set[str] = set()
        has = self._records.has
        for item in adds:
            if isinstance(item, tuple):
                code, fields = item
            else:
                fields = dict(item)
                code = fields.pop("code", None)
            if type(fields) is validation.CheckedFields:
                unit = fields["unit_code"]
                if unit is not None and unit not in units:
                    raise ValidationError("unit_code", "unknown_unit", unit=unit)
            else:
                fields = validation.delegate_fields(fields, units)
            if code:
                code = validation.code("code", code)
                if code in taken or has("delegates", code):
                    raise ValidationError("code", "code_taken", code=code)
                taken.add(code)
            prepared.append((code, fields))
        changed: list[tuple[Delegate, Delegate]] = []
        for code, values in updates:
            old = self.get(code)
            new = _edited(old, values, units)
            if new != old:
                changed.append((old, new))
        if not prepared and not changed:
            return 0, 0
        with self._work() as work:
            added: list[str] = []
            for code, fields in prepared:
                code = code or self._free_code(work, taken)
                work.put("delegates", _new_doc(code, fields))
                added.append(code)
            for _old, new in changed:
                work.put("delegates", new.to_doc())
            work.audit("delegate.import", source, None,
                       {"added": added, "updated": [old.code for old, _ in changed]})
        return len(prepared), len(changed)

    @locked
    def check_in(self, code: str, *, desk: str = "", at: dt.datetime | None = None) -> CheckInResult:
        """Record an arrival. A second check-in records nothing and reports the first time."""
        old = self.get(code)
        if old.checked_in_at is not None:
            return CheckInResult(old, already=True, at=old.checked_in_at)
        desk = validation.text("desk", desk, max_len=60)
        stamp = (at or self._now()).isoformat(timespec="seconds")
        new = Delegate.from_doc({**old.to_doc(), "checked_in_at": stamp, "checkin_desk": desk or None})
        with self._work() as work:
            work.put("delegates", new.to_doc())
            work.audit("checkin", code, None, {"at": stamp, "desk": desk})
        return CheckInResult(new, already=False, at=stamp)

    @locked
    def undo_check_in(self, code: str, *, desk: str = "") -> Delegate:
        old = self.get(code)
        if old.checked_in_at is None:
            raise ValidationError("checked_in_at", "not_checked_in", name=old.full_name)
        new = Delegate.from_doc({**old.to_doc(), "checked_in_at": None, "checkin_desk": None})
        with self._work() as work:
            work.put("delegates", new.to_doc())
            work.audit("checkin.undo", code, {"at": old.checked_in_at, "desk": old.checkin_desk},
                       {"desk": desk})
        return new

    @locked
    def fold_arrivals(self, steps) -> list[str]:
        """Make the store hold the attendance merged from the desks' journals
        (store.replication.merge.fold_steps): each step records the arrival it carries (time and
        desk as the desk stamped them) or takes a check-in back, all in one unit of work, each
        audited as coming from its desk. Returns the codes changed; steps naming a delegate the
        store no longer has are skipped."""
        objects = self._records.objects("delegates")
        changes = []
        for step in steps:
            old = objects.get(step.code)
            if old is None:
                continue
            at = step.arrival.at if step.arrival else None
            desk = step.arrival.desk if step.arrival else None
            if (old.checked_in_at, old.checkin_desk) != (at, desk):
                changes.append((old, Delegate.from_doc({**old.to_doc(), "checked_in_at": at,
                                                        "checkin_desk": desk})))
        if not changes:
            return []
        with self._work() as work:
            for old, new in changes:
                work.put("delegates", new.to_doc())
                work.audit("checkin.desk", new.code, {"at": old.checked_in_at, "desk": old.checkin_desk},
                           {"at": new.checked_in_at, "desk": new.checkin_desk})
        return [new.code for _old, new in changes]

    def _free_code(self, work, taken: set[str] = frozenset()) -> str:  # type: ignore[assignment]
        """A new code never used before (codes chosen by a user may sit on the counter's path)."""
        while True:
            code = work.new_code("delegates", CODE_PREFIX)
            if code not in taken and not self._records.has("delegates", code):
                return code


_DOC_FIELDS = tuple(f.name for f in dataclasses.fields(Delegate))


#: the editable fields, as the document orders them between the code and the arrival
_editable_of = operator.itemgetter(*_DOC_FIELDS[1:-2])


def _new_doc(code: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The stored document of a new delegate with validated `fields`: what
    `Delegate.from_doc({"code": code, **fields}).to_doc()` gives, built directly (an import of
    100,000 rows: dataclasses.asdict's deep copies took about 3 s)."""
    return dict(zip(_DOC_FIELDS, (code, *_editable_of(fields), None, None)))


def _edited(old: Delegate, changes: dict[str, Any], unit_codes: set[str]) -> Delegate:
    """`old` with `changes` applied, every editable field validated again."""
    current = {name: getattr(old, name) for name in validation.DELEGATE_FIELDS}
    current["bloc"] = old.bloc.value
    current.update(changes)
    return Delegate.from_doc({**old.to_doc(), **validation.delegate_fields(current, unit_codes)})
