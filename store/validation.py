"""Field-by-field validation. Each function returns cleaned values or raises ValidationError.

Used by the service before every change and by `checks` on a whole file, so that what the
app accepts and what `hoinghi check` accepts are the same rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any, Callable, NamedTuple

from .errors import ValidationError
from .models import AgendaKind, AgendaStatus, Bloc
from .models.delegates import DEFAULT_LEVEL as DELEGATE_DEFAULT_LEVEL
from .models.delegates import DELEGATE_FIELDS
from wording.numbers import day, parse_day
from wording.text import clean as _clean_text

#: names, positions and organizations repeat (an imported list of 100,000 people holds a few
#: thousand distinct ones): each is cleaned once
clean = functools.lru_cache(maxsize=65_536)(_clean_text)

NAME_PART_MAX = 200
POSITION_MAX = 300
ORGANIZATION_MAX = 300
NOTE_MAX = 2000
PHONE_MAX = 20
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
PHONE_RE = re.compile(r"^[0-9+(). -]*$")
TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
#: a date as people write it here: day/month/year (30/11/2024, 1-6-1975, 30.11.2024)

#: the level given to a delegate when none is known (form, import and the model alike). Levels
#: rank delegates in protocol order, lower first: 1 central, 2 provincial leadership, 3 a member
#: unit's commission. An unknown level must never rank a person above the host's own leaders
#: (docs/DOMAIN.md: higher-level delegates first), so the default is the lowest: a member unit's.
DEFAULT_LEVEL = DELEGATE_DEFAULT_LEVEL


def text(field: str, value: Any, *, max_len: int, required: bool = False) -> str:
    """A single-line text: NFC, trimmed, whitespace collapsed, no control characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, "not_text")
    if not value.isprintable():  # printable text (nearly all) holds no control character
        bad = next((ch for ch in value if _is_control(ch)), None)
        if bad is not None:
            raise ValidationError(field, "control", char=f"U+{ord(bad):04X}")
    value = clean(value)
    if required and not value:
        raise ValidationError(field, "required")
    if len(value) > max_len:
        raise ValidationError(field, "too_long", n=len(value), max=max_len)
    return value


def _is_control(ch: str) -> bool:
    if ch in "\t\n\r":
        return False  # whitespace: collapsed by clean()
    return unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200c\u200d"


def code(field: str, value: Any) -> str:
    if not isinstance(value, str) or not CODE_RE.match(value.strip()):
        raise ValidationError(field, "code_format")
    return value.strip()


def integer(field: str, value: Any, *, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise ValidationError(field, "integer")
    if isinstance(value, str):
        value = value.strip()
        if not re.fullmatch(r"-?[0-9]+", value):
            raise ValidationError(field, "integer")
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise ValidationError(field, "integer")
    if not low <= value <= high:
        raise ValidationError(field, "between", low=low, high=high)
    return value


def number(field: str, value: Any, *, low: float, high: float) -> float:
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise ValidationError(field, "number") from None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ValidationError(field, "number")
    if not low <= value <= high:
        raise ValidationError(field, "between", low=f"{low:g}", high=f"{high:g}")
    return float(value)


def boolean(field: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "x", "có", "co"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("", "0", "false", "no", "không", "khong"):
        return False
    raise ValidationError(field, "yes_no")


def date(field: str, value: Any, *, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, "required")
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    try:
        parsed = dt.date.fromisoformat(parse_day(str(value)))
    except ValueError:
        raise ValidationError(field, "date") from None
    if not 1900 <= parsed.year <= 2100:
        raise ValidationError(field, "year")
    return parsed.isoformat()


def date_shown(value: str | None) -> str:
    """A stored ISO date as people read and type it here: "1975-06-01" -> "01/06/1975"."""
    return day(value)


def instant(field: str, value: Any) -> str | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(str(value)).isoformat(timespec="seconds")
    except ValueError:
        raise ValidationError(field, "instant") from None


def time_of_day(field: str, value: Any) -> str:
    if not isinstance(value, str) or not TIME_RE.match(value.strip()):
        raise ValidationError(field, "time")
    return value.strip()


def choice(field: str, value: Any, enum: type) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise ValidationError(field, "one_of", allowed=allowed) from None




_FIELDS = frozenset(DELEGATE_FIELDS)


class CheckedFields(dict):
    """What `delegate_fields` returns: every editable field of a delegate, validated. A writer
    handed one (an import's planned rows) checks again only what may have changed since: the
    unit still exists."""

    __slots__ = ()


#: each editable field's own check, in the order a refusal names the first bad field
#: (`delegate_fields` then checks the fields against each other and the units)
FIELD_CHECKS: dict[str, Callable[[Any], Any]] = {
    "family": lambda v: text("family", v, max_len=NAME_PART_MAX),
    "middle": lambda v: text("middle", v, max_len=NAME_PART_MAX),
    "given": lambda v: text("given", v, max_len=NAME_PART_MAX, required=True),
    "position": lambda v: text("position", v, max_len=POSITION_MAX),
    "organization": lambda v: text("organization", v, max_len=ORGANIZATION_MAX),
    "on_behalf_of": lambda v: text("on_behalf_of", v, max_len=POSITION_MAX),
    "note": lambda v: text("note", v, max_len=NOTE_MAX),
    "guest": lambda v: boolean("guest", v),
    "level": lambda v: integer("level", v, low=1, high=9),
    "bloc": lambda v: choice("bloc", v, Bloc).value,
    "rank": lambda v: integer("rank", v, low=0, high=999),
    "appointed": lambda v: date("appointed", v),
    "birth": lambda v: date("birth", v),
    "phone": lambda v: _phone(v),
}
#: the value of a field the values leave out
FIELD_DEFAULTS: dict[str, Any] = {"guest": False, "level": DEFAULT_LEVEL, "bloc": Bloc.PARTY.value, "rank": 50}


class FieldMemo:
    """The outcome of each field's check by value, for `delegate_fields` over many rows (an
    imported list of 100,000 people repeats a few thousand names, positions and units). Each
    check depends on its value alone, so the memo gives what the check gives, refusal included;
    a field with more than `MAX` distinct values keeps only the first ones."""

    MAX = 20_000

    def __init__(self) -> None:
        self.outcomes: dict[str, dict[Any, Any]] = {name: {} for name in FIELD_CHECKS}
        self.defaults: dict[str, Any] | None = None
        self.refused_defaults: frozenset[str] = frozenset()

    def fields(self, values: dict[str, Any]) -> CheckedFields | None:
        """Every field's outcome, the left-out fields' from their defaults (the same for every
        row: checked once); None when one is refused (`delegate_fields` then checks them in
        order, to name the first)."""
        defaults = self.defaults
        if defaults is None:
            defaults = self.defaults = {name: self._outcome(name, FIELD_DEFAULTS.get(name)) for name in FIELD_CHECKS}
            self.refused_defaults = frozenset(n for n, o in defaults.items() if type(o) is _Refused)
        if not self.refused_defaults <= values.keys():
            return None
        out = CheckedFields(defaults)
        outcomes = self.outcomes
        for name, value in values.items():
            if name == "unit_code":
                continue
            try:
                outcome = outcomes[name].get(value if type(value) is str else (type(value), value), _Refused)
            except TypeError:  # an unhashable value (a list)
                outcome = _Refused
            if outcome is _Refused:
                outcome = self._outcome(name, value)
            if type(outcome) is _Refused:
                return None
            out[name] = outcome
        return out

    def _outcome(self, name: str, value: Any) -> Any:
        """The check's value, or its refusal as a _Refused (kept while the memo has room)."""
        try:
            return self.check(name, value)
        except ValidationError as exc:
            return _Refused(exc.field, exc.code, exc.params)

    def check(self, name: str, value: Any) -> Any:
        """What `FIELD_CHECKS[name](value)` returns or raises."""
        outcomes = self.outcomes[name]
        key = _key(value)
        try:
            outcome = outcomes[key]
        except TypeError:  # an unhashable value (a list): checked, never kept
            return FIELD_CHECKS[name](value)
        except KeyError:
            try:
                outcome = FIELD_CHECKS[name](value)
            except ValidationError as exc:
                outcome = _Refused(exc.field, exc.code, exc.params)
            if len(outcomes) < self.MAX:
                outcomes[key] = outcome
        if type(outcome) is _Refused:
            raise ValidationError(outcome.field, outcome.code, **outcome.params)
        return outcome


def _key(value: Any) -> Any:
    """A memo's key: True == 1 and 1 == 1.0, so a value's type is part of it unless it is text."""
    return value if type(value) is str else (type(value), value)


class _Refused(NamedTuple):
    field: str
    code: str
    params: dict[str, Any]


def delegate_fields(values: dict[str, Any], unit_codes: set[str], memo: FieldMemo | None = None) -> CheckedFields:
    """Validate the editable fields of a delegate (all of them, not a subset). `memo`: the
    checks of earlier rows by value (the same outcome, from a dict)."""
    if not _FIELDS.issuperset(values):
        raise ValidationError(sorted(set(values) - _FIELDS)[0], "unknown_field")
    out = None if memo is None else memo.fields(values)
    if out is None:  # without a memo, or a refusal: each field in order, the first bad one said
        get = values.get
        out = CheckedFields()
        for name, check in FIELD_CHECKS.items():
            out[name] = check(get(name, FIELD_DEFAULTS.get(name)))
    unit = values.get("unit_code") or None
    if unit is not None and unit not in unit_codes:
        raise ValidationError("unit_code", "unknown_unit", unit=unit)
    out["unit_code"] = unit
    if unit is None and not out["organization"]:
        raise ValidationError("unit_code", "unit_or_org")
    if out["birth"] and out["birth"] > dt.date.today().isoformat():
        raise ValidationError("birth", "future")
    if out["birth"] and out["appointed"] and out["appointed"] < out["birth"]:
        raise ValidationError("appointed", "before_birth")
    return out


def agenda_fields(values: dict[str, Any]) -> dict[str, Any]:
    return {
        "order": integer("order", values.get("order"), low=1, high=999),
        "planned_start": time_of_day("planned_start", values.get("planned_start")),
        "duration_min": integer("duration_min", values.get("duration_min"), low=0, high=600),
        "title": text("title", values.get("title"), max_len=POSITION_MAX, required=True),
        "kind": choice("kind", values.get("kind", "other"), AgendaKind).value,
        "presenter": text("presenter", values.get("presenter"), max_len=POSITION_MAX),
        "status": choice("status", values.get("status", "planned"), AgendaStatus).value,
        "actual_start": instant("actual_start", values.get("actual_start")),
        "actual_end": instant("actual_end", values.get("actual_end")),
    }


def delegate_field(name: str, value: Any, unit_codes: set[str], others: dict[str, Any] | None = None) -> Any:
    """Validate one delegate field on its own (forms check each field as it is typed). With
    `others` (the form's other values), the dates are also checked against each other and today:
    a birth in the future, an appointment before the birth."""
    if name in ("birth", "appointed"):
        checked = date(name, value)
        _check_dates(name, checked, others or {})
        return checked
    if name in FIELD_CHECKS:
        return FIELD_CHECKS[name](value)
    return delegate_fields({name: value, "given": "x", "organization": "x"}, unit_codes)[name]


def _check_dates(name: str, checked: str | None, others: dict[str, Any]) -> None:
    if not checked:
        return
    if name == "birth":
        if checked > dt.date.today().isoformat():
            raise ValidationError("birth", "future")
        return
    try:
        birth = date("birth", others.get("birth"))
    except ValidationError:
        return  # the birth field says what is wrong with it
    if birth and checked < birth:
        raise ValidationError("appointed", "before_birth")


def _phone(value: Any) -> str:
    phone = text("phone", value, max_len=PHONE_MAX)
    if not PHONE_RE.match(phone):
        raise ValidationError("phone", "phone")
    return phone
