"""argparse's own words ("usage:", "options", "invalid choice: …") in the interface language.

argparse words its messages through gettext's `_`, looked up when each message is made: pointing
`argparse._` at the catalog is the documented way to translate it. A text this table does not
know (a newer Python's wording) stays as argparse wrote it.
"""

from __future__ import annotations

import argparse
import gettext

from ..i18n import t

#: argparse's texts (Python 3.10-3.13) -> catalog keys
WORDS = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positional",
    "options": "argparse.options",
    "optional arguments": "argparse.options",
    "show this help message and exit": "argparse.help",
    "%(prog)s: error: %(message)s\n": "argparse.error",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "argument %(argument_name)s: invalid choice: %(value)r (choose from %(choices)s)": "argparse.argument_invalid_choice",
    "expected one argument": "argparse.expected_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "expected at most one argument": "argparse.expected_at_most_one",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "ignored explicit argument %r": "argparse.ignored_explicit",
    "one of the arguments %s is required": "argparse.one_required",
    "unexpected option string: %s": "argparse.unexpected_option",
}


def _word(text: str) -> str:
    key = WORDS.get(text)
    return t(key) if key else gettext.gettext(text)


def _words(singular: str, plural: str, n: int) -> str:
    return gettext.ngettext(singular, plural, n)


def speak_argparse() -> None:
    """From now on argparse words its help and errors in the current language."""
    argparse._ = _word  # type: ignore[attr-defined]
    argparse.ngettext = _words  # type: ignore[attr-defined]
