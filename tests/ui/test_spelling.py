"""One spelling throughout: the tone mark on the main vowel, as the Ministry of
Education's 2018 rule writes it: hòa, khỏe, thủy, hủy, xóa, ủy ban, not hoà, khoẻ, thuỷ, huỷ, xoá,
uỷ ban. The old style puts the mark on the second vowel of "oa", "oe", "uy" closing a syllable;
with a letter after them ("hoàn", "khoảng", "huỳnh", "khuỷu") both styles agree, and in "quý" the
u belongs to "qu" (y is the vowel), so these are never flagged.

Scanned: every catalog, the words of the store and of the interface (string literals of store/ and
tui/, docstrings left out: they may quote data as a user typed it), the README and the demo data.
Names in a user's own data stay as typed; the demo is ours and follows the rule."""

from __future__ import annotations

import ast
import json
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: o + à á ả ã ạ, o + è é ẻ ẽ ẹ, u + ỳ ý ỷ ỹ ỵ (not after q) closing a word
OLD_STYLE = re.compile(r"(?<![qQ])(?:[oO][àáảãạÀÁẢÃẠ]|[oO][èéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?!\w)")
WORD = re.compile(r"\w+")
#: the tone marks (combining, after NFD) moved from the second vowel to the first
TONES = "\u0300\u0301\u0309\u0303\u0323"


def new_style(word: str) -> str:
    """The word with its tone mark on the main vowel: "hoà" -> "hòa", "Uỷ" -> "Ủy"."""

    def move(match: re.Match) -> str:
        pair = unicodedata.normalize("NFD", match.group(0))
        first, second = pair[0], pair[1:]
        tone = next(c for c in second if c in TONES)
        return unicodedata.normalize("NFC", first + tone + second.replace(tone, ""))

    return OLD_STYLE.sub(move, unicodedata.normalize("NFC", word))


def old_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text)
    return [w for w in WORD.findall(text) if OLD_STYLE.search(w)]


# ---- the rule itself ------------------------------------------------------------------------


@pytest.mark.parametrize("old,new", [
    ("hoà", "hòa"), ("Hoà Bình", "Hòa Bình"), ("HOÀ", "HÒA"), ("thuỷ", "thủy"), ("huỷ", "hủy"),
    ("Huỷ", "Hủy"), ("xoá", "xóa"), ("Xoá", "Xóa"), ("khoẻ", "khỏe"), ("loà", "lòa"), ("toà", "tòa"),
    ("hoạ", "họa"), ("goá", "góa"), ("luỹ", "lũy"), ("Uỷ ban", "Ủy ban"), ("tỉnh uỷ", "tỉnh ủy"),
    ("tuỳ chọn", "tùy chọn"), ("khoá", "khóa"), ("Thuỵ", "Thụy"), ("oà", "òa"), ("hoè", "hòe"),
])
def test_old_style_is_found_and_mended(old, new):
    assert old_words(old) and new_style(old) == new and not old_words(new)


@pytest.mark.parametrize("word", [
    "hòa", "thủy", "xóa", "quý", "Quý", "QUÝ", "quỹ", "quỳ", "quả", "quà", "thuở", "khuya", "hoàn",
    "khoảng", "toán", "thuyết", "quyết", "huỳnh", "Quỳnh", "khuỷu", "xoáy", "ngoài", "uyên", "tuyển",
    "hoạch", "khỏe", "Tỉnh ủy",
])
def test_new_style_and_other_words_are_left_alone(word):
    assert old_words(word) == [] and new_style(word) == unicodedata.normalize("NFC", word)


# ---- the sources -----------------------------------------------------------------------------


def catalog_texts():
    for path in sorted((ROOT / "wording" / "locales").glob("*.json")):
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            yield f"{path.relative_to(ROOT)} {key}", str(value)


def literal_texts(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = set()
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
                docstrings.add(id(body[0].value))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def file_lines(*names: str):
    for name in names:
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), start=1):
            yield f"{name}:{number}", line


SOURCES = {
    "catalogs": catalog_texts,
    "store": lambda: literal_texts("store"),
    "tui": lambda: literal_texts("tui"),
    "readme": lambda: file_lines("README.md"),
    "demo": lambda: file_lines("sample.json", "tui/data/sample.json"),
}


@pytest.mark.parametrize("source", list(SOURCES))
def test_one_spelling_throughout(source):
    found = [f"{where}: {word} -> {new_style(word)}" for where, text in SOURCES[source]()
             for word in old_words(text)]
    assert found == [], "old-style tone marks:\n" + "\n".join(found)
