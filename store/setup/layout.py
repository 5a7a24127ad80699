"""The conference workbook's layout: its sheets, their columns and items; their words, in both
languages, are the catalogs' `workbook.*` keys (wording/locales/<lang>.workbook.json).

One sheet per part of a conference (the conference, units, delegates, agenda, scoring criteria,
covenant, and the support handed over at the conference). Each sheet has an instruction line
(row 1), the header (row 2) and, in the template, one example row whose first cell is the
example mark (left out by the import). The template, the import and the export all read this
module, so what is written can be read back.

Headers are recognized in either language, ignoring case, tones, spaces and anything in
parentheses ("Ngày họp (dd/mm/yyyy)" is "ngayhop"); a column's other names (`workbook.alias.*`,
several separated by "|") are recognized too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import AgendaKind, Bloc
from wording.text import fold
from wording.catalog import LANGUAGES, catalog, say, word

#: the workbook's languages: Vietnamese, then English (a word pair is (vi, en))
VI, EN = LANGUAGES


def key_of(text: str) -> str:
    """A header or item label as compared: folded, without parentheses, spaces or punctuation."""
    text = re.sub(r"\(.*?\)", "", str(text))
    return re.sub(r"[^a-z0-9]", "", fold(text))


def pair(key: str) -> tuple[str, str]:
    """A catalog text in both languages: (vi, en)."""
    return word(key, VI), word(key, EN)


def _alias_keys(key: str) -> tuple[str, ...]:
    """The folded other names of a column, from both catalogs ("" when it has none)."""
    names = (name for lang in LANGUAGES for name in catalog(lang).get(key, "").split("|"))
    return tuple(key_of(name) for name in names if name.strip())


@dataclass(frozen=True)
class Column:
    key: str
    #: the catalog key of its header
    words: str
    #: "text" (default), "date", "time", "number"
    kind: str = "text"
    width: int = 18

    def header(self, lang: str) -> str:
        return word(self.words, lang)

    @property
    def vi(self) -> str:
        return self.header(VI)

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other headers that name this column (folded keys)."""
        return _alias_keys(self.words.replace(".column.", ".alias.", 1))


def column(sheet: str, key: str, kind: str = "text", width: int = 18) -> Column:
    return Column(key, f"workbook.column.{sheet}.{key}", kind, width)


@dataclass(frozen=True)
class Sheet:
    key: str
    columns: tuple[Column, ...]

    def title(self, lang: str) -> str:
        return word(f"workbook.sheet.{self.key}", lang)

    @property
    def vi(self) -> str:
        return self.title(VI)

    def instruction(self, lang: str) -> str:
        """The sheet's first row, saying how to fill it in (catalog: doc.workbook.instruction.<key>)."""
        return say(f"doc.workbook.instruction.{self.key}", VI if lang == VI else EN)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def example(self, lang: str) -> list[str]:
        """The template's example row: the example mark, then `workbook.example.<sheet>.<column>`."""
        found = catalog(lang)
        return [word("workbook.example_mark", lang),
                *(found.get(f"workbook.example.{self.key}.{c.key}", "") for c in self.columns[1:])]


STT = Column("no", "workbook.column.no", width=7)


#: what the first cell of an example row says, folded (either language)
EXAMPLE_MARKS = frozenset(key_of(name) for name in pair("workbook.example_mark")) | frozenset(
    _alias_keys("workbook.example_marks"))


# ---- the conference: one item per row ------------------------------------------------------

ITEM = column("conference", "item", width=34)
VALUE = column("conference", "value", width=60)
HINT = column("conference", "hint", width=50)


@dataclass(frozen=True)
class Item:
    key: str
    kind: str = "text"
    #: a drop-down list of the member units' short names
    unit_list: bool = False
    #: the item may be given on several rows (each row one value)
    repeated: bool = False

    def label(self, lang: str) -> str:
        return word(f"workbook.item.{self.key}", lang)

    @property
    def vi(self) -> str:
        return self.label(VI)

    def example(self, lang: str) -> str:
        return word(f"workbook.item_example.{self.key}", lang)


ITEMS: tuple[Item, ...] = (
    Item("title"),
    Item("cluster"),
    Item("year", kind="number"),
    Item("date", kind="date"),
    Item("venue"),
    Item("host_unit", unit_list=True),
    Item("organizer"),
    Item("head_unit", unit_list=True),
    Item("issuer"),
    Item("doc_place"),
    Item("doc_symbol"),
    Item("recipient", repeated=True),
    Item("total_max", kind="number"),
    Item("flag_quota", kind="number"),
    Item("merit_quota", kind="number"),
    Item("tie_break"),
    Item("scoring_other"),
    Item("covenant_year", kind="number"),
    Item("covenant_title"),
    Item("movement", repeated=True),
    Item("covenant_other"),
)
ITEM_BY_KEY = {item.key: item for item in ITEMS}
ITEM_OF_LABEL = {key_of(item.label(lang)): item.key for item in ITEMS for lang in LANGUAGES}


def _pairs(prefix: str, names) -> dict:
    """{name: (vi, en)} for the catalog keys `<prefix>.<name>` (an enum member by its value)."""
    return {name: pair(f"{prefix}.{getattr(name, 'value', name)}") for name in names}


#: tie-break criteria as people name them (the ranking's own names are accepted too)
TIE_BREAK_WORDS = _pairs("workbook.tie_break", ("cluster_total", "self_total", "bonus_total", "deduction_total",
                                                "models", "schemes", "resolutions", "regulations"))

# ---- the list sheets -------------------------------------------------------------------------

BLOC_WORDS = _pairs("workbook.bloc", tuple(Bloc))
KIND_WORDS = _pairs("workbook.kind", tuple(AgendaKind))
CRITERION_KINDS = _pairs("workbook.criterion_kind", ("group", "bonus", "deduction"))
YES_WORDS = pair("workbook.yes")


def words_index(table: dict) -> dict[str, object]:
    """folded word (either language, or the stored value) -> the value it names."""
    out: dict[str, object] = {}
    for value, names in table.items():
        raw = getattr(value, "value", value)
        for name in (*names, raw):
            out[key_of(name)] = value
    return out


CONFERENCE = Sheet("conference", (ITEM, VALUE, HINT))
UNITS = Sheet("units", (
    STT,
    column("units", "code", width=9),
    column("units", "full_name", width=44),
    column("units", "short_name", width=20),
    column("units", "signing", kind="number", width=12),
))
DELEGATES = Sheet("delegates", (
    STT,
    column("delegates", "code", width=9),
    column("delegates", "family", width=10),
    column("delegates", "middle", width=12),
    column("delegates", "given", width=10),
    column("delegates", "position", width=40),
    column("delegates", "unit", width=16),
    column("delegates", "organization", width=30),
    column("delegates", "guest", width=10),
    column("delegates", "level", kind="number", width=6),
    column("delegates", "bloc", width=16),
    column("delegates", "rank", kind="number", width=8),
    column("delegates", "appointed", kind="date", width=14),
    column("delegates", "birth", kind="date", width=12),
    column("delegates", "on_behalf_of", width=24),
    column("delegates", "phone", width=14),
    column("delegates", "note", width=30),
))
AGENDA = Sheet("agenda", (
    STT,
    column("agenda", "code", width=9),
    column("agenda", "planned_start", kind="time", width=14),
    column("agenda", "duration_min", kind="number", width=9),
    column("agenda", "title", width=50),
    column("agenda", "kind", width=20),
    column("agenda", "presenter", width=36),
))
CRITERIA = Sheet("criteria", (
    STT,
    column("criteria", "kind", width=16),
    column("criteria", "code", width=9),
    column("criteria", "title", width=60),
    column("criteria", "points", kind="number", width=9),
))
COVENANT = Sheet("covenant", (
    STT,
    column("covenant", "code", width=9),
    column("covenant", "content", width=60),
    column("covenant", "measure", width=40),
    column("covenant", "target", width=30),
))
HANDOVERS = Sheet("handovers", (
    STT,
    column("handovers", "code", width=9),
    column("handovers", "unit", width=18),
    column("handovers", "place", width=30),
    column("handovers", "what", width=44),
    column("handovers", "amount_vnd", kind="number", width=16),
))

SHEETS: tuple[Sheet, ...] = (CONFERENCE, UNITS, DELEGATES, AGENDA, CRITERIA, COVENANT, HANDOVERS)
SHEET_OF_TITLE = {key_of(sheet.title(lang)): sheet for sheet in SHEETS for lang in LANGUAGES}


def column_index(sheet: Sheet) -> dict[str, str]:
    """folded header -> column key, for one sheet (both languages and the aliases)."""
    out: dict[str, str] = {}
    for col in sheet.columns:
        for name in (*(col.header(lang) for lang in LANGUAGES), col.key):
            out.setdefault(key_of(name), col.key)
        for alias in col.aliases:
            out.setdefault(alias, col.key)
    return out


def is_example(cells: dict[str, str]) -> bool:
    """Whether a row is the template's example row (its first cell is the example mark)."""
    return any(key_of(v) in EXAMPLE_MARKS for v in list(cells.values())[:1])


def word_of(words: tuple[str, str], lang: str) -> str:
    return words[0] if lang == VI else words[1]
