"""Enter-to-durable benchmark: `service.delegates.check_in` against the floor of one append + fsync.

    .venv/bin/python -m bench.run_checkin [--sizes 100,10000,100000] [--repeat 20] [--before REV]

Per size, a store made like a real imported list (bench.synth, `imported=True`: rank ties, no
dates) in a temporary folder. Timed, alternating so that both meet the same load:
- check-in: `Service.check_in` of `--repeat` distinct delegates, from the call to its return
  (durable: the journal's record appended and synced; the same call the desk's Enter makes);
- floor: appending a record of the same size (the median journal record of these check-ins)
  to a file in the same folder and syncing it (`store.core.journal_file`'s own sync), i.e. what
  any durable check-in must at least pay on this disk.
`--before REV` runs the same check-ins with the code of an earlier commit (its `store/` taken
with `git archive`, as bench.run_agenda does), on a copy of the same store, in the same run.
The journal's folds (every 2,000 records, when a backup is due every 50 writes, at close) are
part of what is timed: p95 shows them. Writes bench/out/checkin.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from .report import checkout, ms, p95, publish
from .synth import make_store

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out" / "checkin.md"
TARGET_SIZE, TARGET_RATIO = 100_000, 1.5

CHECKINS = textwrap.dedent("""
    import json, random, sys, time
    sys.path.insert(0, sys.argv[1])
    from store.service import Service
    service = Service.open(sys.argv[2], operator="bench")
    codes = random.Random(int(sys.argv[4])).sample([d.code for d in service.delegates.all()], int(sys.argv[3]))
    times = []
    for code in codes:
        start = time.perf_counter()
        service.delegates.check_in(code, desk="Bàn 1")
        times.append(time.perf_counter() - start)
    service.close()
    print(json.dumps(times))
""")


def before_times(rev: str, path: Path, repeat: int, seed: int, folder: Path) -> list[float]:
    old = folder / f"at-{rev}"
    if not old.exists():
        checkout(ROOT, rev, old, ("store", "wording"))
    out = subprocess.run([sys.executable, "-c", CHECKINS, str(old), str(path), str(repeat), str(seed)],
                         check=True, capture_output=True, text=True, cwd=folder).stdout
    return json.loads(out.strip().splitlines()[-1])


def floor_once(path: Path, record: bytes) -> float:
    from store.core.journal_file import _sync_data

    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        start = time.perf_counter()
        os.write(fd, record)
        _sync_data(fd)
        return time.perf_counter() - start
    finally:
        os.close(fd)


def bench_size(n: int, repeat: int, seed: int, folder: Path, before: str | None) -> dict:
    from store.service import Service

    path = make_store(folder / f"imported-{n}.json", n, seed, imported=True)
    row: dict = {"n": n, "size_mb": path.stat().st_size / 1e6}
    if before:
        copy = folder / f"before-{n}.json"
        shutil.copyfile(path, copy)
        row["before"] = before_times(before, copy, repeat, seed, folder)
    service = Service.open(path, operator="bench")
    journal = path.with_name(path.name + ".journal")
    floor_file = folder / f"floor-{n}.bin"
    try:
        codes = random.Random(seed).sample([d.code for d in service.delegates.all()], repeat)
        times, floors, sizes = [], [], []
        record = b"x" * 1200
        for code in codes:
            size_before = journal.stat().st_size if journal.exists() else 0
            start = time.perf_counter()
            service.delegates.check_in(code, desk="Bàn 1")
            times.append(time.perf_counter() - start)
            grown = (journal.stat().st_size if journal.exists() else 0) - size_before
            if grown > 0:
                sizes.append(grown)
                record = b"x" * (int(statistics.median(sizes)) - 1) + b"\n"
            floors.append(floor_once(floor_file, record))
    finally:
        service.close()
    row.update(checkin=times, floor=floors, record=int(statistics.median(sizes)) if sizes else 0)
    return row


def render(rows: list[dict], repeat: int, before: str | None) -> str:
    lines = [
        f"Enter-to-durable benchmark ({time.strftime('%Y-%m-%d %H:%M')}; imported-like lists; medians "
        f"over {repeat} check-ins, p95 in brackets; floor = append + fsync of a record of the same size, "
        "alternating with the check-ins)", "",
        "| delegates | file MB | record bytes | check-in ms (p95) | floor ms (p95) | ratio to floor "
        f"| {before or 'before'} ms (p95) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = statistics.median(r["checkin"]) / statistics.median(r["floor"])
        old = (f"{ms(statistics.median(r['before'])):.1f} ({ms(p95(r['before'])):.1f})" if "before" in r else "")
        lines.append(
            f"| {r['n']:,} | {r['size_mb']:.1f} | {r['record']} | {ms(statistics.median(r['checkin'])):.1f} "
            f"({ms(p95(r['checkin'])):.1f}) | {ms(statistics.median(r['floor'])):.1f} ({ms(p95(r['floor'])):.1f}) "
            f"| {ratio:.2f}x | {old} |")
    target = next((r for r in rows if r["n"] == TARGET_SIZE), None)
    if target is not None:
        ratio = statistics.median(target["checkin"]) / statistics.median(target["floor"])
        verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
        lines += ["", f"Target at {TARGET_SIZE:,}: check-in within {TARGET_RATIO:g}x of the floor: {verdict} "
                      f"({ratio:.2f}x)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000,100000")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--before", metavar="REV", help="measure the check-ins of this commit too")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="hoinghi-checkin-bench-") as tmp:
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            rows.append(bench_size(n, args.repeat, args.seed, Path(tmp), args.before))
            print(f"  {n:,} delegates done", flush=True)
    publish(render(rows, args.repeat, args.before), OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
