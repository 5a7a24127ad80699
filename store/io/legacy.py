"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows) found in old spreadsheets -> Unicode NFC.

Legacy text reaches us as a str whose characters are the legacy bytes read as Windows-1252 /
Latin-1 (what Excel shows with a non-Vietnamese font): "Hµ Néi" (TCVN3), "Haø Noäi" (VNI).

Tables checked against the XFree86/glibc TCVN 5712 table, UniKey's vnconv tables and xvnkb.
TCVN3 (VN3, the ".Vn..." fonts) has the 67 lowercase letters and only the 7 capitals Ă Â Ê Ô Ơ Ư Đ;
capitals with a tone are written with the lowercase codes in the all-caps ".Vn...H" fonts, so
pass ``upper_font=True`` for such columns. VNI writes a base letter followed by a mark byte.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "tcvn3_to_unicode",
    "unicode_to_tcvn3",
    "vni_to_unicode",
    "unicode_to_vni",
    "looks_like_tcvn3",
    "looks_like_vni",
]

# ---------------------------------------------------------------------------------------------
# TCVN3: one byte per letter. Runs of consecutive byte values -> letters.
_TCVN3_RUNS = (
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"),
    (0xB5, "àảãáạ"),
    (0xBB, "ằẳẵắ"),
    (0xC6, "ặầẩẫấậè"),
    (0xCE, "ẻẽéẹềểễếệìỉ"),
    (0xDC, "ĩíịò"),
    (0xE1, "ỏõóọồổỗốộờởỡớợù"),
    (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
)
_TCVN3_DECODE = {chr(start + i): letter for start, run in _TCVN3_RUNS for i, letter in enumerate(run)}
_TCVN3_DECODE_TABLE = str.maketrans(_TCVN3_DECODE)
_TCVN3_ENCODE = {letter: code for code, letter in _TCVN3_DECODE.items()}

# "ư" is byte 0xAD, the soft hyphen, which many tools silently drop ("Mêng" for "Mường").
# "ơng", "ơc", "ơu" never end a Vietnamese word, "ương", "ươc", "ươu" do: put the ư back.
_O_HORN = "ơờởỡớợƠỜỞỠỚỢ"
_LOST_U = re.compile(rf"(?<![uUưƯ])([{_O_HORN}])(ng|NG|c|C|u|U)(?![^\W\d_])")


def _restore_lost_u(match: re.Match) -> str:
    horn = match.group(1)
    return ("ư" if horn.islower() else "Ư") + horn + match.group(2)


def tcvn3_to_unicode(text: str, *, upper_font: bool = False) -> str:
    """Convert TCVN3 (ABC) text to Unicode NFC: "Hµ Néi" -> "Hà Nội".

    ``upper_font``: the text was typed for an all-caps ".Vn...H" font, so the result is uppercased.
    """
    out = _LOST_U.sub(_restore_lost_u, text.translate(_TCVN3_DECODE_TABLE))
    out = unicodedata.normalize("NFC", out)
    return out.upper() if upper_font else out


def unicode_to_tcvn3(text: str) -> str:
    """Encode Unicode to TCVN3 (capitals with a tone become lowercase codes, as ABC does)."""
    return "".join(
        _TCVN3_ENCODE.get(ch) or _TCVN3_ENCODE.get(ch.lower(), ch)
        for ch in unicodedata.normalize("NFC", text)
    )


# ---------------------------------------------------------------------------------------------
# VNI-Windows: base letter + mark byte. Lowercase mark bytes; uppercase ones are str.upper().
_TONE_MARKS = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_CIRCUMFLEX_MARKS = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_BREVE_MARKS = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# Letters written as one byte (ơ ư đ, and i/y with some tones).
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
# Bases that take a tone byte: plain vowels plus ô (= ơ) and ö (= ư). "i" never does.
_TONE_BASES = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "o\u031b", "ö": "u\u031b"}


def _build_vni() -> dict[str, str]:
    """Unicode letter -> VNI string, for all 134 Vietnamese letters with a mark or tone."""
    table: dict[str, str] = {}
    for vni, letter in _VNI_SINGLE.items():
        table[letter] = vni
    for base, uni in _TONE_BASES.items():
        for mark, tone in _TONE_MARKS.items():
            letter = unicodedata.normalize("NFC", uni + tone)
            if letter not in table:  # ỵ is the single byte î
                table[letter] = base + mark
    for bases, letter_mark, marks in (("aeo", "\u0302", _CIRCUMFLEX_MARKS), ("a", "\u0306", _BREVE_MARKS)):
        for base in bases:
            for mark, tone in marks.items():
                table[unicodedata.normalize("NFC", base + letter_mark + tone)] = base + mark
    for letter, vni in list(table.items()):
        table[letter.upper()] = vni.upper()
    return table


_VNI_ENCODE = _build_vni()
_VNI_DECODE = {vni: letter for letter, vni in _VNI_ENCODE.items()}
for _vni, _letter in list(_VNI_DECODE.items()):  # tolerate a mark byte of the other case
    if len(_vni) == 2:
        _VNI_DECODE.setdefault(_vni[0] + _vni[1].swapcase(), _letter)
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _VNI_DECODE), key=len, reverse=True)))


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text to Unicode NFC: "Haø Noäi" -> "Hà Nội"."""
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group()], text))


def unicode_to_vni(text: str) -> str:
    """Encode Unicode text to VNI-Windows."""
    return "".join(_VNI_ENCODE.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# ---------------------------------------------------------------------------------------------
# Detection: conservative. A text "looks like" an encoding when it has no character beyond
# Windows-1252, nearly every non-ASCII word decodes to a well-formed Vietnamese syllable, and at
# least one of them is not already Unicode Vietnamese (it has a byte that is not a Vietnamese
# letter, or read as Unicode it is not a syllable: "Vaên", "Néi").

_CP1252_EXTRAS = frozenset(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
_UNICODE_VI_LATIN1 = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_TONE_CHARS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
_NUCLEI = (
    "iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "a ă â e ê i o ô ơ u ư y"
).split()
_SYLLABLE = re.compile(f"{_ONSET}(?:{'|'.join(_NUCLEI)})(?:ng|nh|ch|[cmnpt])?")


def _is_syllable(word: str) -> bool:
    """True if ``word`` (Unicode) is a well-formed Vietnamese syllable with at most one tone."""
    parts = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONE_CHARS for c in parts) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_CHARS))
    return _SYLLABLE.fullmatch(bare) is not None


def _looks_like(text: str, legacy_chars: frozenset[str], decode) -> bool:
    if any(ord(c) > 0xFF and c not in _CP1252_EXTRAS for c in text):
        return False
    strong_chars = legacy_chars - _UNICODE_VI_LATIN1
    words = re.findall(r"[A-Za-z\u00a1-\u00ff]+", text)
    good = bad = strong = 0
    for word in words:
        if word.isascii():
            continue
        if _is_syllable(decode(word)):
            good += 1
            strong += any(c in strong_chars for c in word) or not _is_syllable(word)
        else:
            bad += 1
    return strong > 0 and bad * 5 <= good


_TCVN3_CHARS = frozenset(_TCVN3_DECODE)
_VNI_CHARS = frozenset(c for vni in _VNI_DECODE for c in vni if not c.isascii())


def looks_like_tcvn3(text: str) -> bool:
    """Heuristic: is ``text`` TCVN3 shown as Latin-1? False for ASCII and Unicode Vietnamese."""
    return _looks_like(text, _TCVN3_CHARS, tcvn3_to_unicode)


def looks_like_vni(text: str) -> bool:
    """Heuristic: is ``text`` VNI-Windows shown as Latin-1? False for ASCII and Unicode Vietnamese."""
    return _looks_like(text, _VNI_CHARS, vni_to_unicode)
