"""The store's errors and problems, worded in the interface language.

The store raises errors with a code and parameters (`store.errors.ERRORS`), reports problems
with a reason code (`store.core.problems.REASONS`) and passes on the operating system's errors
(an errno); this module turns each into one line from the catalog ("store.<code>",
"problem.<reason>", "oserror.<ENAME>"). A code the catalog lacks falls back to the store's
English sentence, never to a Python class name.
"""

from __future__ import annotations

import datetime as dt
import errno as errno_names
import os
from typing import Any, Mapping

from store.errors import StoreError, ValidationError
from wording.numbers import integer

from .i18n import catalog, language, t


def _has(key: str) -> bool:
    return key in catalog(language())


def os_reason(exc: OSError) -> str:
    """Why the operating system refused ("không có quyền ghi"), from its errno."""
    name = errno_names.errorcode.get(exc.errno or -1)
    if name and _has(f"oserror.{name}"):
        return t(f"oserror.{name}")
    return exc.strerror or t("oserror.unknown")


def os_error_text(exc: OSError, db: str | None) -> str:
    """`<file>: <reason>`, naming the file the error is about (for one of our temp files, the
    file it was to become), else `db` when given, else the reason alone."""
    from store.errors import file_meant

    name = exc.filename if isinstance(exc.filename, (str, bytes, os.PathLike)) else None
    if name is not None:
        name = file_meant(os.fsdecode(name))
    where = name or db
    reason = os_reason(exc)
    return f"{where}: {reason}" if where else reason


def _worded(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as the catalog shows them: an OSError given as `error` becomes its `reason`,
    an exception given as `cause` with a code of its own becomes its `why`, large whole numbers
    are grouped ("32.000.000" in Vietnamese)."""
    words = dict(params)
    if "pid" in words:  # a process number is a name, never grouped ("25948", not "25.948")
        words["pid"] = str(words["pid"])
    if isinstance(words.get("since"), str):
        words["since"] = moment_text(words["since"])
    if isinstance(words.get("file_kind"), str) and _has(f"filekind.{words['file_kind']}"):
        words["file_kind"] = t(f"filekind.{words['file_kind']}")
    error = words.get("error")
    if isinstance(error, OSError):
        words["reason"] = os_reason(error)
    cause = words.get("cause")
    if isinstance(cause, BaseException):
        words["why"] = cause_text(cause)
    for key, value in words.items():
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10_000:
            words[key] = integer(value) if language() == "vi" else f"{value:,}"
    return words


def moment_text(iso: str) -> str:
    """"08:02" for a moment of today (local time), "08:02 29/11/2024" for another day; an
    unreadable moment as it is."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    if moment.date() == dt.date.today():
        return f"{moment:%H:%M}"
    return f"{moment:%H:%M %d/%m/%Y}"


def cause_text(cause: BaseException) -> str:
    """Why a file was refused, from the cause's own code ("refused.rows", "decode.not_json")."""
    if isinstance(cause, StoreError):
        return store_error_text(cause)
    if isinstance(cause, OSError):
        return os_reason(cause)
    problem = getattr(cause, "problem", None)
    if problem is not None:
        return problem_text(problem)
    prefix, code = getattr(cause, "catalog_prefix", None), getattr(cause, "code", None)
    if prefix and code and _has(f"{prefix}.{code}"):
        try:
            return t(f"{prefix}.{code}", **_worded(getattr(cause, "params", {})))
        except (KeyError, IndexError, ValueError):
            pass
    return " ".join(str(cause).split())


def store_error_text(exc: BaseException) -> str:
    """One line for an error the store raised, in the interface language."""
    if isinstance(exc, ValidationError):
        from .validation_words import describe

        where = t("store.row", row=exc.row) + " " if exc.row is not None else ""
        return where + describe(exc)
    problems = getattr(exc, "problems", None)
    if problems is not None and getattr(exc, "path", None) is not None and _has("store.invalid"):
        return problems_refusal(exc)
    code = getattr(exc, "code", None)
    if isinstance(exc, StoreError) and code and _has(f"store.{code}"):
        try:
            return t(f"store.{code}", **_worded(exc.params)) + _backup_hint(exc.params)
        except (KeyError, IndexError, ValueError):
            pass
    if isinstance(exc, OSError):
        return os_error_text(exc, None)
    if getattr(exc, "catalog_prefix", None):  # a file that is not a store, a limit reached
        return cause_text(exc)
    return " ".join(str(exc).split()) or t("cli.no_details")


def _backup_hint(params: Mapping[str, Any]) -> str:
    """Where a damaged store's newest good backup is (or that none was found)."""
    if "backup" not in params:
        return ""
    if params["backup"]:
        return t("store.backup_hint", backup=params["backup"])
    return t("store.no_good_backup", folder=params.get("folder", ""))


def problems_refusal(exc: Any, first: int = 3) -> str:
    """"<file> không mở được: 62 vấn đề: …; …; … (và 59 vấn đề khác)" for a store refused at open."""
    problems = list(exc.problems)
    shown = "; ".join(problem_text(p) for p in problems[:first])
    more = t("store.more_problems", count=len(problems) - first) if len(problems) > first else ""
    if getattr(exc, "backup", None):
        hint = t("store.backup_hint", backup=str(exc.backup))
    elif getattr(exc, "backup_dir", None):
        hint = t("store.no_good_backup", folder=str(exc.backup_dir))
    else:
        hint = ""
    key = "store.invalid" if hasattr(exc, "backup_dir") else "store.invalid_source"
    return t(key, path=str(exc.path), count=len(problems), problems=shown + more) + hint


def problem_text(problem: Any) -> str:
    """One problem of a store's records in the interface language:
    "đại biểu D0007: trường bloc: "martians" không thuộc …"."""
    if isinstance(problem, str):
        return problem
    from store.errors import KINDS

    table = t(f"table.{problem.table}") if _has(f"table.{problem.table}") else problem.table
    where = table + (f" {problem.code}" if problem.code is not None else "")
    what = t("problem.field", field=problem.field) + " " if problem.field else ""
    words = dict(problem.params)
    for key in ("got", "expected"):
        if key in words:
            kinds = words[key] if isinstance(words[key], (tuple, list)) else (words[key],)
            words[key] = t("problem.or").join(t(f"kind.{k}") if k in KINDS else str(k) for k in kinds)
    if isinstance(words.get("allowed"), (tuple, list)):
        words["allowed"] = ", ".join(map(str, words["allowed"]))
    for key in (f"problem.{problem.reason}", f"reason.{problem.reason}"):
        if _has(key):
            try:
                return f"{where}: {what}{t(key, **words)}"
            except (KeyError, IndexError, ValueError):
                break
    return problem.text()
