"""What no longer matches in the signed record (`service.covenant.verify()`, the problems of
store/integrity/seal_check.py), worded for a person: one line per unit or part, naming the
field ("Chữ ký của Phú Thọ: người ký đã bị sửa sau niêm phong"), and the red alarm the screens
show instead of the seal line. The covenant panel, the ceremony view, the projector's signing
page, the app at open and `export covenant` use it."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from .i18n import t
from .store_words import problem_text

#: a signature's problems, by how the line reads
SIGNATURE_REASONS = {"seal_signature": "changed", "signature_changed": "changed",
                     "seal_signature_added": "added", "seal_signature_removed": "removed",
                     "signature_removed": "removed", "signature_undone": "undone",
                     "signature_unrecorded": "unrecorded"}
COVENANT_REASONS = ("seal_text", "seal_hash", "seal_entry", "seal_no_entry", "seal_removed", "seal_by")


def _fields(names: Iterable[str]) -> str:
    words = [t(f"seal.field.{name}") for name in names if name]
    return ", ".join(dict.fromkeys(words))


def problem_lines(problems: Iterable[Any], units: Mapping[str, str], *, sealed: bool) -> list[str]:
    """One line per unit (its fields merged) or part of the record, in the order found."""
    after = "sealed" if sealed else "logged"
    by_unit: dict[str, tuple[str, list[str]]] = {}
    lines: list[tuple[str, Any]] = []
    for p in problems:
        kind = SIGNATURE_REASONS.get(p.reason) if p.table == "signatures" else None
        if kind is not None:
            unit = str(p.code)
            fields = [f.strip() for f in str(p.params.get("fields") or "").split(",") if f.strip()]
            if unit not in by_unit:
                by_unit[unit] = (kind, [])
                lines.append(("unit", unit))
            by_unit[unit][1].extend(fields)
        else:
            lines.append(("problem", p))
    out = []
    for what, value in lines:
        if what == "unit":
            kind, fields = by_unit[value]
            name = units.get(value, value)
            if kind == "changed" and fields:
                out.append(t(f"seal.signature.fields_{after}", unit=name, fields=_fields(fields)))
            else:
                out.append(t(f"seal.signature.{kind}_{after}" if kind == "changed" else f"seal.signature.{kind}",
                             unit=name))
        elif value.table == "covenant" and value.reason in COVENANT_REASONS:
            fields = [f.strip() for f in str(value.params.get("fields") or "").split(",") if f.strip()]
            if value.reason == "seal_text" and fields:
                out.append(t("seal.covenant.seal_text_fields", fields=_fields(fields)))
            else:
                out.append(t(f"seal.covenant.{value.reason}", **value.params))
        elif value.table == "audit":
            out.append(t("seal.chain", problem=t(f"reason.{value.reason}", **value.params)))
        else:
            out.append(problem_text(value))
    return out


def alarm(problems: Iterable[Any], units: Mapping[str, str], *, sealed: bool, first: int = 1) -> str:
    """"KHÔNG KHỚP NIÊM PHONG: <what> (và 2 điều khác)": the red line shown instead of the seal."""
    lines = problem_lines(problems, units, sealed=sealed)
    if not lines:
        return ""
    more = t("seal.more", count=len(lines) - first) if len(lines) > first else ""
    return t("seal.alarm" if sealed else "seal.alarm_log", what="; ".join(lines[:first]) + more)


def record_alarm(covenant_domain: Any, units: Mapping[str, str], **verify: Any) -> str:
    """The alarm for the record `covenant_domain` holds ("" when it holds): `verify`'s options
    are the domain's (`hashes`, `chain`)."""
    problems = covenant_domain.verify(**verify)
    if not problems:
        return ""
    covenant = covenant_domain.get()
    sealed = bool(covenant and covenant.sealed) or any(p.reason == "seal_removed" for p in problems)
    return alarm(problems, units, sealed=sealed)
