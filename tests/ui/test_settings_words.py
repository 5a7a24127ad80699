"""A settings file that is ignored is said in the interface's language: the reason was once
Python's own English ("Expecting value: line 1 column 1", "lang must be vi or en") on a
Vietnamese screen."""

from __future__ import annotations

import pytest

from tui.i18n import set_language
from tui.settings import load_settings, settings_problem


@pytest.mark.parametrize("text, vietnamese, english", [
    ("{not json", "không phải JSON hợp lệ", "is not valid JSON"),
    ("[1, 2]", "phải là một đối tượng JSON", "must be a JSON object"),
    ('{"lang": "fr"}', "phải là vi hoặc en", "must be vi or en"),
])
def test_an_ignored_settings_file_is_said_in_the_interface_language(tmp_path, text, vietnamese, english):
    path = tmp_path / "settings.json"
    path.write_text(text, encoding="utf-8")
    settings = load_settings(path)
    assert settings.lang == "vi" and settings.problem is not None
    said = settings_problem(*settings.problem)
    assert said.startswith("Bỏ qua tệp cài đặt: ") and vietnamese in said and str(path) in said
    assert "Expecting" not in said and "must" not in said
    set_language("en")
    assert english in settings_problem(*settings.problem)


def test_an_unreadable_settings_file_names_the_system_s_reason_in_vietnamese(tmp_path):
    settings = load_settings(tmp_path)  # a folder: the system refuses to read it
    said = settings_problem(*settings.problem)
    assert said.startswith("Bỏ qua tệp cài đặt: không đọc được ") and "Is a directory" not in said
