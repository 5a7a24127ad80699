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
from functools import lru_cache
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
from ..vntext import join_name, split_full_name
from ..vntext import fold as _fold_text

fold = lru_cache(maxsize=65_536)(_fold_text)  # names, positions and units repeat in a list

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
                existing_delegates: Iterable[Delegate],
                progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """What importing `table` would do to a store holding these units and delegates.

    `progress(done, total)` is called every few hundred rows (for a progress bar)."""
    with paused_gc():
        return _plan_import(table, service_units, existing_delegates, progress)


def _plan_import(table: Table, service_units: Sequence[Unit], existing_delegates: Iterable[Delegate],
                 progress: Callable[[int, int], None] | None) -> ImportPlan:
    headers, _ = _from_legacy(table.headers)
    columns, ignored = map_columns(dict(zip(table.headers, headers)))
    if "full_name" not in columns and "given" not in columns:
        raise StoreError(code="no_name_column", file=table.source or "—")
    planner = _Planner(columns, service_units, existing_delegates, table.damaged_rows)
    body, footer = _split_footer(table.rows, planner)
    planner.index_namesakes(body)
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
        first = next((v for v in cells.values() if v.strip()), "")
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
                 delegates: Iterable[Delegate], damaged: Iterable[int] = ()) -> None:
        self.columns = columns
        self.name_headers = [columns[f] for f in ("full_name", "family", "middle", "given") if f in columns]
        self.unit_codes = {u.code for u in units}
        self.unit_index = match_unit_index(units)
        self.unit_names = {unit_key(u.short_name): u.short_name for u in units}
        self.unit_cache: dict[str, tuple[str | None, str]] = {}
        self.by_code: dict[str, Delegate] = {d.code: d for d in delegates}
        self.by_name: dict[str, list[Delegate]] = {}
        self.by_person: dict[tuple[str, str | None], list[Delegate]] = {}
        self.by_position: dict[tuple[str, str | None, str], list[Delegate]] = {}
        self.damaged = frozenset(damaged)
        self.seen: dict[Any, int] = {}       # duplicate key -> first row
        self.claimed: dict[str, int] = {}    # existing delegate's code -> row that matched it
        self.people: dict[Any, int] = {}     # (name, unit) -> first row
        self.phone_zero: list[int] = []
        self.namesakes: set[int] = set()
        self.guests: list[int] = []
        self.row_phone_zero = False

    def index_namesakes(self, rows: Iterable[tuple[int, dict[str, str]]]) -> None:
        """Index the store's delegates by name, unit and position: only those whose given name
        ends in the last word of a name in `rows` (a few rows into 100,000 people index a few;
        the test is a cached fold of each given name, as given names repeat)."""
        wanted = {_last_word(self.name_text(cells)) for _number, cells in rows}
        every = "" in wanted  # a name whose last word folds to nothing: no test
        taken: dict[str, bool] = {}  # given name -> indexed (100,000 people: a few thousand given names)
        for d in self.by_code.values():
            indexed = taken.get(d.given)
            if indexed is None:
                key = _last_word(d.given)
                indexed = taken[d.given] = every or not key or key in wanted
            if not indexed:
                continue
            name, where = fold(d.full_name), _unit_key({"unit_code": d.unit_code, "organization": d.organization})
            self.by_name.setdefault(name, []).append(d)
            self.by_person.setdefault((name, where), []).append(d)
            self.by_position.setdefault((name, where, fold(d.position or "")), []).append(d)

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
        return join_name(*parts) or clean(self._cell(cells, "full_name"))

    def _plan(self, number: int, cells: dict[str, str], encoding: str) -> PlannedRow:
        provided, full_name_only, guest_inferred = self._provided(cells)
        name = join_name(provided["family"], provided["middle"], provided["given"])
        code = clean(self._cell(cells, "code"))
        if code:
            code = _checked(lambda: validation.code("code", code))
        person = (fold(name), _unit_key(provided))
        key: Any = ("code", code) if code else (*person, fold(provided.get("position", "")))
        if key in self.seen:
            raise _Rejected("code" if code else "name", "duplicate", "duplicate", row=self.seen[key])
        if code:
            existing = self.by_code.get(code)
            if existing is not None and existing.code in self.claimed:
                raise _Rejected("code", "duplicate", "duplicate", row=self.claimed[existing.code])
        else:
            existing = self._match_by_name(name, provided)
        if existing is None:
            values = _checked(lambda: validation.delegate_fields(provided, self.unit_codes))
            planned = PlannedRow(number, Action.ADD, name, code or None, values, legacy=encoding)
        else:
            if guest_inferred:  # the file did not say: keep what the store holds
                provided.pop("guest", None)
            if not code or (full_name_only and name == existing.full_name):
                for part in ("family", "middle", "given"):  # the name was the key, or the
                    provided.pop(part)                       # same name: keep the stored split
            current = {f: getattr(existing, f) for f in validation.DELEGATE_FIELDS}
            current["bloc"] = existing.bloc.value
            merged = _checked(lambda: validation.delegate_fields({**current, **provided}, self.unit_codes))
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

        def get(name: str) -> str:
            return clean(raw[name]) if name in given else ""

        self.row_phone_zero = False
        parts = [self._cell(cells, p) for p in ("family", "middle", "given")]
        full_name_only = not any(p.strip() for p in parts)
        if full_name_only:
            parts = list(split_full_name(self._cell(cells, "full_name")))
        if not any(p.strip() for p in parts):
            raise _Rejected("name", "no_name", "no_name")
        out: dict[str, Any] = dict(zip(("family", "middle", "given"), parts))
        for name in ("position", "organization", "on_behalf_of", "note", "level", "rank"):
            if name in given:
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

    def _match_by_name(self, name: str, provided: dict[str, Any]) -> Delegate | None:
        folded, key = fold(name), _unit_key(provided)
        pool = self.by_name.get(folded, []) if key is None else self.by_person.get((folded, key), [])
        position = fold(provided.get("position", ""))
        candidates: list[Delegate] = []
        if len(pool) > 1 and position:  # namesakes: the same position first (an index, not a search)
            same = self.by_position.get((folded, key, position), []) if key is not None else [
                d for d in pool if fold(d.position or "") == position]
            candidates = [d for d in same if d.code not in self.claimed]
        if not candidates:
            candidates = [d for d in pool if d.code not in self.claimed]
        birth = _date(provided.get("birth", "") or "")
        if len(candidates) > 1 and birth:
            candidates = [d for d in candidates if d.birth == birth] or candidates
        if len(candidates) > 1:
            raise _Rejected("name", "ambiguous", "ambiguous", codes=", ".join(d.code for d in candidates))
        return candidates[0] if candidates else None


def _last_word(name: str) -> str:
    """The folded last word of a name (given names repeat: the fold is cached)."""
    words = name.split()
    return fold(words[-1]) if words else ""


def _key(code: str) -> str:
    return f"reason.{code}" if code in REASONS else f"import.reason.{code}"


def _unit_key(values: dict[str, Any]) -> str | None:
    """Where a delegate comes from: the member unit, else the folded organization."""
    if values.get("unit_code"):
        return "unit:" + values["unit_code"]
    if values.get("organization"):
        return "org:" + fold(values["organization"])
    return None


def _checked(check: Any) -> Any:
    try:
        return check()
    except ValidationError as exc:
        raise _Rejected(exc.field, exc.code, "invalid", **exc.params) from None
