"""Tests for store.io.legacy: TCVN3 (ABC) and VNI-Windows to Unicode, and their detectors."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from store.io.legacy import (
    looks_like_tcvn3,
    looks_like_vni,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)

# Legacy strings are written with explicit escapes where the byte is invisible (0xAA ª, 0xAD ư).
TCVN3_WORDS = {
    "Hµ Néi": "Hà Nội",
    "Phó Thä": "Phú Thọ",
    "NguyÔn V¨n Phong": "Nguyễn Văn Phong",
    "§iÖn Bi\xaan": "Điện Biên",
    "Th¸i Nguy\xaan": "Thái Nguyên",
    "B¾c K¹n": "Bắc Kạn",
    "VÜnh Phóc": "Vĩnh Phúc",
    "Tuy\xaan Quang": "Tuyên Quang",
    "Hßa B×nh": "Hòa Bình",
    "Cao B»ng": "Cao Bằng",
    "Ng\xadêi": "Người",
    "Bé Ch\xadng": "Bộ Chưng",
    "n\xadíc": "nước",
    "B¶o Th¾ng": "Bảo Thắng",
}

VNI_WORDS = {
    "Haø Noäi": "Hà Nội",
    "Phuù Thoï": "Phú Thọ",
    "Nguyeãn Vaên Phong": "Nguyễn Văn Phong",
    "Ñieän Bieân": "Điện Biên",
    "Thaùi Nguyeân": "Thái Nguyên",
    "Baéc Kaïn": "Bắc Kạn",
    "Vónh Phuùc": "Vĩnh Phúc",
    "Hoøa Bình": "Hòa Bình",
    "Cao Baèng": "Cao Bằng",
    "ñöôïc ngöôøi": "được người",
    "HAØ NOÄI": "HÀ NỘI",
    "ÑIEÄN BIEÂN": "ĐIỆN BIÊN",
}

# Independent spelling of the VNI table: letter, then its VNI bytes (lowercase).
VNI_SPEC = """
á aù à aø ả aû ã aõ ạ aï  â aâ ấ aá ầ aà ẩ aå ẫ aã ậ aä  ă aê ắ aé ằ aè ẳ aú ẵ aü ặ aë
é eù è eø ẻ eû ẽ eõ ẹ eï  ê eâ ế eá ề eà ể eå ễ eã ệ eä
í í ì ì ỉ æ ĩ ó ị ò
ó où ò oø ỏ oû õ oõ ọ oï  ô oâ ố oá ồ oà ổ oå ỗ oã ộ oä  ơ ô ớ ôù ờ ôø ở ôû ỡ ôõ ợ ôï
ú uù ù uø ủ uû ũ uõ ụ uï  ư ö ứ öù ừ öø ử öû ữ öõ ự öï
ý yù ỳ yø ỷ yû ỹ yõ ỵ î  đ ñ
"""

# Independent spelling of TCVN3: byte value -> letter, a few per vowel group.
TCVN3_SPEC = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBE: "ắ", 0xC6: "ặ", 0xC7: "ầ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xD0: "é", 0xD1: "ẹ", 0xD2: "ề", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE3: "ó", 0xE4: "ọ", 0xE5: "ồ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xED: "ớ", 0xEE: "ợ", 0xEF: "ù", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF8: "ứ", 0xF9: "ự", 0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}


def _lowercase_vietnamese() -> list[str]:
    letters = ["ă", "â", "đ", "ê", "ô", "ơ", "ư"]
    for base in "aăâeêioôơuưy":
        for tone in "\u0300\u0309\u0303\u0301\u0323":
            letters.append(unicodedata.normalize("NFC", base + tone))
    return letters


LOWER = _lowercase_vietnamese()


def test_67_lowercase_letters():
    assert len(LOWER) == len(set(LOWER)) == 67


@pytest.mark.parametrize("legacy,expected", TCVN3_WORDS.items())
def test_tcvn3_known_words(legacy, expected):
    assert tcvn3_to_unicode(legacy) == expected


def test_tcvn3_table_spot_checks():
    for byte, letter in TCVN3_SPEC.items():
        assert tcvn3_to_unicode(chr(byte)) == letter
        assert unicode_to_tcvn3(letter) == chr(byte)


def test_tcvn3_covers_all_lowercase_letters():
    for letter in LOWER:
        code = unicode_to_tcvn3(letter)
        assert len(code) == 1 and 0xA1 <= ord(code) <= 0xFE, letter
        assert tcvn3_to_unicode(code) == letter


def test_tcvn3_capitals_use_lowercase_codes():
    assert unicode_to_tcvn3("HÀ NỘI") == "Hµ NéI"
    assert tcvn3_to_unicode("Hµ NéI", upper_font=True) == "HÀ NỘI"
    assert tcvn3_to_unicode("§µ N½ng") == "Đà Nẵng"


def test_tcvn3_restores_dropped_soft_hyphen():
    assert tcvn3_to_unicode("Mêng Kh¬ng") == "Mường Khương"
    assert tcvn3_to_unicode("M\xadêng Kh\xad¬ng") == "Mường Khương"
    assert tcvn3_to_unicode("S¬n La") == "Sơn La"  # "ơn" is a real rhyme: untouched


def test_tcvn3_leaves_ascii_alone():
    assert tcvn3_to_unicode("Hello world 123") == "Hello world 123"


@pytest.mark.parametrize("legacy,expected", VNI_WORDS.items())
def test_vni_known_words(legacy, expected):
    assert vni_to_unicode(legacy) == expected


def test_vni_full_table():
    pairs = VNI_SPEC.split()
    spec = dict(zip(pairs[::2], pairs[1::2]))
    assert len(spec) == 67 and set(spec) == set(LOWER)
    for letter, vni in spec.items():
        assert vni_to_unicode(vni) == letter
        assert vni_to_unicode(vni.upper()) == letter.upper()
        assert unicode_to_vni(letter) == vni
        assert unicode_to_vni(letter.upper()) == vni.upper()


def test_vni_tolerates_mark_of_other_case():
    assert vni_to_unicode("HAø") == "HÀ"
    assert vni_to_unicode("Aù") == "Á"


def test_vni_output_is_nfc():
    out = vni_to_unicode("Nguyeãn Vaên Phong")
    assert unicodedata.is_normalized("NFC", out)


def test_round_trip_known_words():
    for text in ["Hà Nội", "Phú Thọ", "Nguyễn Văn Phong", "Điện Biên", "Thái Nguyên", "Bắc Kạn"]:
        assert vni_to_unicode(unicode_to_vni(text)) == text
        assert tcvn3_to_unicode(unicode_to_tcvn3(text)) == text


VI_ALPHABET = "".join(LOWER) + "".join(c.upper() for c in LOWER) + " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-"
TCVN3_ALPHABET = "".join(LOWER) + "ĂÂĐÊÔƠƯ abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-"


@given(st.text(alphabet=VI_ALPHABET, max_size=40))
def test_vni_round_trip_property(text):
    assert vni_to_unicode(unicode_to_vni(text)) == text


@given(st.text(alphabet=TCVN3_ALPHABET, max_size=40))
def test_tcvn3_round_trip_property(text):
    # The soft-hyphen repair rewrites "ơng"/"ơc"/"ơu" at a word end on purpose.
    assume(not re.search(r"(?<![uUưƯ])[ơờởỡớợƠỜỞỠỚỢ](ng|NG|c|C|u|U)(?![^\W\d_])", text))
    assert tcvn3_to_unicode(unicode_to_tcvn3(text)) == text


@pytest.mark.parametrize("legacy", TCVN3_WORDS)
def test_detects_tcvn3(legacy):
    assert looks_like_tcvn3(legacy)
    assert not looks_like_vni(legacy)


@pytest.mark.parametrize("legacy", VNI_WORDS)
def test_detects_vni(legacy):
    assert looks_like_vni(legacy)
    assert not looks_like_tcvn3(legacy)


@pytest.mark.parametrize(
    "text",
    [
        "Hà Nội",
        "Hello world",
        "Nguyễn Văn Phong",
        "Hòa Bình",
        "Tám Hà",
        "",
        "Müller café crème",
        "São Paulo",
        "«Báo cáo» 25°C",
        "ĐIỆN BIÊN",
    ],
)
def test_detectors_refuse_unicode_and_plain_text(text):
    assert not looks_like_tcvn3(text)
    assert not looks_like_vni(text)


@given(st.text(alphabet=VI_ALPHABET, max_size=40))
def test_detectors_refuse_unicode_vietnamese_with_non_latin1(text):
    assume(any(ord(c) > 0xFF for c in text))
    assert not looks_like_tcvn3(text)
    assert not looks_like_vni(text)
