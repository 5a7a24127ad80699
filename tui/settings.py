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


@dataclass
class Settings:
    lang: str = "vi"
    theme: str = "textual-dark"
    desk: str = ""
    operator: str = ""
    keymap: dict[str, str] = field(default_factory=dict)
    problem: str = ""


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
    except (OSError, ValueError) as exc:
        return Settings(problem=f"{path}: {exc}")
    if not isinstance(data, dict):
        return Settings(problem=f"{path}: expected a JSON object")
    settings = Settings()
    for name in ("lang", "theme", "desk", "operator"):
        if isinstance(data.get(name), str):
            setattr(settings, name, data[name])
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict):
        settings.keymap = {str(k): str(v) for k, v in keymap.items() if isinstance(v, str)}
    if settings.lang not in ("vi", "en"):
        settings.problem = f"{path}: lang must be vi or en"
        settings.lang = "vi"
    return settings
