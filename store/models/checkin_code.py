"""The printed check-in code of a delegate: the conference it belongs to, the delegate's own
code and a check character, e.g. "K7Q2M-D0062-X".

It is printed on the invitation and the badge (as a QR code and as text); a USB scanner types
it and Enter into the desk's search box. The check character (Luhn mod 36) refuses a misread
or mistyped character and any swap of two neighbouring ones; the conference key refuses a
code printed for another conference. Pure functions, no I/O (`new_key` draws a random key).
"""

from __future__ import annotations

import re
import secrets
from typing import Callable

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = ALPHABET[:10]
#: the length of a conference key given at creation
KEY_LENGTH = 5
_VALUE = {c: i for i, c in enumerate(ALPHABET)}
SEPARATOR = "-"

#: what a scanner or a hand may type: key, delegate code, check character
#: (a delegate's code may hold ". _ -" itself: the check character is after the last separator)
_SHAPE = re.compile(r"^\s*([0-9A-Za-z]{3,12})[-_ ]([0-9A-Za-z][0-9A-Za-z._-]{0,31})[-_ ]([0-9A-Za-z])\s*$")


class ScanRefused(ValueError):
    """A text that looks like a check-in code but cannot be taken: `reason` is "misread"
    (the check character does not match), "other_conference", or "unknown" (a code of this
    conference for a delegate no longer in the list)."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.text = text


def check_char(payload: str) -> str:
    """Luhn mod 36 over `payload` (letters and digits, case ignored)."""
    n = len(ALPHABET)
    total, factor = 0, 2
    for ch in reversed(payload.upper()):
        if ch not in _VALUE:
            continue
        addend = factor * _VALUE[ch]
        total += addend // n + addend % n
        factor = 1 if factor == 2 else 2
    return ALPHABET[(n - total % n) % n]


def scan_code(conference_key: str, delegate_code: str) -> str:
    """The printed code of `delegate_code` in the conference whose key is `conference_key`."""
    key, code = conference_key.upper(), delegate_code.upper()
    return SEPARATOR.join((key, code, check_char(key + code)))


def new_key() -> str:
    """A random conference key (given when a conference is created): five letters and digits,
    one of them at least a digit, so that no typed name looks like a printed code."""
    while True:
        key = "".join(secrets.choice(ALPHABET) for _ in range(KEY_LENGTH))
        if any(c in DIGITS for c in key):
            return key


def looks_like_scan(text: str) -> bool:
    """True when `text` has the shape of a printed code. A name never has: a code holds a
    digit ("phan van y" has the shape of three parts but is a name being typed)."""
    return _SHAPE.match(text) is not None and any(c in DIGITS for c in text)


def read_scan(text: str, conference_key: str) -> str:
    """The delegate code in a scanned `text`, or ScanRefused. Call only when looks_like_scan."""
    m = _SHAPE.match(text)
    if m is None:
        raise ScanRefused("misread", text)
    key, code, check = (g.upper() for g in m.groups())
    if check_char(key + code) != check:
        raise ScanRefused("misread", text)
    if key != conference_key.upper():
        raise ScanRefused("other_conference", text)
    return code


def delegate_code_in(text: str, conference_key: str, find: Callable[[str], str | None]) -> str | None:
    """The delegate whose code `text` is, or None when `text` is no code (a name to search).

    `text` is a printed check-in code (scanned or typed: ScanRefused when misread, of another
    conference, or of a delegate `find` does not know) or a delegate's own code typed by hand
    ("d0062"). `find` maps a typed code to the delegate's code (None: no such delegate)."""
    text = text.strip()
    if looks_like_scan(text):
        code = find(read_scan(text, conference_key))
        if code is None:
            raise ScanRefused("unknown", text)
        return code
    if any(c in DIGITS for c in text):
        return find(text)
    return None
