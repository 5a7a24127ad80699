"""Enter to durable check-in through a real terminal, as the person at the desk sees it.

    .venv/bin/python -m bench.run_terminal_checkin [--sizes 10000,100000] [--checkins 20] [--before REV]

Per size, a store made like a real imported list (bench.synth, `imported=True`). The desk runs in
a new pseudo-terminal (120x40, Vietnamese); once its first row is shown and it has gone quiet,
each of `--checkins` delegates (distinct, at random) is checked in as a scanner does it: the
printed check-in code typed at once, a pause, then Enter. Timed: from writing Enter to the
terminal until "✓ <name> đã đến lúc HH:MM (đã lưu)" has reached it; the desk says "đã lưu" only
after the journal's append has been synced, so this is Enter to durable, terminal included.
After the last one the desk is quit (Ctrl+Q) and the store reopened: every check-in must be in it.
`--before REV` runs the desk of an earlier commit (git archive of store/ and tui/) on a copy of
the same store, alternating launch by launch. Writes bench/out/terminal_checkin.md.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .pty_session import TerminalSession
from .report import p95, publish
from .run_terminal import checkout_of, first_delegate
from .synth import make_store

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out" / "terminal_checkin.md"
TARGET_MS = 40.0
SCANNER_PAUSE_S = 0.25


def scans(store: Path, count: int, seed: int) -> list[tuple[str, str, str]]:
    """(delegate code, printed code, full name) of `count` delegates not yet checked in."""
    from store.service import Service

    with Service.open(store, operator="bench") as service:
        absent = [d for d in service.delegates.all() if d.checked_in_at is None]
        chosen = random.Random(seed).sample(absent, count)
        return [(d.code, service.delegates.scan_code(d.code), d.full_name) for d in chosen]


def checked_in(store: Path, codes: list[str]) -> int:
    from store.service import Service

    with Service.open(store, operator="bench") as service:
        present = {d.code for d in service.delegates.all() if d.checked_in_at is not None}
    return sum(code in present for code in codes)


def session(argv: list[str], env: dict[str, str], cwd: Path, first_name: str,
            people: list[tuple[str, str, str]]) -> list[float]:
    """Milliseconds from Enter to the durable acknowledgment, per person."""
    times = []
    with TerminalSession(argv, env, cwd=cwd) as term:
        term.wait_for(first_name)
        term.drain(1.0)
        for _code, printed, name in people:
            term.send(printed.encode("ascii"))
            time.sleep(SCANNER_PAUSE_S)
            term.drain(0.05)
            term.mark()
            pressed = term.send(b"\r")
            times.append(term.wait_for(f"{name} đã đến lúc", since=pressed) * 1000)
            term.drain(0.1)
        term.close(quit_keys=b"\x11")
    return times


def render(rows: list[dict], before: str | None) -> str:
    lines = [
        f"Enter to durable check-in through a terminal ({time.strftime('%Y-%m-%d %H:%M')}; imported-like "
        "lists; a new desk on a pseudo-terminal 120x40; printed codes typed as a scanner does, then Enter; "
        "from Enter written until the desk's \"(đã lưu)\" line has reached the terminal; medians, p95 in "
        "brackets)", "",
        f"| delegates | check-ins | now ms (p95) | {before or 'before'} ms (p95) | kept after quit |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        old = f"{statistics.median(r['before']):.1f} ({p95(r['before']):.1f})" if r.get("before") else ""
        lines.append(f"| {r['n']:,} | {len(r['now'])} | {statistics.median(r['now']):.1f} ({p95(r['now']):.1f}) "
                     f"| {old} | {r['kept']}/{len(r['now'])} |")
    largest = max(rows, key=lambda r: r["n"])
    verdict = "met" if statistics.median(largest["now"]) <= TARGET_MS else "NOT met"
    lines += ["", f"Target at {largest['n']:,}: at most {TARGET_MS:g} ms median: {verdict} "
                  f"({statistics.median(largest['now']):.1f} ms)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--checkins", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--before", metavar="REV", help="also run the desk of this commit (git archive)")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="hoinghi-terminal-checkin-") as tmp:
        folder = Path(tmp)
        other = checkout_of(args.before, folder / "before") if args.before else None
        for root in (ROOT, other):
            for package in ("store", "tui", "bench"):
                if root is not None and (root / package).exists():
                    compileall.compile_dir(root / package, quiet=1)
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
               "HOINGHI_CONFIG": str(folder / "no-settings.json"), "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            store = make_store(folder / f"checkin-{n}.json", n, args.seed, imported=True)
            name = first_delegate(store)
            people = scans(store, 2 * args.checkins, args.seed)
            now_store, old_store = folder / f"now-{n}.json", folder / f"old-{n}.json"
            shutil.copyfile(store, now_store)
            shutil.copyfile(store, old_store)
            desk = [sys.executable, "-m", "tui", "--db", str(now_store), "--lang", "vi"]
            half = len(people) // 2
            row: dict = {"n": n, "now": [], "before": []}
            mine = []
            for part in (people[:half], people[half:]):  # now and before alternate, twice each
                first, second = part[: len(part) // 2], part[len(part) // 2:]
                row["now"] += session(desk, env, ROOT, name, first)
                mine += first
                if other:
                    old_desk = [*desk[:4], str(old_store), *desk[5:]]
                    row["before"] += session(old_desk, {**env, "PYTHONPATH": str(other)}, other, name, second)
                else:
                    row["now"] += session(desk, env, ROOT, name, second)
                    mine += second
            row["kept"] = checked_in(now_store, [code for code, _, _ in mine])
            rows.append(row)
            print(f"  {n:,} delegates done", flush=True)
    publish(render(rows, args.before), OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
