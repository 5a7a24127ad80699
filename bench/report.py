"""What both benchmarks share: units, percentiles and the "targets met" section."""

from __future__ import annotations


def ms(seconds: float) -> float:
    return seconds * 1000.0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def targets_section(size: int, checks: list[tuple[str, bool, str]] | None) -> list[str]:
    """Lines saying, for the target size, which targets are met; `checks` None = not measured."""
    lines = ["", f"Targets at {size:,} delegates:"]
    if checks is None:
        return lines + [f"- not measured (add {size} to --sizes)"]
    return lines + [f"- {name}: {'met' if ok else 'NOT MET'} ({value})" for name, ok, value in checks]


def publish(text: str, out) -> None:
    """Print the report and keep a copy in bench/out/ (not committed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(text + f"\n(written to {out})")


def packages_at(root, rev: str, *names: str) -> list[str]:
    """Those of the top-level folders `names` that commit `rev` has (wording/ came out of store/
    later than some commits a benchmark compares with)."""
    import subprocess

    return [name for name in names
            if subprocess.run(["git", "-C", str(root), "cat-file", "-e", f"{rev}:{name}"],
                              capture_output=True).returncode == 0]


def checkout(root, rev: str, folder, names: tuple[str, ...] = ("store", "tui", "wording")):
    """The packages `names` of commit `rev` (those it has) unpacked into `folder` (git archive),
    for a bench to run the code of that commit beside this one; returns `folder`."""
    import io
    import subprocess
    import tarfile

    archive = subprocess.run(["git", "-C", str(root), "archive", "--format=tar", rev,
                              *packages_at(root, rev, *names)], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder

