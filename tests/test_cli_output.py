"""Honest outcomes: a change is reported as done once it is durable, whatever
happens to standard output after; an output error is named as one (never blamed on the store);
a closed standard output is no "unexpected error"."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

import tui.cli.main as cli
from tui.cli.main import main

from .conftest import ROOT

TIMEOUT = 60


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """`hoinghi …` run by a shell, so that `> /dev/full` and `>&-` are the shell's own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PY": sys.executable}
    return subprocess.run(["bash", "-c", f'"$PY" -m tui {command}'], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT)


def phones(path: Path) -> int:
    return sum(bool(d.get("phone")) for d in orjson.loads(path.read_bytes())["delegates"].values())


def _with_a_phone(store: Path) -> None:
    raw = orjson.loads(store.read_bytes())
    next(iter(raw["delegates"].values()))["phone"] = "0912345678"
    store.write_bytes(orjson.dumps(raw))


needs_dev_full = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")


@needs_dev_full
def test_a_purge_whose_report_cannot_be_written_is_still_said_done(sample_copy: Path) -> None:
    _with_a_phone(sample_copy)
    done = shell(f"--db {sample_copy.name} purge-personal --yes > /dev/full", sample_copy.parent)
    assert phones(sample_copy) == 0  # durable
    assert done.returncode == 0, done.stderr
    assert done.stderr == (f"hoinghi: đã lưu thay đổi vào {sample_copy}; chỉ không ghi được thông báo ra "
                           "đầu ra chuẩn: ổ đĩa đã đầy\n")


def test_a_purge_with_standard_output_closed_is_said_done(sample_copy: Path) -> None:
    _with_a_phone(sample_copy)
    done = shell(f"--db {sample_copy.name} purge-personal --yes >&-", sample_copy.parent)
    assert phones(sample_copy) == 0
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith("chỉ không ghi được thông báo ra đầu ra chuẩn: đầu ra chuẩn đã bị đóng\n")
    assert "NoneType" not in done.stderr


@needs_dev_full
def test_an_export_to_a_full_output_is_an_output_error_not_the_store(sample_copy: Path) -> None:
    done = shell(f"--db {sample_copy.name} export delegates > /dev/full", sample_copy.parent)
    assert done.returncode == 3
    assert done.stderr == "hoinghi: không ghi được kết quả ra đầu ra chuẩn: ổ đĩa đã đầy; không có gì thay đổi\n"


def test_an_export_to_a_closed_output_is_refused_before_the_work(sample_copy: Path) -> None:
    done = shell(f"--db {sample_copy.name} export delegates >&-", sample_copy.parent)
    assert done.returncode == 1
    assert done.stderr == "hoinghi: đầu ra chuẩn đã bị đóng: hãy ghi ra tệp với -o TỆP; không làm gì\n"


def test_check_with_standard_output_closed_says_so(sample_copy: Path) -> None:
    done = shell(f"--db {sample_copy.name} check >&-", sample_copy.parent)
    assert done.returncode == 3
    assert "đầu ra chuẩn đã bị đóng" in done.stderr and done.stderr.count("\n") == 1


def test_a_closed_output_never_hands_its_descriptor_to_the_store(sample_copy: Path) -> None:
    """With descriptor 1 closed, the next file opened would get it: the store's lock or the
    store itself would then receive what is printed."""
    before = sample_copy.read_bytes()
    done = shell(f"--db {sample_copy.name} migrate >&-", sample_copy.parent)
    assert done.returncode == 3 and sample_copy.read_bytes() == before
    assert Path(f"{sample_copy}.lock").read_bytes() == b""


def test_an_os_error_without_a_file_is_not_blamed_on_the_store(monkeypatch, capsys) -> None:
    def boom(args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cli, "run", boom)
    assert main(["--db", "/data/g.json", "check"]) == 1
    assert capsys.readouterr().err == "hoinghi: ổ đĩa đã đầy\n"
