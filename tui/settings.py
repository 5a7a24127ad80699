"""User settings (language, theme, desk name, operator, key remapping) from the config folder.

settings.json, e.g. {"lang": "en", "theme": "hoinghi-contrast", "desk": "Cửa A",
"keymap": {"desk.undo": "ctrl+y"}} (action ids: tui/actions.py). A bad file is reported and
ignored, never fatal; so is a bad keymap entry (the default key is kept).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import t
from .store_words import os_reason


@dataclass
class Settings:
    lang: str = "vi"
    theme: str = "textual-dark"
    desk: str = ""
    operator: str = ""
    keymap: dict[str, str] = field(default_factory=dict)
    #: why the file was ignored: a catalog key and its parameters (`error`: the OSError), worded
    #: by the app once the language is known
    problem: tuple[str, dict[str, Any]] | None = None


def settings_path() -> Path:
    if os.environ.get("HOINGHI_CONFIG"):
        return Path(os.environ["HOINGHI_CONFIG"])
    from platformdirs import user_config_dir

    return Path(user_config_dir("hoinghi", appauthor=False)) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        return Settings(problem=("settings.unreadable", {"path": str(path), "error": exc}))
    except ValueError:  # not JSON, or not UTF-8
        return Settings(problem=("settings.not_json", {"path": str(path)}))
    if not isinstance(data, dict):
        return Settings(problem=("settings.not_object", {"path": str(path)}))
    settings = Settings()
    for name in ("lang", "theme", "desk", "operator"):
        if isinstance(data.get(name), str):
            setattr(settings, name, data[name])
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict):
        settings.keymap = {str(k): str(v) for k, v in keymap.items() if isinstance(v, str)}
    if settings.lang not in ("vi", "en"):
        settings.problem = ("settings.bad_lang", {"path": str(path), "lang": settings.lang})
        settings.lang = "vi"
    return settings


def settings_problem(key: str, params: dict[str, Any]) -> str:
    """Why the settings file was ignored, in the interface language."""
    error = params.get("error")
    reason = os_reason(error) if isinstance(error, OSError) else ""
    return t("settings.problem", problem=t(key, **params, reason=reason))
