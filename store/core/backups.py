"""Rolling backups of a store file, and the check that says whether bytes hold a store.

Backups live in `<parent>/<filename>.backups/` unless told otherwise, named
`<stem>.<UTC stamp>.<label><suffix>` (e.g. `hoinghi.20241130T081205123456Z.open.json`), so names
sort chronologically; stamps are kept strictly increasing even if the clock steps back.
The store file is only ever replaced, never modified in place, so a hard link is a free, exact
backup; where links fail (FAT, some network drives) the file is copied instead.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .decode import decode_store

_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_STAMP_RE = r"\d{8}T\d{12}Z"
_TEMP_RE = r"\.[0-9a-f]{16}\.tmp"


def store_path(path: str | os.PathLike[str]) -> Path:
    """The absolute, symlink-free path the store is read, replaced and locked at."""
    return Path(os.path.realpath(os.fspath(path)))


def default_backup_dir(path: Path) -> Path:
    return path.parent / f"{path.name}.backups"


def _name_re(path: Path) -> re.Pattern[str]:
    stem, suffix = re.escape(path.stem), re.escape(path.suffix)
    return re.compile(rf"^{stem}\.({_STAMP_RE})\.([A-Za-z0-9_-]+){suffix}$")


def _scan(path: Path, backup_dir: Path) -> list[tuple[str, Path]]:
    pattern = _name_re(path)
    try:
        entries = list(os.scandir(backup_dir))
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for entry in entries:
        match = pattern.match(entry.name)
        if match and entry.is_file():
            found.append((match.group(1), Path(entry.path)))
    found.sort(reverse=True)
    return found


def list_backups(path: str | os.PathLike[str], backup_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Backups of the store at `path`, newest first (an empty list when there are none)."""
    spath = store_path(path)
    folder = Path(backup_dir) if backup_dir is not None else default_backup_dir(spath)
    return [p for _, p in _scan(spath, folder)]


def newest_good_backup(
    path: str | os.PathLike[str], backup_dir: str | os.PathLike[str] | None = None
) -> Path | None:
    """The newest backup that parses as a store (a JSON object of tables), or None."""
    for candidate in list_backups(path, backup_dir):
        try:
            decode_store(candidate.read_bytes())
        except (OSError, ValueError):
            continue
        return candidate
    return None


def _clean_label(label: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", label).strip("-")[:40]
    return cleaned or "manual"


def make_backup(path: Path, backup_dir: Path, label: str) -> Path:
    """Hard-link (or copy) the file at `path` into `backup_dir`; returns the backup. Raises OSError."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    existing = _scan(path, backup_dir)
    when = datetime.now(timezone.utc)
    if existing:  # keep names increasing if the clock stepped back (a bogus stamp is ignored)
        try:
            newest = datetime.strptime(existing[0][0], _STAMP_FORMAT).replace(tzinfo=timezone.utc)
            when = max(when, newest + timedelta(microseconds=1))
        except (ValueError, OverflowError):
            pass
    label = _clean_label(label)
    while True:
        target = backup_dir / f"{path.stem}.{when.strftime(_STAMP_FORMAT)}.{label}{path.suffix}"
        try:
            os.link(path, target)
            return target
        except FileExistsError:
            when += timedelta(microseconds=1)
        except OSError:
            break
    temp = backup_dir / f".{target.name}.{secrets.token_hex(8)}.tmp"
    try:
        shutil.copy2(path, temp)
        os.replace(temp, target)
    except BaseException:
        try:
            temp.unlink()
        except OSError:
            pass
        raise
    return target


def same_content(path: Path, backup: Path) -> bool:
    """True when `backup` is the same file as `path` or holds the same bytes."""
    try:
        if os.path.samefile(path, backup):
            return True
        if path.stat().st_size != backup.stat().st_size:
            return False
        return path.read_bytes() == backup.read_bytes()
    except OSError:
        return False


def prune_backups(path: Path, backup_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups of `path`; returns what was deleted."""
    removed = []
    for _, old in _scan(path, backup_dir)[max(keep, 0):]:
        try:
            old.unlink()
            removed.append(old)
        except OSError:
            pass
    return removed


def remove_stale_temps(path: Path, backup_dir: Path) -> list[Path]:
    """Remove temp files a crashed writer of this store left behind (its folder and backup folder)."""
    name, stem, suffix = re.escape(path.name), re.escape(path.stem), re.escape(path.suffix)
    patterns = [
        (path.parent, re.compile(rf"^\.{name}(?:\.lock\.json)?{_TEMP_RE}$")),
        (backup_dir, re.compile(rf"^\.{stem}\.{_STAMP_RE}\.[A-Za-z0-9_-]+{suffix}{_TEMP_RE}$")),
    ]
    removed = []
    for folder, pattern in patterns:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if pattern.match(entry.name) and entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
                except OSError:
                    pass
    return removed
