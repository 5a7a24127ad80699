"""The offline install kit (`make kit`, scripts/build_kit.py): built from the lock, it holds a
Windows wheel of every runtime dependency for each CPython it promises, and its Linux half
installs and runs in a network namespace with no network at all.

Slow (the build downloads the locked wheels of two systems and four Pythons): test-all only.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, SAMPLE

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("kit"),
              pytest.mark.skipif(sys.platform != "linux", reason="the kit is built and tried on Linux")]


def _builder():
    spec = importlib.util.spec_from_file_location("build_kit", ROOT / "scripts" / "build_kit.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


build_kit = _builder()


@pytest.fixture(scope="session")
def kit(tmp_path_factory) -> Path:
    """The kit, built once and unpacked (as a person would, the scripts runnable)."""
    dist = tmp_path_factory.mktemp("dist")
    archive = build_kit.build(dist)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(dist)
        top = dist / opened.namelist()[0].split("/")[0]
    (top / "install.sh").chmod(0o755)
    return top


def test_every_runtime_dependency_has_a_windows_wheel_for_each_python(kit):
    wheels = sorted((kit / "wheels" / "windows").glob("*.whl"))
    project = next(w for w in wheels if w.name.startswith("hoinghi-"))
    locked = build_kit.read_lock()
    for python in build_kit.PYTHONS:
        needed = build_kit.runtime_wheels(project, wheels, locked, "windows", python)  # exits if one is missing
        names = {build_kit.parse_wheel_filename(w.name)[0] for w in needed}
        assert {"textual", "rich", "tinydb", "orjson", "pillow"} <= names
        assert all(build_kit.fits(w, "windows", python) for w in needed)
    for script in ("cai-dat.bat", "hoinghi.bat"):
        text = (kit / script).read_bytes().decode("utf-8")
        assert "chcp 65001" in text and "\r\n" in text  # cmd.exe reads CRLF batch files
    assert "--no-index" in (kit / "cai-dat.bat").read_text(encoding="utf-8")
    assert "PYTHONUTF8=1" in (kit / "hoinghi.bat").read_text(encoding="utf-8")


def _offline(*command: str, cwd: Path) -> subprocess.CompletedProcess:
    """`command` in a new network namespace: not even loopback is up, nothing can be fetched."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "PYTHON"))}
    env.update(HOME=str(cwd), PIP_CONFIG_FILE=os.devnull, PYTHON=sys.executable)
    return subprocess.run(["unshare", "--net", *command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0,
                    reason="a network namespace needs unshare and root")
def test_the_linux_half_installs_and_runs_without_a_network(kit, tmp_path):
    installed = _offline("sh", "install.sh", cwd=kit)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    hoinghi = kit / ".venv" / "bin" / "hoinghi"
    shown = _offline(str(hoinghi), "--version", cwd=tmp_path)
    assert shown.returncode == 0 and shown.stdout.startswith("hoinghi "), shown.stderr
    demo = tmp_path / "demo.json"
    shutil.copyfile(SAMPLE, demo)
    checked = _offline(str(hoinghi), "--db", str(demo), "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
