"""Rolling backups of a store file, and the check that says whether bytes hold a store.

Backups live in `<parent>/<filename>.backups/` unless told otherwise, named
`<stem>.<UTC stamp>.<label><suffix>` (e.g. `hoinghi.20241130T081205123456Z.open.json`), so names
sort chronologically; stamps are kept strictly increasing even if the clock steps back.

Every backup is an independent byte copy, never a hard link to the store: a program that rewrites
the store in place (a shell `>`, an editor, a sync tool) would otherwise destroy the store and its
newest backup at once. A backup is written to a private temp file in the backups folder, fsynced,
and renamed to its final name, so a backup under its final name is always whole. The folder is
0700 and every backup 0600. Older versions of hoinghi made hard links: `break_links` turns those
into copies when the store is opened.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..errors import StoreError
from .decode import decode_store
from .regular import read_regular
from .files import (
    PRIVATE_FILE,
    fsync_directory,
    fsync_file,
    make_private_dir,
    open_new_private,
    temp_path,
    tighten,
    write_all,
)

_STAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"
_STAMP_RE = r"\d{8}T\d{12}Z"
_TEMP_RE = r"\.[0-9a-f]{16}\.tmp"

#: Longest backup label kept (longer ones are cut), so backup names stay within file-name limits.
LABEL_MAX = 24

#: Bytes a backup's temp name adds to the store's name, at most: "." + "." + stamp + "." + label,
#: then ".<16 hex>.tmp". A store name must leave this much room (see `storage.check_name_length`).
BACKUP_NAME_EXTRA_BYTES = 1 + 1 + 22 + 1 + LABEL_MAX + 1 + 16 + 4


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
        if match and not entry.is_dir(follow_symlinks=False):  # anything else is read as a backup
            found.append((match.group(1), Path(entry.path)))  # would be, and refused if not regular
    found.sort(reverse=True)
    return found


#: ends the label of a backup of bytes this program checked (at open or reload) or wrote itself
CHECKED = "-checked"


def is_checked(path: Path, backup: Path) -> bool:
    """Whether `backup` (of the store at `path`) holds bytes this program checked; older
    versions of hoinghi never wrote such labels."""
    match = _name_re(store_path(path)).match(backup.name)
    return bool(match) and match.group(2).endswith(CHECKED)


def list_backups(path: str | os.PathLike[str], backup_dir: str | os.PathLike[str] | None = None) -> list[Path]:
    """Backups of the store at `path`, newest first (an empty list when there are none)."""
    spath = store_path(path)
    folder = Path(backup_dir) if backup_dir is not None else default_backup_dir(spath)
    return [p for _, p in _scan(spath, folder)]


def read_backup(backup: Path) -> bytes:
    """The bytes of a backup: a regular file within the store size limit (`regular.read_regular`);
    StoreError or OSError otherwise."""
    return read_regular(backup)[0]


def newest_good_backup(
    path: str | os.PathLike[str], backup_dir: str | os.PathLike[str] | None = None
) -> Path | None:
    """The newest backup that parses as a store (a JSON object of tables), or None."""
    for candidate in list_backups(path, backup_dir):
        try:
            decode_store(read_backup(candidate))
        except (OSError, ValueError, StoreError):
            continue
        return candidate
    return None


def _clean_label(label: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "-", label).strip("-")[:LABEL_MAX].strip("-")
    return cleaned or "manual"


def _write_copy(target: Path, data: bytes) -> None:
    """Write `data` to a private temp file beside `target`, fsync it, rename it to `target`."""
    temp = temp_path(target)
    fd = open_new_private(temp)
    try:
        try:
            write_all(fd, data)
            fsync_file(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def make_backup(path: Path, backup_dir: Path, label: str, data: bytes | None = None) -> Path:
    """Copy `data` (default: the bytes of the file at `path`) into a new backup of `path` in
    `backup_dir` (created 0700); returns the backup. Raises OSError; a failure leaves no file."""
    if data is None:
        data = read_regular(path)[0]
    make_private_dir(backup_dir)
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
        if not os.path.lexists(target):
            break
        when += timedelta(microseconds=1)
    _write_copy(target, data)
    fsync_directory(backup_dir)
    return target


def same_bytes(backup: Path, data: bytes) -> bool:
    """True when the file `backup` holds exactly `data`."""
    try:
        if os.lstat(backup).st_size != len(data):
            return False
        return read_backup(backup) == data
    except (OSError, StoreError):
        return False


def prune_backups(path: Path, backup_dir: Path, keep: int, max_bytes: int | None = None) -> list[Path]:
    """Keep the newest `keep` backups of `path` whose sizes add up to at most `max_bytes` (the
    newest one is always kept, whatever its size); delete the older ones. Returns what was deleted."""
    removed = []
    total = 0
    over = False
    for index, (_, backup) in enumerate(_scan(path, backup_dir)):
        if not over and index > 0:
            over = index >= max(keep, 1)
            if not over and max_bytes is not None:
                try:
                    over = total + os.lstat(backup).st_size > max_bytes
                except OSError:
                    pass
        if over:
            try:
                backup.unlink()
                removed.append(backup)
            except OSError:
                pass
            continue
        try:
            total += os.lstat(backup).st_size
        except OSError:
            pass
    return removed


def break_links(path: Path, backup_dir: Path, store_stat: os.stat_result) -> list[Path]:
    """Turn every backup that is a hard link to the store (made by older versions) into its own
    private copy; returns those backups. Raises OSError if one cannot be copied."""
    fixed = []
    for _, backup in _scan(path, backup_dir):
        try:
            linked = os.path.samestat(os.lstat(backup), store_stat)
        except OSError:
            continue
        if linked:
            _write_copy(backup, read_backup(backup))  # a new inode under the same name
            fixed.append(backup)
    if fixed:
        fsync_directory(backup_dir)
    return fixed


def make_private(path: Path, backup_dir: Path) -> None:
    """Best effort: the backups folder 0700 and every backup of `path` 0600 (older versions left
    them with the store's mode, often 0644)."""
    if not backup_dir.is_dir():
        return
    make_private_dir(backup_dir)
    for _, backup in _scan(path, backup_dir):
        tighten(backup, PRIVATE_FILE)


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
