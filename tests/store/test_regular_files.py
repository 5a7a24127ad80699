"""Only regular files: a store path, a backup or an export target
that is a FIFO, a device, a symlink to one, a folder or a file over the size limit is refused in
one line before anything is opened, locked or read; nothing hangs, nothing is left behind.

Every hostile file is built here (os.mkfifo, a symlink to /dev/zero, a sparse file by truncate)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from store.core.regular import STORE_MAX_BYTES
from store.errors import ExportRefusedError, StoreChangedOnDiskError, StoreError
from store.io.exporter import write_export
from store.service import Service
from tui.cli.main import main

from ..conftest import ROOT, SAMPLE

#: every run of the command line below ends within this (a FIFO that hangs fails the test)
TIMEOUT = 30


def listing(folder: Path) -> dict[str, str]:
    """Every name in `folder` (recursively) with its kind and, for a regular file, its hash."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        if stat.S_ISREG(st.st_mode) and st.st_size < 1 << 20:
            out[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[str(path.relative_to(folder))] = f"{stat.S_IFMT(st.st_mode):o}:{st.st_size}"
    return out


def make_hostile(kind: str, path: Path) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "symlink-to-dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "sparse-2GB":
        with open(path, "wb") as handle:
            handle.truncate(2 * 1024 ** 3)
    elif kind == "folder":
        path.mkdir()


HOSTILE = ["fifo", "symlink-to-dev-zero", "sparse-2GB", "folder"]
EXPECTED = {"fifo": "không phải tệp thường (ống dẫn FIFO)", "symlink-to-dev-zero": "không phải tệp thường (thiết bị)",
            "sparse-2GB": "nặng 2048 MB, quá giới hạn 256 MB", "folder": "không phải tệp thường (thư mục)"}


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT)


@pytest.mark.parametrize("kind", HOSTILE)
def test_a_store_path_that_is_not_a_regular_file_is_refused_by_every_command(tmp_path: Path, kind: str) -> None:
    store = tmp_path / "g.json"
    make_hostile(kind, store)
    before = listing(tmp_path)
    for command in (["check"], ["export", "delegates"], ["purge-personal", "--yes"], ["migrate"]):
        done = run_cli("--db", store.name, *command, cwd=tmp_path)
        assert done.returncode == 1, (command, done.stderr)
        assert done.stdout == ""
        assert done.stderr == f"hoinghi: {store.name} {EXPECTED[kind]}" + done.stderr.split(EXPECTED[kind])[1]
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert listing(tmp_path) == before, command  # no lock file, no note, no backup folder


@pytest.mark.parametrize("kind", HOSTILE)
def test_open_and_the_snapshot_refuse_it_before_the_lock(tmp_path: Path, kind: str) -> None:
    store = tmp_path / "g.json"
    make_hostile(kind, store)
    before = listing(tmp_path)
    for opener in (Service.open, Service.open_snapshot):
        with pytest.raises(StoreError) as info:
            opener(store)
        assert info.value.code in ("not_regular", "too_large")
    assert listing(tmp_path) == before


def test_the_projector_refuses_a_fifo_at_start_in_one_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "g.json")
    done = run_cli("--db", "g.json", "--view", "projector", cwd=tmp_path)
    assert done.returncode == 1 and "không phải tệp thường (ống dẫn FIFO)" in done.stderr
    assert done.stderr.count("\n") == 1


def test_the_limit_is_checked_by_size_before_reading(tmp_path: Path) -> None:
    store = tmp_path / "g.json"
    with open(store, "wb") as handle:
        handle.truncate(STORE_MAX_BYTES + 1)
    with pytest.raises(StoreError) as info:
        Service.open_snapshot(store)
    assert info.value.code == "too_large" and info.value.params["limit_mb"] == 256


def test_a_store_given_by_a_symlink_to_a_regular_file_still_opens(sample_copy: Path) -> None:
    link = sample_copy.with_name("link.json")
    link.symlink_to(sample_copy.name)
    with Service.open_snapshot(link) as service:
        assert len(service.delegates.all()) == 62
    with Service.open(link) as service:
        assert service.path == sample_copy


# -- backups ----------------------------------------------------------------------------------


def test_a_backup_that_is_a_symlink_is_not_followed_and_purge_says_it_could_not_purge(sample_copy: Path,
                                                                                      capsys) -> None:
    """An unreadable backup still holding personal data: purge lists it and exits 1."""
    assert main(["--db", str(sample_copy), "migrate"]) == 0
    outside = sample_copy.with_name("elsewhere.json")
    shutil.copyfile(SAMPLE, outside)
    backups = sample_copy.with_name(f"{sample_copy.name}.backups")
    link = backups / "hoinghi.20000101T000000000000Z.old.json"
    link.symlink_to(outside)
    fifo = backups / "hoinghi.20000102T000000000000Z.old.json"
    os.mkfifo(fifo)
    capsys.readouterr()
    assert main(["--db", str(sample_copy), "purge-personal", "--yes"]) == 1
    captured = capsys.readouterr()
    assert f"không đọc được bản sao lưu {link.name}" in captured.out
    assert f"không đọc được bản sao lưu {fifo.name}" in captured.out
    assert captured.err.startswith("hoinghi: chưa xóa hết: 2 bản sao lưu")
    assert outside.read_bytes() == SAMPLE.read_bytes()  # never written through the link
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


# -- export targets ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["symlink-to-stdout", "fifo", "device", "symlink-to-a-file", "folder"])
def test_export_force_never_replaces_anything_but_a_regular_file(sample_copy: Path, tmp_path: Path, kind: str,
                                                                 capsys) -> None:
    target = tmp_path / "out.csv"
    if kind == "symlink-to-stdout":
        target.symlink_to("/dev/stdout")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":  # a device node of the test's own (never a real /dev entry: a
        try:                 # regression would replace it for the whole machine)
            os.mknod(target, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        except (PermissionError, AttributeError):
            pytest.skip("cannot make a device node here (not root)")
    elif kind == "symlink-to-a-file":
        (tmp_path / "real.csv").write_bytes(b"keep")
        target.symlink_to("real.csv")
    else:
        target.mkdir()
    before = listing(tmp_path)
    assert main(["--db", str(sample_copy), "export", "delegates", "-o", str(target), "--force"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"hoinghi: {target} không phải tệp thường (") and err.count("\n") == 1, err
    assert "không ghi gì" in err
    assert listing(tmp_path) == before
    with pytest.raises(ExportRefusedError):  # the panels' export goes through the same check
        write_export(target, b"a\r\n", store_path=sample_copy)
    assert listing(tmp_path) == before


def test_export_force_over_a_regular_file_still_replaces_it(sample_copy: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    assert main(["--db", str(sample_copy), "export", "delegates", "-o", str(target), "--force"]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf") or b"D0001" in target.read_bytes()


# -- the file identity --------------------------------------------------------------------------


def test_a_same_size_rewrite_in_place_with_the_mtime_put_back_is_noticed(sample_copy: Path) -> None:
    with Service.open(sample_copy, operator="t") as service:
        st = os.stat(sample_copy)
        raw = sample_copy.read_bytes()
        forged = raw.replace("Nguyễn".encode(), "Nguyễm".encode(), 1)
        assert len(forged) == len(raw) and forged != raw
        with open(sample_copy, "r+b") as handle:  # in place: same inode, same size
            handle.write(forged)
        os.utime(sample_copy, ns=(st.st_atime_ns, st.st_mtime_ns))  # the mtime put back
        assert os.stat(sample_copy).st_mtime_ns == st.st_mtime_ns
        with pytest.raises(StoreChangedOnDiskError):
            service.delegates.check_in("D0001")
    assert sample_copy.read_bytes() == forged  # nothing written over it
