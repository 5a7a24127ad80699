"""Plan and apply a delegate import from a table (see reading.read_table; the plan and its
wording are in import_plan).

`plan_import` is pure: every row becomes ADD, UPDATE (only the changed fields), UNCHANGED or
REJECTED (row number, field, reason code and parameters). `apply_import` then writes the good
rows in one durable transaction through `service.delegates.import_many`. The rules for each field
are the app's own (`validation.delegate_fields`), so a row accepted here is a delegate the app
would accept.

An empty cell means "no information": it never clears a field of an existing delegate.
Rows after the people (totals, the signature block) are skipped and reported. People from an
organization that is not a member unit come in as guests of that organization. Two rows with the
same name and unit but another position or birth date are namesakes (both kept, reported); the
same name, unit and position (or the same code) twice is a duplicate.

Words: a row's reason is a code (`reason.<code>` of the store's validation, or `import.reason.
<code>` for the importer's own) with parameters; `describe(plan, word)` words the whole report
through a catalog function (the UI's `t`), and `report_lines()` in English for logs.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable, Iterable, Sequence

from .. import validation
from . import legacy
from .bulk import paused_gc
from ..errors import REASONS, StoreError, ValidationError
from .import_plan import (  # noqa: F401  (describe: part of this module's API)
    Action, ImportPlan, PlannedRow, describe, english,
)
from .limits import ranges
from .unit_names import UNIT_VARIANTS, match_unit_index, unit_key  # noqa: F401  (part of this module's API)
from .reading import (  # noqa: F401  (COLUMN_ALIASES, header_key: part of this module's API)
    COLUMN_ALIASES, FIELD_OF_HEADER, ROW_NUMBER_HEADERS, Table, header_key,
)
from ..models import Delegate, Unit
from ..validation import clean  # cached
from wording.text import clean as _clean_text, split_full_name

from .given_words import GivenWords
from .store_matches import StoreMatches, fold, where_from as _unit_key


_FIELD_OF_HEADER = FIELD_OF_HEADER


BLOC_WORDS = {
    "party": ("dang", "party"),
    "assembly": ("quochoi", "hdnd", "hoidongnhandan", "quochoihdnd", "assembly"),
    "government": ("chinhquyen", "ubnd", "uybannhandan", "chinhphu", "government"),
    "front": ("mattran", "mattrantoquoc", "mttq", "front"),
    "other": ("khac", "other"),
}
_BLOC_OF_WORD = {word: bloc for bloc, words in BLOC_WORDS.items() for word in words}
_YES = {"x", "co", "yes", "y", "true", "1", "khach", "khachmoi", "guest"}
_NO = {"", "0", "khong", "no", "n", "false"}
#: the fields a row gives as they are (checked by validation), and those the importer reads first
_AS_GIVEN = frozenset(("position", "organization", "on_behalf_of", "note", "level", "rank"))
_NOT_GIVEN = dict.fromkeys(("phone", "birth", "appointed", "bloc", "guest", "unit"), "")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MOBILE_WITHOUT_ZERO = re.compile(r"^[1-9][0-9]{8}$")  # 10-digit numbers start with 0
# A row that starts the end of a list: totals, signature block, place and date line.
_FOOTER = re.compile(r"^(tong cong|tong so|cong|cong cong|nguoi lap|nguoi lap bieu|thu truong|"
                     r"xac nhan|noi nhan|ky ten|t/?m\b|k/?t\b|.*\bngay .*\bthang .*\bnam\b)")

#: a row refused for one of the importer's own reasons (worded as "import.reason.<code>")
class _Rejected(Exception):
    def __init__(self, field: str, code: str, problem: str, **params: Any) -> None:
        super().__init__(code)
        self.field, self.code, self.problem, self.params = field, code, problem, params


def plan_import(table: Table, service_units: Sequence[Unit],
                existing_delegates: Iterable[Delegate] | GivenWords,
                progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """What importing `table` would do to a store holding these units and delegates (given as
    the session's `service.delegates.given_words()`, a plan looks up only the delegates the
    list may name again: its cost does not grow with the store).

    `progress(done, total)` is called every few hundred rows (for a progress bar)."""
    with paused_gc():
        return _plan_import(table, service_units, existing_delegates, progress)


def _plan_import(table: Table, service_units: Sequence[Unit], existing_delegates: Iterable[Delegate] | GivenWords,
                 progress: Callable[[int, int], None] | None) -> ImportPlan:
    headers, _ = _from_legacy(table.headers)
    columns, ignored = map_columns(dict(zip(table.headers, headers)))
    if "full_name" not in columns and "given" not in columns:
        raise StoreError(code="no_name_column", file=table.source or "—")
    planner = _Planner(columns, service_units, existing_delegates, table.damaged_rows)
    body, footer = _split_footer(table.rows, planner)
    planner.store.index([planner.name_text(cells) for _number, cells in body])
    planned = []
    total = len(body)
    for done, (number, cells) in enumerate(body, start=1):
        planned.append(planner.plan(number, cells))
        if progress is not None and (done % 250 == 0 or done == total):
            progress(done, total)
    rows = tuple(planned)
    notes = list(table.notes)
    if footer:
        notes.append(("footer_rows", {"n": len(footer), "rows": ranges(footer)}))
    for encoding in ("tcvn3", "vni"):
        converted = [r.row for r in rows if r.legacy == encoding]
        if converted:
            notes.append(("legacy", {"encoding": encoding.upper(), "rows": ranges(converted),
                                     "n": len(converted)}))
    for code, numbers in (("phone_zero", planner.phone_zero), ("namesakes", planner.namesakes),
                          ("guests", planner.guests)):
        if numbers:
            notes.append((code, {"n": len(numbers), "rows": ranges(numbers)}))
    if ignored:
        notes.append(("ignored_columns", {"n": len(ignored),
                                          "columns": ", ".join(repr(c) for c in ignored)}))
    return ImportPlan(rows, columns, tuple(ignored), table.source, tuple(notes))


def _split_footer(rows: list[tuple[int, dict[str, str]]], planner: "_Planner"
                  ) -> tuple[list[tuple[int, dict[str, str]]], list[int]]:
    """The rows of people, and the numbers of the rows after them: from the first row that
    starts a totals line or a signature block, and every row after the last row with a name."""
    end = len(rows)
    for i, (_number, cells) in enumerate(rows):
        first = next(filter(str.strip, cells.values()), "")
        if first.isdecimal():  # a row number: no footer starts so
            continue
        if _FOOTER.match(fold(first)) and (not planner.has_name(cells)
                                           or fold(planner.name_text(cells)) == fold(first)):
            end = i
            break
    while end and not planner.has_name(rows[end - 1][1]):
        end -= 1
    return rows[:end], [number for number, _ in rows[end:]]


def apply_import(service: Any, plan: ImportPlan, source: str = "") -> tuple[int, int]:
    """Write the ADD and UPDATE rows in one durable transaction; returns (added, updated)."""
    with paused_gc():
        return service.delegates.import_many(plan.additions, plan.updates, source=source or plan.source)


def map_columns(headers: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """field -> original header (first match wins), and the headers nothing uses."""
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for original, readable in headers.items():
        key = header_key(readable)
        name = FIELD_OF_HEADER.get(key)
        if name and name not in columns:
            columns[name] = original
        elif key not in ROW_NUMBER_HEADERS:
            ignored.append(original)
    return columns, ignored


_NOT_CP1252 = re.compile("[^\x00-\xff" + re.escape(bytes(range(0x80, 0xA0)).decode("cp1252", "ignore")) + "]")


def _from_legacy(cells: list[str]) -> tuple[list[str], str]:
    """Cells converted from TCVN3 or VNI when, taken together, they look like it."""
    joined = " ".join(cells)
    if joined.isascii() or _NOT_CP1252.search(joined):  # legacy text is Windows-1252 only
        return cells, ""
    if legacy.looks_like_tcvn3(joined):
        return [legacy.tcvn3_to_unicode(c) for c in cells], "tcvn3"
    if legacy.looks_like_vni(joined):
        return [legacy.vni_to_unicode(c) for c in cells], "vni"
    return cells, ""


def _date(text: str) -> str:
    m = _DMY.match(text)
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else text


class _Planner:
    def __init__(self, columns: dict[str, str], units: Sequence[Unit],
                 delegates: Iterable[Delegate] | GivenWords, damaged: Iterable[int] = ()) -> None:
        self.columns = columns
        self.name_headers = [columns[f] for f in ("full_name", "family", "middle", "given") if f in columns]
        self.code_header = columns.get("code")
        self.unit_codes = {u.code for u in units}
        self.unit_index = match_unit_index(units)
        self.unit_names = {unit_key(u.short_name): u.short_name for u in units}
        self.unit_cache: dict[str, tuple[str | None, str]] = {}
        self.memo = validation.FieldMemo()  # names, positions and units repeat down a list
        self.store = StoreMatches(delegates)
        self.claimed = self.store.claimed
        self.damaged = frozenset(damaged)
        self.seen: dict[Any, int] = {}       # duplicate key -> first row
        self.people: dict[Any, int] = {}     # (name, unit) -> first row
        self.phone_zero: list[int] = []
        self.namesakes: set[int] = set()
        self.guests: list[int] = []
        self.row_phone_zero = False

    def has_name(self, cells: dict[str, str]) -> bool:
        return any(cells.get(h, "").strip() for h in self.name_headers)

    def name_text(self, cells: dict[str, str]) -> str:
        return " ".join(cells.get(h, "") for h in self.name_headers).strip()

    def plan(self, number: int, raw: dict[str, str]) -> PlannedRow:
        values, encoding = _from_legacy(list(raw.values()))
        cells = dict(zip(raw, values)) if encoding else raw
        try:
            if number in self.damaged:
                raise _Rejected("", "bad_bytes", "bad_bytes")
            return self._plan(number, cells, encoding)
        except _Rejected as r:
            return PlannedRow(number, Action.REJECTED, self._display_name(cells), field=r.field,
                              reason=english(_key(r.code), **r.params), problem=r.problem,
                              legacy=encoding, reason_code=r.code, params=r.params)

    def _cell(self, cells: dict[str, str], name: str) -> str:
        header = self.columns.get(name)
        return cells.get(header, "") if header else ""

    def _display_name(self, cells: dict[str, str]) -> str:
        parts = [clean(self._cell(cells, p)) for p in ("family", "middle", "given")]
        return _join_name(*parts) or clean(self._cell(cells, "full_name"))

    def _plan(self, number: int, cells: dict[str, str], encoding: str) -> PlannedRow:
        provided, full_name_only, guest_inferred = self._provided(cells)
        parts = (clean(provided["family"]), clean(provided["middle"]), clean(provided["given"]))
        name = " ".join(p for p in parts if p)
        code = _clean_text(cells.get(self.code_header, ""))  # (codes do not repeat: not cached)
        if code:
            code = _checked(validation.code, "code", code)
        # fold(name), from its parts' (cached: they repeat; folding keeps the spaces between them)
        person = (" ".join(f for f in map(fold, parts) if f), _unit_key(provided))
        key: Any = ("code", code) if code else (*person, fold(provided.get("position", "")))
        if key in self.seen:
            raise _Rejected("code" if code else "name", "duplicate", "duplicate", row=self.seen[key])
        if code:
            existing = self.store.by_code.get(code)
            if existing is not None and existing.code in self.claimed:
                raise _Rejected("code", "duplicate", "duplicate", row=self.claimed[existing.code])
        else:
            existing = self._match_by_name(person, provided)
        if existing is None:
            values = _checked(validation.delegate_fields, provided, self.unit_codes, self.memo)
            planned = PlannedRow(number, Action.ADD, name, code or None, values, legacy=encoding)
        else:
            if guest_inferred:  # the file did not say: keep what the store holds
                provided.pop("guest", None)
            if not code or (full_name_only and name == existing.full_name):
                for part in ("family", "middle", "given"):  # the name was the key, or the
                    provided.pop(part)                       # same name: keep the stored split
            current = {f: getattr(existing, f) for f in validation.DELEGATE_FIELDS}
            current["bloc"] = existing.bloc.value
            merged = _checked(validation.delegate_fields, {**current, **provided}, self.unit_codes, self.memo)
            changes = {k: v for k, v in merged.items() if v != current[k]}
            action = Action.UPDATE if changes else Action.UNCHANGED
            planned = PlannedRow(number, action, existing.full_name, existing.code, changes,
                                 legacy=encoding)
            self.claimed[existing.code] = number
        self.seen[key] = number
        if person in self.people:
            self.namesakes.update((self.people[person], number))
        else:
            self.people[person] = number
        if guest_inferred and planned.action is Action.ADD:
            self.guests.append(number)
        if self.row_phone_zero:
            self.phone_zero.append(number)
        return planned

    def _unit(self, text: str) -> tuple[str | None, str]:
        """(unit code or None, the member unit's name it is a typo of, or "")."""
        if text not in self.unit_cache:
            key = unit_key(text)
            unit = self.unit_index.get(key) or self.unit_index.get(fold(text).replace(" ", ""))
            near = ""
            if unit is None:
                close = difflib.get_close_matches(key, list(self.unit_names), n=1, cutoff=0.85)
                near = self.unit_names[close[0]] if close else ""
            self.unit_cache[text] = (unit, near)
        return self.unit_cache[text]

    def _provided(self, cells: dict[str, str]) -> tuple[dict[str, Any], bool, bool]:
        """The delegate fields this row gives (empty cells left out), whether the name came
        from a single full-name cell, and whether "guest" was inferred (not in the file)."""
        raw = {name: cells.get(header, "") for name, header in self.columns.items()}
        given = {name for name, value in raw.items() if value and not value.isspace()}  # clean() not ""
        cleaned = dict(_NOT_GIVEN)
        for name in given & _NOT_GIVEN.keys():
            cleaned[name] = clean(raw[name])
        get = cleaned.__getitem__
        self.row_phone_zero = False
        parts = [raw.get("family", ""), raw.get("middle", ""), raw.get("given", "")]
        full_name_only = not (parts[0].strip() or parts[1].strip() or parts[2].strip())
        if full_name_only:
            parts = list(split_full_name(raw.get("full_name", "")))
        if not any(p.strip() for p in parts):
            raise _Rejected("name", "no_name", "no_name")
        out: dict[str, Any] = dict(zip(("family", "middle", "given"), parts))
        for name in given & _AS_GIVEN:
            out[name] = raw[name]
        phone = get("phone")
        if phone:
            if _MOBILE_WITHOUT_ZERO.match(phone):
                phone = "0" + phone
                self.row_phone_zero = True
            out["phone"] = phone
        for name in ("birth", "appointed"):
            if get(name):
                out[name] = _date(get(name))
        if get("bloc"):
            word = re.sub(r"[^a-z0-9]", "", fold(get("bloc")))
            out["bloc"] = _BLOC_OF_WORD.get(word, get("bloc"))
        guest = False
        if get("guest"):
            word = header_key(get("guest"))
            if word not in _YES | _NO:
                raise _Rejected("guest", "guest_yes_no", "invalid", value=get("guest"))
            guest = out["guest"] = word in _YES
        inferred = False
        unit_text = get("unit")
        if unit_text:
            unit, near = self._unit(unit_text)
            if unit is None and near and not guest:
                raise _Rejected("unit", "unit_typo", "unknown_unit", unit=unit_text, near=near)
            out["unit_code"] = unit
            if unit is None:
                if not out.get("organization"):
                    out["organization"] = unit_text
                if not guest:  # an organization that is not a member unit: a guest
                    out["guest"] = inferred = True
        return out, full_name_only, inferred

    def _match_by_name(self, person: tuple[str, str | None], provided: dict[str, Any]) -> Delegate | None:
        """The store's delegate this row names: `person` is (folded full name, where from)."""
        candidates = self.store.by_name_of(person, fold(provided.get("position", "")),
                                           _date(provided.get("birth", "") or ""))
        if len(candidates) > 1:
            raise _Rejected("name", "ambiguous", "ambiguous", codes=", ".join(d.code for d in candidates))
        return candidates[0] if candidates else None


def _join_name(family: str, middle: str, given: str) -> str:
    """vntext.join_name with the cached clean (the parts repeat down a list)."""
    return " ".join(p for p in (clean(family), clean(middle), clean(given)) if p)


def _key(code: str) -> str:
    return f"reason.{code}" if code in REASONS else f"import.reason.{code}"


def _checked(check: Callable[..., Any], *args: Any) -> Any:
    try:
        return check(*args)
    except ValidationError as exc:
        raise _Rejected(exc.field, exc.code, "invalid", **exc.params) from None
