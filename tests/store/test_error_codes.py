"""Every error the store raises on purpose carries a code for the interface to word: none is
raised with an English sentence of its own (it would reach a Vietnamese screen as it is)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import store
from store import errors

# every module registers its own codes when imported: import them all, whatever ran before
for _module in pkgutil.walk_packages(store.__path__, "store."):
    importlib.import_module(_module.name)

STORE = Path(__file__).resolve().parents[2] / "store"

#: classes whose message a person reads (ValidationError has its own code and field)
WORDED = {name for name, value in vars(errors).items()
          if isinstance(value, type) and issubclass(value, errors.StoreError) and name != "ValidationError"}


def _raised_with_text(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Raise) or not isinstance(node.exc, ast.Call):
            continue
        call = node.exc
        name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
        if name in WORDED and call.args and isinstance(call.args[0], (ast.Constant, ast.JoinedStr)):
            lines.append(node.lineno)
    return lines


def test_store_errors_are_raised_with_a_code():
    found = {}
    for path in sorted(STORE.rglob("*.py")):
        lines = _raised_with_text(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            found[str(path.relative_to(STORE.parent))] = lines
    assert found == {}


def test_every_code_raised_is_known():
    for path in sorted(STORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                for keyword in node.exc.keywords:
                    if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                        name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
                        if name in WORDED:
                            assert keyword.value.value in errors.ERRORS, (path.name, node.lineno)
