"""Tests for wording.text: normalization, folding, collation, names, display."""

from __future__ import annotations

import random
import subprocess
import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from wording.text import (
    clean,
    collation_key,
    fold,
    initials,
    join_name,
    matches,
    name_key,
    nfc,
    split_full_name,
    visible,
)

WORD_ORDER = (
    "An, Anh, Ăn, Ân, Bình, Dung, Đào, Em, Ê, Ha, Hà, Hả, Hã, Há, Hạ, "
    "Ôn, Ông, Ơn, Uyên, Ưng, Ý, Yến"
).split(", ")

NAME_ORDER = [
    "Hoàng Văn An",
    "Nguyễn Văn An",
    "Lê Đức Anh",
    "Trần Thị Ánh",
    "Phạm Thị Ân",
    "Vũ Đức Bảo",
    "Đỗ Văn Bình",
    "Nguyễn Văn Phong",
    "Bùi Đình Thi",
]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _vietnamese_letters() -> str:
    bases = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
    tones = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
    letters = []
    for base in bases:
        for tone in tones if base in "aăâeêioôơuưy" else ("",):
            letter = nfc(base + tone)
            letters += [letter, letter.upper()]
    return "".join(letters)


VI_LETTERS = _vietnamese_letters()
ALPHABET = VI_LETTERS + " " + "".join(chr(c) for c in range(0x20, 0x7F))
vi_text = st.text(alphabet=ALPHABET, max_size=30)


# --- nfc / clean ---------------------------------------------------------------------------


def test_nfc_composes_decomposed_input():
    assert nfc("Nguye\u0302\u0303n") == "Nguyễn"
    assert nfc(nfd("Hà Nội")) == "Hà Nội"


def test_clean_strips_collapses_and_composes():
    assert clean("  Nguyễn\t\tVăn \n Phong\u00a0 ") == "Nguyễn Văn Phong"
    assert clean(nfd(" Hà  Nội ")) == "Hà Nội"
    assert clean("") == ""
    assert clean(" \t\n ") == ""


# --- fold / initials / matches ---------------------------------------------------------------


def test_fold_examples():
    assert fold("Nguyễn Văn Phong") == "nguyen van phong"
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("Đào") == "dao"
    assert fold("đĐ") == "dd"
    assert fold("ĐIỆN BIÊN") == "dien bien"
    assert fold("Ưng  Ơn\tÂn") == "ung on an"
    assert fold(nfd("Nguyễn Văn Phong")) == "nguyen van phong"
    assert fold(nfd("Điện Biên")) == fold("Điện Biên")
    assert fold("  ") == ""


def test_initials():
    assert initials("Nguyễn Văn Phong") == "nvp"
    assert initials("Đỗ Văn Bình") == "dvb"
    assert initials("  ") == ""
    assert initials(nfd("Ưng Ơn")) == "uo"


def test_matches():
    hay = fold("Nguyễn Văn Phong")
    ini = initials("Nguyễn Văn Phong")
    assert matches("nvp", hay, ini)
    assert matches("nv", hay, ini)
    assert matches("NVP", hay, ini)
    assert matches("phong nguyen", hay, ini)
    assert matches("van ph", hay, ini)
    assert matches("Nguyễn", hay, ini)
    assert matches(nfd("PHÒNG"), hay, ini)  # tones and case ignored
    assert matches("", hay, ini)
    assert matches("   ", hay, ini)
    assert not matches("nguyen x", hay, ini)
    assert not matches("pvn", hay, ini)
    assert not matches("nvpx", hay, ini)
    assert not matches("nvp", hay)  # no initials given: only substring matching
    assert matches("hoa", fold("Hòa Bình")) and matches("hoà", fold("Hòa Bình"))
    assert matches("dao", fold("Đào"))


# --- collation -----------------------------------------------------------------------------


def test_word_order_from_domain():
    for seed in range(20):
        words = WORD_ORDER[:]
        random.Random(seed).shuffle(words)
        assert sorted(words, key=collation_key) == WORD_ORDER


def test_code_point_order_is_wrong():
    assert sorted(WORD_ORDER) != WORD_ORDER


def test_tone_order_and_placement():
    tones = ["ha", "hà", "hả", "hã", "há", "hạ"]
    assert sorted(reversed(tones), key=collation_key) == tones
    assert collation_key("hoà")[:3] == collation_key("hòa")[:3]
    assert collation_key("Thuỷ")[:3] == collation_key("Thủy")[:3]
    assert collation_key("hoà") != collation_key("hòa")  # final tie-break keeps order total


def test_primary_beats_tone_and_case():
    assert collation_key("Hạ") < collation_key("hb")
    assert collation_key("an") < collation_key("An") < collation_key("Án")
    assert collation_key("Ý") < collation_key("Yến")
    assert collation_key("An Bình") < collation_key("Anh")


def test_character_classes():
    assert collation_key(" ") < collation_key("-") < collation_key("0") < collation_key("9")
    assert collation_key("9") < collation_key("a") < collation_key("z")
    assert collation_key("f") < collation_key("g") and collation_key("ê") < collation_key("f")
    assert collation_key("w") < collation_key("x") < collation_key("y") < collation_key("z")
    assert collation_key("z") < collation_key("Ωmega")  # other scripts after Latin
    assert collation_key("đ") < collation_key("e") and collation_key("d") < collation_key("đ")


def test_nfd_input_same_key():
    for word in WORD_ORDER + NAME_ORDER:
        assert collation_key(nfd(word)) == collation_key(word)


def test_name_order_from_domain():
    for seed in range(20):
        names = NAME_ORDER[:]
        random.Random(seed).shuffle(names)
        names.sort(key=lambda full: name_key(*split_full_name(full)))
        assert names == NAME_ORDER


def test_name_key_birth_date():
    older = name_key("Nguyễn", "Văn", "An", "1970-01-02")
    younger = name_key("Nguyễn", "Văn", "An", "1985-12-31")
    unknown = name_key("Nguyễn", "Văn", "An", None)
    assert older < younger < unknown
    assert name_key("Nguyễn", "Văn", "An", "") == unknown
    assert name_key("Hoàng", "Văn", "An", None) < older  # family name before birth date


# --- names ---------------------------------------------------------------------------------


def test_split_full_name():
    assert split_full_name("Nguyễn Văn Phong") == ("Nguyễn", "Văn", "Phong")
    assert split_full_name("  Tôn  Nữ Thị\tHà ") == ("Tôn", "Nữ Thị", "Hà")
    assert split_full_name("Lê An") == ("Lê", "", "An")
    assert split_full_name("Phong") == ("", "", "Phong")
    assert split_full_name("") == ("", "", "")
    assert split_full_name("   ") == ("", "", "")
    assert split_full_name(nfd("Đỗ Văn Bình")) == ("Đỗ", "Văn", "Bình")


def test_join_name():
    assert join_name("Nguyễn", "Văn", "Phong") == "Nguyễn Văn Phong"
    assert join_name("Lê", "", "An") == "Lê An"
    assert join_name("", "", "Phong") == "Phong"
    assert join_name(" Tôn ", " Nữ  Thị ", "Hà") == "Tôn Nữ Thị Hà"
    for full in NAME_ORDER:
        assert join_name(*split_full_name(full)) == full


# --- visible -------------------------------------------------------------------------------


def test_visible_escapes_controls():
    assert visible("\x1b[31m") == "\u241b[31m"
    assert "\x1b" not in visible("a\x1bb")
    assert visible("a\tb\nc\x00\x7f") == "a\u2409b\u240ac\u2400\u2421"
    assert visible("x\x9by") == "x\\x9by"


def test_visible_keeps_markup_and_text():
    assert visible("[b]x[/]") == "[b]x[/]"
    assert visible("Nguyễn Văn Phong [red]") == "Nguyễn Văn Phong [red]"
    assert visible(nfd("Hoà")) == "Hoà"


# --- properties ----------------------------------------------------------------------------


@given(vi_text)
def test_fold_ignores_normalization_form(text):
    assert fold(nfd(text)) == fold(nfc(text))
    assert fold(fold(text)) == fold(text)


@given(vi_text)
def test_collation_key_ignores_normalization_form(text):
    assert collation_key(nfd(text)) == collation_key(nfc(text))


@given(vi_text)
def test_clean_and_visible_are_safe(text):
    cleaned = clean(text)
    assert clean(cleaned) == cleaned
    assert cleaned == cleaned.strip() and "  " not in cleaned
    shown = visible(text)
    assert not any(unicodedata.category(c) == "Cc" for c in shown)


@settings(max_examples=200)
@given(st.lists(vi_text, max_size=25), st.randoms(use_true_random=False))
def test_collation_sort_is_total_and_deterministic(texts, rnd):
    texts = [nfc(t) for t in texts]
    once = sorted(texts, key=collation_key)
    assert sorted(once, key=collation_key) == once
    shuffled = texts[:]
    rnd.shuffle(shuffled)
    assert sorted(shuffled, key=collation_key) == once
    for a, b in zip(once, once[1:]):
        assert collation_key(a) <= collation_key(b)
        if collation_key(a) == collation_key(b):
            assert a == b


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _toneless_lower(ch: str) -> str:
    return nfc("".join(c for c in nfd(ch) if c not in TONE_MARKS)).lower()


VARIANTS: dict[str, list[str]] = {}
for _ch in VI_LETTERS:
    VARIANTS.setdefault(_toneless_lower(_ch), []).append(_ch)


@given(vi_text, st.randoms(use_true_random=False))
def test_collation_primary_ignores_tones_and_case(text, rnd):
    retoned = "".join(rnd.choice(VARIANTS.get(_toneless_lower(c), [c])) for c in text)
    assert collation_key(retoned)[0] == collation_key(text)[0]


@given(vi_text)
def test_split_join_round_trip(text):
    family, middle, given_name = split_full_name(text)
    assert join_name(family, middle, given_name) == clean(text)


def test_store_does_not_import_ui_libraries():
    code = (
        "import sys, wording.text, store.io.legacy; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aăâđeêoôơuưAĐÔƯß İ\u0300\u0301\u0303\u0309\u0323\u00a0\t", max_size=6),
                min_size=3, max_size=3))
def test_a_names_fold_is_its_cleaned_parts_folds_joined(parts):
    """The importer folds a full name from its parts' cached folds (store/io/importer.py)."""
    from wording.text import clean, fold
    cleaned = [clean(p) for p in parts]
    name = " ".join(p for p in cleaned if p)
    assert fold(name) == " ".join(f for f in map(fold, cleaned) if f)
