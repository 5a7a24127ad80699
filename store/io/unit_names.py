"""A unit's name as lists write it: compared ignoring case, tones, marks, spaces and punctuation,
with known variants merged (used by every import: delegates, scores, a conference workbook)."""

from __future__ import annotations

import re
from typing import Sequence

from ..models import Unit
from wording.text import fold

#: Spellings of a province's name that differ beyond case, tones and spaces.
UNIT_VARIANTS = {"bac can": "bac kan", "dac lac": "dak lak", "dac nong": "dak nong",
                 "kontum": "kon tum"}
_COMMISSION = re.compile(r"^(ban to chuc|btc|ban tc)\s+(tinh uy|thanh uy|tu)?\s*")


def unit_key(text: str) -> str:
    """A unit's name compared ignoring case, tones, marks, spaces and punctuation, with "Ban Tổ
    chức Tỉnh ủy / Thành ủy" before it dropped and known variants (Bắc Cạn = Bắc Kạn) merged."""
    key = " ".join(re.sub(r"[^a-z0-9 ]+", " ", fold(text)).split())
    key = _COMMISSION.sub("", key)
    key = UNIT_VARIANTS.get(key, key)
    return key.replace(" ", "")


def match_unit_index(units: Sequence[Unit]) -> dict[str, str]:
    """unit_key of the code, short name and full name -> unit code (ambiguous keys left out)."""
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for unit in units:
        for text in (unit.code, unit.short_name, unit.full_name):
            for key in (unit_key(text), fold(text).replace(" ", "")):
                if key in index and index[key] != unit.code:
                    ambiguous.add(key)
                index.setdefault(key, unit.code)
    return {k: v for k, v in index.items() if k not in ambiguous}
