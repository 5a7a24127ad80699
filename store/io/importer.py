"""Plan and apply a delegate import from a table (see io_tables.read_table).

`plan_import` is pure: every row becomes ADD, UPDATE (only the changed fields), UNCHANGED or
REJECTED (row number, field, reason). `apply_import` then writes the good rows in one durable
transaction through `Service.import_delegates`. The rules for each field are the app's own
(`validation.delegate_fields`), so a row accepted here is a delegate the app would accept.

An empty cell means "no information": it never clears a field of an existing delegate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterable, Sequence

from .. import validation
from . import legacy
from ..errors import StoreError, ValidationError
from .reading import Table
from ..models import Delegate, Unit
from ..vntext import clean, fold, join_name, split_full_name


class Action(str, Enum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


# Header -> field, compared after header_key() (folded, without spaces, "_", "-", ".", ":").
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "full_name": ("hovaten", "hoten", "fullname", "name", "hotendaibieu"),
    "family": ("ho", "family", "familyname", "surname"),
    "middle": ("tendem", "middle", "middlename"),
    "given": ("ten", "given", "givenname", "firstname"),
    "position": ("chucvu", "position"),
    "unit": ("donvi", "unit"),
    "organization": ("coquan", "organization"),
    "guest": ("khachmoi", "guest"),
    "code": ("ma", "code", "madaibieu"),
    "phone": ("dienthoai", "sodienthoai", "phone"),
    "note": ("ghichu", "note"),
    "bloc": ("khoi", "bloc"),
    "rank": ("thubac", "rank"),
    "level": ("cap", "level"),
    "birth": ("ngaysinh", "birth", "birthdate", "dateofbirth"),
    "appointed": ("ngaybonhiem", "appointed"),
    "on_behalf_of": ("thaymat", "onbehalfof"),
}
_FIELD_OF_HEADER = {alias: name for name, aliases in COLUMN_ALIASES.items() for alias in aliases}
ROW_NUMBER_HEADERS = ("stt", "tt", "no", "number")  # ignored without a warning

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


def header_key(header: str) -> str:
    return re.sub(r"[\s_\-.:]+", "", fold(header))


@dataclass(frozen=True)
class PlannedRow:
    """One data row of the file and what the import will do with it.

    `code`: the existing delegate (UPDATE, UNCHANGED) or the code given in the file (ADD).
    `values`: ADD, every field; UPDATE, only the changed ones. REJECTED rows carry `field`,
    `reason` (English) and `problem` (no_name, unknown_unit, duplicate, ambiguous, invalid).
    """

    row: int
    action: Action
    name: str = ""
    code: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    field: str = ""
    reason: str = ""
    problem: str = ""
    legacy: str = ""

    @property
    def message(self) -> str:
        return f"row {self.row}: {self.field}: {self.reason}"


@dataclass(frozen=True)
class ImportPlan:
    rows: tuple[PlannedRow, ...]
    columns: dict[str, str]
    ignored_columns: tuple[str, ...] = ()
    source: str = ""

    def of(self, action: Action) -> list[PlannedRow]:
        return [r for r in self.rows if r.action is action]

    @property
    def rejected(self) -> list[PlannedRow]:
        return self.of(Action.REJECTED)

    @property
    def counts(self) -> dict[str, int]:
        return {a.value: len(self.of(a)) for a in Action}

    @property
    def adds(self) -> list[dict[str, Any]]:
        return [dict(r.values, code=r.code) if r.code else dict(r.values) for r in self.of(Action.ADD)]

    @property
    def updates(self) -> list[tuple[str, dict[str, Any]]]:
        return [(r.code, dict(r.values)) for r in self.of(Action.UPDATE) if r.code]

    def summary(self) -> str:
        c = self.counts
        return (f"{c['add']} added, {c['update']} updated, {c['unchanged']} unchanged, "
                f"{c['rejected']} rejected")

    def report_lines(self) -> list[str]:
        """Plain English: the counts, then one line per rejected row, then notes."""
        lines = [self.summary()] + [r.message for r in self.rejected]
        for encoding in ("tcvn3", "vni"):
            rows = [str(r.row) for r in self.rows if r.legacy == encoding]
            if rows:
                lines.append(f"converted from {encoding.upper()}: row(s) {', '.join(rows)}")
        if self.ignored_columns:
            lines.append("ignored column(s): " + ", ".join(repr(c) for c in self.ignored_columns))
        return lines


class _Rejected(Exception):
    def __init__(self, field: str, reason: str, problem: str) -> None:
        super().__init__(reason)
        self.field, self.reason, self.problem = field, reason, problem


def plan_import(table: Table, service_units: Sequence[Unit],
                existing_delegates: Iterable[Delegate],
                progress: Callable[[int, int], None] | None = None) -> ImportPlan:
    """What importing `table` would do to a store holding these units and delegates.

    `progress(done, total)` is called every few hundred rows (for a progress bar)."""
    headers, header_encoding = _from_legacy(table.headers)
    columns, ignored = map_columns(dict(zip(table.headers, headers)))
    if "full_name" not in columns and "given" not in columns:
        raise StoreError(f"{table.source or 'the file'}: no name column (expected 'Họ và tên', "
                         f"or 'Họ', 'Tên đệm' and 'Tên')")
    planner = _Planner(columns, service_units, existing_delegates)
    planned = []
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        planned.append(planner.plan(number, cells))
        if progress is not None and (done % 250 == 0 or done == total):
            progress(done, total)
    rows = tuple(planned)
    return ImportPlan(rows, columns, tuple(ignored), table.source)


def apply_import(service: Any, plan: ImportPlan, source: str = "") -> tuple[int, int]:
    """Write the ADD and UPDATE rows in one durable transaction; returns (added, updated)."""
    return service.delegates.import_many(plan.adds, plan.updates, source=source or plan.source)


def map_columns(headers: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """field -> original header (first match wins), and the headers nothing uses."""
    columns: dict[str, str] = {}
    ignored: list[str] = []
    for original, readable in headers.items():
        key = header_key(readable)
        name = _FIELD_OF_HEADER.get(key)
        if name and name not in columns:
            columns[name] = original
        elif key not in ROW_NUMBER_HEADERS:
            ignored.append(original)
    return columns, ignored


def _from_legacy(cells: list[str]) -> tuple[list[str], str]:
    """Cells converted from TCVN3 or VNI when, taken together, they look like it."""
    joined = " ".join(cells)
    if legacy.looks_like_tcvn3(joined):
        return [legacy.tcvn3_to_unicode(c) for c in cells], "tcvn3"
    if legacy.looks_like_vni(joined):
        return [legacy.vni_to_unicode(c) for c in cells], "vni"
    return cells, ""


def match_unit_index(units: Sequence[Unit]) -> dict[str, str]:
    """Folded code, short name and full name (with and without spaces) -> unit code."""
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for unit in units:
        for text in (unit.code, unit.short_name, unit.full_name):
            for key in (fold(text), fold(text).replace(" ", "")):
                if key in index and index[key] != unit.code:
                    ambiguous.add(key)
                index.setdefault(key, unit.code)
    return {k: v for k, v in index.items() if k not in ambiguous}


def _date(text: str) -> str:
    m = _DMY.match(text)
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else text


class _Planner:
    def __init__(self, columns: dict[str, str], units: Sequence[Unit],
                 delegates: Iterable[Delegate]) -> None:
        self.columns = columns
        self.unit_codes = {u.code for u in units}
        self.unit_index = match_unit_index(units)
        self.by_code: dict[str, Delegate] = {}
        self.by_name: dict[str, list[Delegate]] = {}
        for d in delegates:
            self.by_code[d.code] = d
            self.by_name.setdefault(fold(d.full_name), []).append(d)
        self.seen: dict[Any, int] = {}

    def plan(self, number: int, raw: dict[str, str]) -> PlannedRow:
        headers = list(raw)
        values, encoding = _from_legacy([raw[h] for h in headers])
        cells = dict(zip(headers, values))
        try:
            return self._plan(number, cells, encoding)
        except _Rejected as r:
            return PlannedRow(number, Action.REJECTED, self._display_name(cells), field=r.field,
                              reason=r.reason, problem=r.problem, legacy=encoding)

    def _cell(self, cells: dict[str, str], name: str) -> str:
        header = self.columns.get(name)
        return cells.get(header, "") if header else ""

    def _display_name(self, cells: dict[str, str]) -> str:
        parts = [clean(self._cell(cells, p)) for p in ("family", "middle", "given")]
        return join_name(*parts) or clean(self._cell(cells, "full_name"))

    def _plan(self, number: int, cells: dict[str, str], encoding: str) -> PlannedRow:
        provided, full_name_only = self._provided(cells)
        name = join_name(provided["family"], provided["middle"], provided["given"])
        code = clean(self._cell(cells, "code"))
        if code:
            code = _checked(lambda: validation.code("code", code))
        existing = self.by_code.get(code) if code else self._match_by_name(name, provided)
        target: Any = existing.code if existing else (code or ("name", fold(name), _unit_key(provided)))
        if target in self.seen:
            raise _Rejected("code" if code else "name",
                            f"duplicate of row {self.seen[target]} in the file", "duplicate")
        if existing is None:
            values = _checked(lambda: validation.delegate_fields(provided, self.unit_codes))
            planned = PlannedRow(number, Action.ADD, name, code or None, values, legacy=encoding)
        else:
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
        self.seen[target] = number
        return planned

    def _provided(self, cells: dict[str, str]) -> tuple[dict[str, Any], bool]:
        """The delegate fields this row gives (empty cells left out) and whether the name came
        from a single full-name cell."""
        get = lambda name: clean(self._cell(cells, name))  # noqa: E731
        parts = [self._cell(cells, p) for p in ("family", "middle", "given")]
        full_name_only = not any(p.strip() for p in parts)
        if full_name_only:
            parts = list(split_full_name(self._cell(cells, "full_name")))
        if not any(p.strip() for p in parts):
            raise _Rejected("name", "no name", "no_name")
        out: dict[str, Any] = dict(zip(("family", "middle", "given"), parts))
        for name in ("position", "organization", "on_behalf_of", "phone", "note", "level", "rank"):
            if get(name):
                out[name] = self._cell(cells, name)
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
                raise _Rejected("guest", f"must be yes or no, not {get('guest')!r}", "invalid")
            guest = out["guest"] = word in _YES
        unit_text = get("unit")
        if unit_text:
            unit = self.unit_index.get(fold(unit_text)) or self.unit_index.get(
                fold(unit_text).replace(" ", ""))
            if unit is None and not guest:
                raise _Rejected("unit", f"unknown unit {unit_text!r}", "unknown_unit")
            out["unit_code"] = unit
            if unit is None and not out.get("organization"):
                out["organization"] = unit_text
        return out, full_name_only

    def _match_by_name(self, name: str, provided: dict[str, Any]) -> Delegate | None:
        candidates = self.by_name.get(fold(name), [])
        key = _unit_key(provided)
        if key is not None:
            candidates = [d for d in candidates if _unit_key(
                {"unit_code": d.unit_code, "organization": d.organization}) == key]
        if len(candidates) > 1:
            codes = ", ".join(d.code for d in candidates)
            raise _Rejected("name", f"matches several delegates ({codes}); add a code column",
                            "ambiguous")
        return candidates[0] if candidates else None


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
        raise _Rejected(exc.field, exc.reason, "invalid") from None
