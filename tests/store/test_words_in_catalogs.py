"""One wording system: every sentence a person reads comes from the catalogs (wording/locales), read
through wording/catalog.py. A Vietnamese sentence written in a module would bypass them (and the
English interface), so the string literals of store/, wording/ and tui/ may hold Vietnamese letters only in
the data listed here: docstrings and comments are not scanned."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from wording import catalog as words

ROOT = Path(__file__).resolve().parents[2]
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                        re.IGNORECASE)

#: files whose every literal is data: conversion tables and the collation alphabet
DATA_FILES = {
    "store/io/legacy.py": "the TCVN3 and VNI legacy-encoding tables",
    "wording/text.py": "the Vietnamese alphabet and vowels, for sorting and folding",
}
#: single literals that are data, not sentences: what a person types or a document's fixed form
DATA = {
    "store/validation.py": {"có", "không"},  # yes/no as typed in a list
    "wording/numbers.py": {" đ"},  # the currency unit, in both languages
    "store/covenant/handovers.py": {r"[.\s]|đ$|đồng$", "đ", "đồng"},  # amounts as typed
    "store/covenant/ceremony.py": {"Trưởng ban"},  # whom a deputy (K/T) stands in for
    "store/io/papers/letterhead.py": {"CTĐ", "trưởng ban", "phó trưởng ban"},  # symbols, positions
    "store/models/conference.py": {"GƯ"},  # the covenant's sign in a document number
    "store/io/pdf.py": {"ĐẢNG CỘNG SẢN VIỆT NAM", ", ngày ", " tháng ", " năm "},  # the Party form
    "store/models/scoring.py": {"Cờ thi đua", "Bằng khen"},  # award names of stores before tiers
}


def _literals(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)):
            docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


@pytest.mark.parametrize("package", ["store", "tui", "wording"])
def test_no_vietnamese_sentence_in_a_module(package):
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        name = str(path.relative_to(ROOT))
        if name in DATA_FILES:
            continue
        found += [f"{name}:{line}: {text[:40]!r}" for line, text in _literals(path)
                  if VIETNAMESE.search(text) and text not in DATA.get(name, ())]
    assert found == []


def test_the_allow_list_names_only_what_is_there():
    for name, texts in DATA.items():
        present = {text for _, text in _literals(ROOT / name)}
        assert texts <= present, (name, texts - present)


def test_say_fills_a_catalog_text_and_keeps_a_missing_parameter(tmp_path, monkeypatch):
    (tmp_path / "vi.json").write_text(json.dumps({"a.b": "{n} đại biểu, {m}"}), encoding="utf-8")
    (tmp_path / "en.json").write_text(json.dumps({"a.b": "{n} delegate(s), {m}",
                                                  "a.t.1": "one", "a.t.2": "two"}), encoding="utf-8")
    monkeypatch.setattr(words, "LOCALES", tmp_path)
    words.catalog.cache_clear()
    words._tree.cache_clear()
    words._branches.cache_clear()
    try:
        assert words.say("a.b", "vi", n=3) == "3 đại biểu, {m}"
        assert words.english("a.b", n=1, m="x") == "1 delegate(s), x"
        assert words.say("missing.key", "en") == "missing.key"
        assert words.table("a.t")["en"] == ("one", "two")
        with pytest.raises(KeyError):
            words.table("a.t")["fr"]
    finally:
        words.catalog.cache_clear()
        words._tree.cache_clear()
        words._branches.cache_clear()
