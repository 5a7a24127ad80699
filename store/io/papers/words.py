"""What the papers say, per language (Vietnamese first, English with `--lang en`), as the other
exports word theirs (store/io/ranking_export.py, covenant_export.py): one table per language,
`words(lang)` picks it."""

from __future__ import annotations

from wording.catalog import table
WORDS = table("doc.papers")


def lang_of(lang: str) -> str:
    return lang if lang in WORDS else "vi"


def words(lang: str) -> dict:
    return WORDS[lang_of(lang)]
