"""The UI and the command line stand on the store's facade only: everything under tui/ imports
from store/ the service (`store.service`), the value types (`store.models` and its modules), the
coded errors (`store.errors`) and the registry of exports (`store.io.exports`), nothing else.
Every import is read from the source (all forms: `import store.x`, `from store.x import y`,
`from store import x`), wherever it stands, a function's body included."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = ("store.service", "store.models", "store.errors", "store.io.exports")


def allowed(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in ALLOWED)


def store_imports(path: Path):
    """(line, the store module named) for every import of `path` that reaches into store/."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "store" or alias.name.startswith("store."):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "store" or node.module.startswith("store."):
                # `from store.x import y`: y may be a module (`from store.io import exports`)
                for alias in node.names:
                    yield node.lineno, node.module if allowed(node.module) else f"{node.module}.{alias.name}"


def test_the_ui_imports_the_facade_only():
    outside = [f"{path.relative_to(ROOT)}:{line}: {module}"
               for path in sorted((ROOT / "tui").rglob("*.py"))
               for line, module in store_imports(path) if not allowed(module)]
    assert outside == [], "tui/ reaches under the facade:\n" + "\n".join(outside)


def test_the_reader_sees_every_form(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("import store.roster\nfrom store.core import lock\nfrom store import checks, service\n"
                      "from store.io import exports, exporter\n"
                      "def f():\n    from store.models.agenda import Item\n", encoding="utf-8")
    found = [module for _, module in store_imports(source)]
    assert found == ["store.roster", "store.core.lock", "store.checks", "store.service", "store.io.exports",
                     "store.io.exporter", "store.models.agenda"]
    assert [m for m in found if not allowed(m)] == ["store.roster", "store.core.lock", "store.checks",
                                                    "store.io.exporter"]
