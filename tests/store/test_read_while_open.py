"""Read while the app runs and `check` is read-only:
export, check and template --db read the last saved state without the store's lock while the app
holds it; a command that writes is refused in one line naming who holds it; check never migrates,
locks, creates or writes, even on read-only media; `migrate` does the migration."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

import store.core.store_file as store_file
from store.core.read_only import ReadOnlyError
from store.core.schema import SCHEMA_VERSION
from store.errors import StoreLockedError
from store.service import Service
from tui.cli.main import main
from tui.store_words import store_error_text

from ..conftest import ROOT, SAMPLE

TIMEOUT = 60


def full_name(code: str) -> str:
    doc = next(d for d in orjson.loads(SAMPLE.read_bytes())["delegates"].values() if d["code"] == code)
    return " ".join(p for p in (doc["family"], doc["middle"], doc["given"]) if p)


def listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT)


HOLDER = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[2])
    from store.service import Service
    with Service.open(sys.argv[1], operator="desk") as service:
        print("open", flush=True)
        for line in sys.stdin:
            service.delegates.check_in(line.strip())
            print("saved", flush=True)
""")


def test_export_check_and_template_run_while_another_process_holds_the_store(sample_copy: Path,
                                                                            tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(sample_copy), str(ROOT)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        holder.stdin.write("D0001\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "saved"  # durable: the export must show it

        done = run_cli("--db", str(sample_copy), "export", "delegates", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        row = next(line for line in done.stdout.splitlines() if f",{full_name('D0001')}," in line)
        assert row.endswith(("M", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9")), row  # checked in
        done = run_cli("--db", str(sample_copy), "check", cwd=tmp_path)
        assert done.returncode == 0 and "tốt, lược đồ" in done.stdout, done.stderr
        done = run_cli("--db", str(sample_copy), "export", "ranking", "-o", "ranking.pdf", cwd=tmp_path)
        assert done.returncode == 0 and (tmp_path / "ranking.pdf").read_bytes().startswith(b"%PDF"), done.stderr
        done = run_cli("--db", str(sample_copy), "template", "scores", "-o", "scores.xlsx", cwd=tmp_path)
        assert done.returncode == 0 and (tmp_path / "scores.xlsx").stat().st_size > 0, done.stderr

        since = dt.datetime.now().strftime("%H:%M")
        for command in (["purge-personal", "--yes"], ["migrate"], ["import-scores", str(tmp_path / "scores.xlsx")],
                        ["new"]):
            done = run_cli("--db", str(sample_copy), *command, cwd=tmp_path)
            assert done.returncode == 1, (command, done.stdout, done.stderr)
            err = done.stderr
            assert err.count("\n") == 1 and "Traceback" not in err
            assert f"đang mở trong hoinghi, tiến trình {holder.pid}, từ " in err, err  # never "25.948"
            assert f"từ {since}" in err or "từ " in err
    finally:
        holder.stdin.close()
        holder.wait(timeout=TIMEOUT)
    assert holder.returncode == 0


def test_the_holder_line_prints_the_pid_without_grouping_and_the_time_as_hh_mm() -> None:
    today = dt.datetime.now().replace(hour=8, minute=2, second=11, microsecond=0).astimezone()
    error = StoreLockedError(code="locked", path="g.json", holder="", pid=25948, host="vm", since=today.isoformat())
    assert store_error_text(error).startswith("g.json đang mở trong hoinghi, tiến trình 25948, từ 08:02 (máy vm)")
    older = (today - dt.timedelta(days=1)).isoformat()
    error = StoreLockedError(code="locked", path="g.json", holder="", pid=25948, host="vm", since=older)
    assert f"từ 08:02 {today - dt.timedelta(days=1):%d/%m/%Y}" in store_error_text(error)


def test_in_this_process_too_reads_go_on_and_the_snapshot_refuses_writes(sample_copy: Path, capsys) -> None:
    with Service.open(sample_copy, operator="desk") as service:
        service.delegates.check_in("D0002")
        assert main(["--db", str(sample_copy), "export", "delegates", "--format", "md"]) == 0
        row = next(line for line in capsys.readouterr().out.splitlines() if f" {full_name('D0002')} " in line)
        assert not row.endswith("|  |"), row  # the arrival time the holder saved
        with Service.open_snapshot(sample_copy) as snapshot:
            assert snapshot.delegates.get("D0002").checked_in_at is not None
            with pytest.raises(ReadOnlyError):
                snapshot.delegates.check_in("D0003")
        assert main(["--db", str(sample_copy), "new"]) == 1
        assert "đang được mở trong chính chương trình này" in capsys.readouterr().err


def test_a_read_caught_half_way_through_an_in_place_write_is_tried_again(sample_copy: Path, monkeypatch) -> None:
    good = sample_copy.read_bytes()
    real = store_file.read_regular
    calls = []

    def torn(path, **kwargs):
        if path != sample_copy:  # the journal beside it
            return real(path, **kwargs)
        calls.append(path)
        if len(calls) == 1:  # another program writing in place: half the bytes, then it finishes
            sample_copy.write_bytes(good[: len(good) // 2])
            raw, before, after = real(path, **kwargs)
            sample_copy.write_bytes(good)
            return raw, before, after
        return real(path, **kwargs)

    monkeypatch.setattr(store_file, "read_regular", torn)
    snapshot = store_file.read_snapshot(sample_copy, sleep=lambda s: None)
    assert len(calls) == 2 and snapshot.data["delegates"]


# -- check is read-only -------------------------------------------------------------------------


def _old_store(path: Path) -> None:
    """A store as version 1 wrote it: no meta table, one "name" per delegate."""
    raw = orjson.loads(SAMPLE.read_bytes())
    del raw["meta"]
    for doc in raw["delegates"].values():
        doc["name"] = " ".join(p for p in (doc.pop("family"), doc.pop("middle"), doc.pop("given")) if p)
    path.write_bytes(orjson.dumps(raw, option=orjson.OPT_INDENT_2))


def _read_only_media(monkeypatch) -> None:
    """Every way of writing fails as on a read-only disk (root ignores a folder's mode)."""
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    real_open = os.open
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def open_read_only(path, flags, *args, **kwargs):
        if flags & writes:
            refuse()
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_read_only)
    for name in ("replace", "rename", "link", "mkdir", "chmod", "unlink", "fchmod", "utime"):
        monkeypatch.setattr(os, name, refuse)


@pytest.mark.parametrize("kind", ["v1", "empty-object", "byte-order-mark", "current"])
def test_check_never_migrates_locks_creates_or_writes_even_on_read_only_media(tmp_path: Path, kind: str,
                                                                              monkeypatch, capsys) -> None:
    store = tmp_path / "g.json"
    if kind == "v1":
        _old_store(store)
    elif kind == "empty-object":
        store.write_bytes(b"{}")
    elif kind == "byte-order-mark":
        store.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    else:
        store.write_bytes(SAMPLE.read_bytes())
    os.chmod(store, 0o444)
    before = listing(tmp_path)
    modes = os.stat(store).st_mode, os.stat(tmp_path).st_mode
    with monkeypatch.context() as patch:
        _read_only_media(patch)
        code = main(["--db", str(store), "check"])
    out = capsys.readouterr()
    assert code == 0, out
    assert "tốt, lược đồ" in out.out and out.err == ""
    assert listing(tmp_path) == before  # no .lock, no .lock.json, no .backups, the file as it was
    assert (os.stat(store).st_mode, os.stat(tmp_path).st_mode) == modes
    if kind == "v1":
        assert f"{store} ở lược đồ cũ 1" in out.out and f"hoinghi --db {store} migrate" in out.out
        assert main(["--db", str(store), "migrate"]) == 0
        assert f"đã nâng từ lược đồ 1 lên {SCHEMA_VERSION}" in capsys.readouterr().out
        assert orjson.loads(store.read_bytes())["meta"]["1"]["schema_version"] == SCHEMA_VERSION
        assert main(["--db", str(store), "check"]) == 0
        assert "lược đồ cũ" not in capsys.readouterr().out
    else:
        assert "lược đồ cũ" not in out.out


def test_migrate_on_a_current_store_changes_nothing(sample_copy: Path, capsys) -> None:
    before = sample_copy.read_bytes()
    assert main(["--db", str(sample_copy), "migrate"]) == 0
    assert f"đã ở lược đồ {SCHEMA_VERSION}; không thay đổi gì" in capsys.readouterr().out
    assert sample_copy.read_bytes() == before


def test_every_export_in_every_format_runs_while_the_store_is_held(sample_copy: Path, tmp_path: Path,
                                                                  capsys) -> None:
    from store.io.exports import EXPORTS

    before = sample_copy.read_bytes()
    with Service.open(sample_copy, operator="desk"):
        for what, spec in EXPORTS.items():
            for fmt in spec.formats:
                target = tmp_path / f"{what}.{fmt}"
                code = main(["--db", str(sample_copy), "export", what, "--format", fmt, "-o", str(target)])
                assert code == 0, (what, fmt, capsys.readouterr().err)
                assert target.stat().st_size > 0
        assert sample_copy.read_bytes() == before
