"""Catalogs: one file per language plus parts per area; both languages hold the same keys."""

from __future__ import annotations

import json

import pytest

from wording import catalog as words
from tui import i18n


def test_parts_merge_into_the_catalog_and_a_key_defined_twice_is_refused(tmp_path, monkeypatch):
    (tmp_path / "vi.json").write_text(json.dumps({"a": "một"}), encoding="utf-8")
    (tmp_path / "vi.extra.json").write_text(json.dumps({"b": "hai"}), encoding="utf-8")
    monkeypatch.setattr(words, "LOCALES", tmp_path)
    i18n.catalog.cache_clear()
    try:
        assert i18n.catalog("vi") == {"a": "một", "b": "hai"}
        (tmp_path / "vi.more.json").write_text(json.dumps({"a": "khác"}), encoding="utf-8")
        i18n.catalog.cache_clear()
        with pytest.raises(ValueError, match="vi.more.json defines again: a"):
            i18n.catalog("vi")
    finally:
        i18n.catalog.cache_clear()


def test_both_languages_have_the_same_keys():
    i18n.catalog.cache_clear()
    assert set(i18n.catalog("vi")) == set(i18n.catalog("en"))
