"""Everything the audit log vouches for, at once: the chain, what its anchor says it lost, the
covenant and its seal, and the other records (check-ins, next year's cluster head); what
`hoinghi check` and a seal line report."""

from __future__ import annotations

from typing import Any

from ..core.problems import Problem
from ..models import Covenant, Signature
from .anchor import anchor_problems
from .chain import ordered_entries, verify_chain
from .coverage import coverage_problems
from .seal_check import covenant_problems


def store_problems(docs: dict[str, list[dict[str, Any]]], anchor: dict[str, Any] | None = None,
                   *, hashes: bool = True, chain: bool = True, coverage: bool = True) -> list[Problem]:
    """The chain's first problem, what its anchor says it lost (anchor.py), the covenant's
    and the other records the log vouches for (coverage.py); well-formed documents by table.
    Without `chain` (a reader that kept only some entries) the chain itself is not walked;
    without `coverage`, only the signed record and the chain (what a seal line speaks for)."""
    entries = ordered_entries({str(i): d for i, d in enumerate(docs.get("audit") or ())})
    problems: list[Problem] = []
    if chain:
        report = verify_chain(entries, hashes=hashes)
        problems.extend([report.problem] if report.problem else [])
        problems.extend(anchor_problems(anchor, report))
    covenant_doc = next(iter(docs.get("covenant") or ()), None)
    covenant = None if covenant_doc is None else Covenant.from_doc(covenant_doc)
    problems.extend(covenant_problems(covenant, [Signature.from_doc(d) for d in docs.get("signatures") or ()],
                                      entries))
    if coverage:
        problems.extend(coverage_problems(docs.get("delegates") or (), covenant, entries))
    return problems
