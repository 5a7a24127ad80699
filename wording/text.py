"""Vietnamese text: normalization, search folding, collation, names, safe display.

Pure Python (``unicodedata`` only) so the app installs offline anywhere. See docs/DOMAIN.md,
"Vietnamese text: what software must get right".
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = [
    "nfc",
    "clean",
    "fold",
    "collation_key",
    "name_key",
    "split_full_name",
    "join_name",
    "initials",
    "matches",
    "visible",
]


def nfc(text: str) -> str:
    """Unicode NFC (composed) form."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, strip, and collapse every run of whitespace (tabs, newlines, NBSP...) to one space."""
    return " ".join(nfc(text).split())


# ---------------------------------------------------------------------------------------------
# Search folding

# After NFD: drop the combining diacritics block, map đ (no decomposition) to d.
_FOLD_TABLE = {cp: None for cp in range(0x0300, 0x0370)}
_FOLD_TABLE[0x0111] = "d"  # đ (casefold already turned Đ into đ)


def fold(text: str) -> str:
    """Search key ignoring case, tones, letter marks and tone placement: "Đào Hoà" -> "dao hoa"."""
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).casefold())
    folded = folded.translate(_FOLD_TABLE)
    if not folded.isascii():  # rare: marks outside U+0300-U+036F
        folded = "".join(c for c in folded if unicodedata.category(c) != "Mn")
    return " ".join(folded.split())


def initials(text: str) -> str:
    """First letter (or digit) of each word of fold(text): "Nguyễn Văn Phong" -> "nvp"."""
    out = []
    for word in fold(text).split():
        for ch in word:
            if ch.isalnum():
                out.append(ch)
                break
    return "".join(out)


def matches(query: str, haystack_folded: str, haystack_initials: str = "") -> bool:
    """True if every folded query word occurs in haystack_folded, or the query is a prefix of
    haystack_initials ("nvp" finds Nguyễn Văn Phong). An empty query matches everything."""
    q = fold(query)
    if not q:
        return True
    if all(word in haystack_folded for word in q.split()):
        return True
    return bool(haystack_initials) and haystack_initials.startswith(q.replace(" ", ""))


# ---------------------------------------------------------------------------------------------
# Collation
#
# A key is (primary, secondary, tertiary, nfc_text), each level a str so comparison runs in C.
# Primary units: "\x01" = space, "\x02"+c = punctuation/symbol c, "0".."9" = digits,
# "A".."a" = letters in Vietnamese order, "\x7f"+c = any other letter c.
# Secondary: one tone digit per syllable (maximal run of letters). Tertiary: "0"/"1" per letter.

_ALPHABET = "a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z".split()
_VOWELS = frozenset("aăâeêioôơuưy")
# Tone order: level, huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
_TONE_OF_MARK = {mark: tone for tone, mark in enumerate(_TONE_MARKS) if mark}
_LETTER_CODE = {letter: chr(0x41 + i) for i, letter in enumerate(_ALPHABET)}
_SPACE, _PUNCT, _OTHER_LETTER = "\x01", "\x02", "\x7f"

# char -> (primary units, tone, is_upper, is_letter); filled lazily for chars not built here.
_CHARS: dict[str, tuple[str, int, bool, bool]] = {}
for _letter, _code in _LETTER_CODE.items():
    for _tone, _mark in enumerate(_TONE_MARKS):
        if _tone and _letter not in _VOWELS:
            break
        _lower = nfc(_letter + _mark)
        _CHARS[_lower] = (_code, _tone, False, True)
        _CHARS[_lower.upper()] = (_code, _tone, True, True)
for _d in range(10):
    _CHARS[str(_d)] = (str(_d), 0, False, False)


def _char_info(ch: str) -> tuple[str, int, bool, bool]:
    """Collation info for a character outside the prebuilt table (memoized)."""
    cat = unicodedata.category(ch)
    if cat[0] == "M":  # stray combining mark: part of the syllable, may carry a tone
        info = ("", _TONE_OF_MARK.get(ch, 0), False, True)
    elif cat == "Nd":
        info = (str(unicodedata.decimal(ch)), 0, False, False)
    elif cat[0] == "L":
        parts = unicodedata.normalize("NFD", ch.casefold())
        base = "".join(c for c in parts if unicodedata.category(c)[0] != "M")
        tone = next((_TONE_OF_MARK[c] for c in parts if c in _TONE_OF_MARK), 0)
        if base and all(c in _LETTER_CODE for c in base):  # é, ç, ß ... sort with their base
            code = "".join(_LETTER_CODE[c] for c in base)
        else:
            code = _OTHER_LETTER + ch
        info = (code, tone, ch != ch.lower(), True)
    else:
        info = (_PUNCT + ch, 0, False, False)
    _CHARS[ch] = info
    return info


@lru_cache(maxsize=1 << 16)
def _word_key(word: str) -> tuple[str, str, str]:
    """(primary, tones, cases) of one whitespace-free NFC word."""
    primary: list[str] = []
    tones: list[str] = []
    cases: list[str] = []
    run_tone = -1  # -1: not inside a run of letters
    for ch in word:
        code, tone, upper, letter = _CHARS.get(ch) or _char_info(ch)
        primary.append(code)
        if letter:
            if run_tone <= 0:
                run_tone = tone
            cases.append("1" if upper else "0")
        elif run_tone >= 0:
            tones.append(str(run_tone))
            run_tone = -1
    if run_tone >= 0:
        tones.append(str(run_tone))
    return "".join(primary), "".join(tones), "".join(cases)


@lru_cache(maxsize=1 << 16)
def collation_key(text: str) -> tuple[str, str, str, str]:
    """Sort key in Vietnamese order: letters, then per-syllable tone, then case, then text."""
    text = nfc(text)
    words = text.split()
    if len(words) == 1:
        return (*_word_key(words[0]), text)
    keys = [_word_key(w) for w in words]
    return (
        _SPACE.join(k[0] for k in keys),
        "".join(k[1] for k in keys),
        "".join(k[2] for k in keys),
        text,
    )


def name_key(family: str, middle: str, given: str, birth: str | None = None) -> tuple:
    """Alphabetical-list key: given, family, middle name, then earlier ISO birth date (None last)."""
    return (
        collation_key(given),
        collation_key(family),
        collation_key(middle),
        (0, birth) if birth else (1, ""),
    )


# ---------------------------------------------------------------------------------------------
# Names


def split_full_name(full: str) -> tuple[str, str, str]:
    """(family, middle, given): first word, middle words, last word. One word is a given name."""
    words = clean(full).split(" ")
    if words == [""]:
        return ("", "", "")
    if len(words) == 1:
        return ("", "", words[0])
    return (words[0], " ".join(words[1:-1]), words[-1])


def join_name(family: str, middle: str, given: str) -> str:
    """Full name "family middle given", skipping empty parts."""
    return " ".join(p for p in (clean(family), clean(middle), clean(given)) if p)


# ---------------------------------------------------------------------------------------------
# Display

# C0 and DEL -> Unicode control pictures (ESC -> "␛"); C1 -> "\x9b"-style escapes.
_VISIBLE_TABLE: dict[int, str] = {cp: chr(0x2400 + cp) for cp in range(0x20)}
_VISIBLE_TABLE[0x7F] = "\u2421"
_VISIBLE_TABLE.update({cp: f"\\x{cp:02x}" for cp in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """Make control characters visible; everything else (markup-like "[b]" too) is unchanged."""
    return nfc(text.translate(_VISIBLE_TABLE))
