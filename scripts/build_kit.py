"""Build dist/hoinghi-kit-VERSION.zip: everything an offline laptop needs to install hoinghi.

    .venv/bin/python scripts/build_kit.py          # or: make kit

The kit holds the project's wheel and a wheel of every runtime dependency locked in
requirements.lock (checked by hash), for Windows x64 and Linux x86_64 and CPython 3.10-3.13,
one folder per system; cai-dat.bat / install.sh make a venv beside them and install with
`--no-index` (nothing is downloaded there), and hoinghi.bat starts the app in a UTF-8 console.

Which locked packages are runtime ones is read from the wheels themselves: hoinghi's
Requires-Dist, then theirs, each marker evaluated for the system and Python it is for.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
KIT_FILES = Path(__file__).resolve().parent / "kit"
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
#: system -> the wheel platform tags it takes, the values its markers see
SYSTEMS = {
    "windows": (("win_amd64",),
                {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                 "platform_machine": "AMD64"}),
    "linux": (tuple(f"manylinux_2_{minor}_x86_64" for minor in range(17, 40)) + ("manylinux2014_x86_64",),
              {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
               "platform_machine": "x86_64"}),
}


@dataclass(frozen=True)
class Locked:
    name: str
    version: str
    marker: Marker | None
    hashes: tuple[str, ...]

    def applies(self, environment: dict[str, str]) -> bool:
        return self.marker is None or self.marker.evaluate(environment)

    def line(self) -> str:
        return f"{self.name}=={self.version} " + " ".join(f"--hash={h}" for h in self.hashes)


def read_lock(path: Path = LOCK) -> list[Locked]:
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    entries = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        found = re.match(r"([A-Za-z0-9._-]+)==(\S+)\s*(?:;\s*(.*?))?\s*((?:--hash=\S+\s*)+)$", line)
        if not found:
            raise SystemExit(f"requirements.lock: cannot read {line[:60]!r}")
        name, version, marker, hashes = found.groups()
        entries.append(Locked(canonicalize_name(name), version, Marker(marker) if marker else None,
                              tuple(re.findall(r"--hash=(\S+)", hashes))))
    return entries


def environment(system: str, python: str) -> dict[str, str]:
    return {**SYSTEMS[system][1], "python_version": python, "python_full_version": f"{python}.0",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "implementation_version": f"{python}.0", "platform_release": "", "platform_version": "",
            "extra": ""}


def wheel_tags(system: str, python: str) -> set:
    version = tuple(int(part) for part in python.split("."))
    platforms = SYSTEMS[system][0]
    return set(cpython_tags(version, platforms=platforms)) | set(compatible_tags(version, "cp", platforms))


def fits(wheel: Path, system: str, python: str) -> bool:
    return bool(parse_wheel_filename(wheel.name)[3] & wheel_tags(system, python))


def requirements_of(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        message = Parser().parsestr(archive.read(metadata).decode("utf-8"))
    return [Requirement(r) for r in message.get_all("Requires-Dist") or []]


def runtime_wheels(project: Path, wheels: list[Path], locked: list[Locked], system: str,
                   python: str) -> list[Path]:
    """The wheels hoinghi needs on `system` with `python`: its requirements, then theirs, each
    the version locked for that system and Python."""
    env = environment(system, python)
    versions = {e.name: e.version for e in locked if e.applies(env)}
    by_name = {}
    for wheel in wheels:
        name, version, _, _ = parse_wheel_filename(wheel.name)
        if str(version) == versions.get(name) and fits(wheel, system, python):
            by_name[name] = wheel
    needed: dict[str, set[str]] = {}  # name -> the extras asked of it
    queue = [r for r in requirements_of(project) if applies(r, env, set())]
    while queue:
        requirement = queue.pop()
        name = canonicalize_name(requirement.name)
        if name in needed and requirement.extras <= needed[name]:
            continue
        if name not in by_name:
            raise SystemExit(f"no wheel of {name} for CPython {python} on {system}")
        needed[name] = needed.get(name, set()) | requirement.extras
        queue += [r for r in requirements_of(by_name[name]) if applies(r, env, needed[name])]
    return sorted(by_name[name] for name in needed)


def applies(requirement: Requirement, env: dict[str, str], extras: set[str]) -> bool:
    """Whether a Requires-Dist line counts on `env` for a package asked with `extras`."""
    marker = requirement.marker
    return marker is None or any(marker.evaluate({**env, "extra": extra}) for extra in {"", *extras})


def download(entries: list[Locked], system: str, python: str, into: Path) -> None:
    """The locked wheels for `system` and `python`, checked against the lock's hashes."""
    requirements = into / f"{system}-{python}.txt"
    requirements.write_text("\n".join(e.line() for e in entries) + "\n", encoding="utf-8")
    platforms = [arg for tag in SYSTEMS[system][0] for arg in ("--platform", tag)]
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                    *platforms, "--python-version", python, "--implementation", "cp", "--require-hashes",
                    "-r", str(requirements), "-d", str(into / system)], check=True)


def project_wheel(into: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(into), str(ROOT)],
                   check=True)
    return next(into.glob("hoinghi-*.whl"))


def build(dist: Path = ROOT / "dist") -> Path:
    entries = read_lock()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        project = project_wheel(work / "project")
        version = parse_wheel_filename(project.name)[1]
        kit = work / f"hoinghi-kit-{version}"
        for system in SYSTEMS:
            folder = kit / "wheels" / system
            folder.mkdir(parents=True)
            shutil.copy2(project, folder)
            for python in PYTHONS:
                wanted = [e for e in entries if e.applies(environment(system, python))]
                download(wanted, system, python, work)
                downloaded = sorted((work / system).glob("*.whl"))
                for wheel in runtime_wheels(project, downloaded, entries, system, python):
                    shutil.copy2(wheel, folder)
        for script in KIT_FILES.iterdir():
            shutil.copy2(script, kit / script.name)
        dist.mkdir(exist_ok=True)
        target = dist / f"{kit.name}.zip"
        write_zip(kit, target)
    return target


def write_zip(folder: Path, target: Path) -> None:
    """Scripts keep their execute bit (install.sh), every entry sorted: the same kit, the same zip."""
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(str(Path(folder.name) / path.relative_to(folder)), (2024, 1, 1, 0, 0, 0))
                info.external_attr = (0o755 if path.suffix == ".sh" else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    partial.replace(target)


if __name__ == "__main__":
    print(build())
