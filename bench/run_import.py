"""Import of a large delegate list: read the file, then plan the import against the demo store.

    python -m bench.run_import [--rows 10000] [--repeat 3] [--also CHECKOUT ...]

The list is the app's own export of a synthetic conference (`bench.synth`) as CSV and XLSX, to be
imported into the demo conference (every row an addition). Each measurement runs in a fresh
process whose code is this checkout's, or another checkout's with `--also` (a git worktree of an
older commit), so that both are measured in the same conditions.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
try:
    from store.io.importer import plan_import
    from store.io.reading import read_table
except ImportError:  # a checkout from before store/io/ (29/11/2026 morning)
    from store.importer import plan_import
    from store.io_tables import read_table
from store.service import Service

path, store = sys.argv[1], sys.argv[2]
with Service.open(store) as service:
    if callable(service.delegates):  # before the store was split by domain
        units, existing = service.units(), service.delegates()
    else:
        units, existing = service.conference.units(), service.delegates.all()
    start = time.perf_counter()
    table = read_table(path)
    read = time.perf_counter() - start
    start = time.perf_counter()
    plan = plan_import(table, units, existing)
    planned = time.perf_counter() - start
print(json.dumps({"read": read, "plan": planned, "adds": len(plan.adds), "rejected": len(plan.rejected)}))
"""


def make_lists(folder: Path, rows: int) -> dict[str, Path]:
    from bench.synth import make_store
    from store.io.exporter import export_delegates
    from store.service import Service

    source = make_store(folder / "source.json", rows)
    files = {}
    with Service.open(source) as service:
        for fmt in ("csv", "xlsx"):
            files[fmt] = folder / f"list.{fmt}"
            files[fmt].write_bytes(export_delegates(service, fmt))
    return files


def measure(checkout: Path, file: Path, store_template: Path, folder: Path, repeat: int) -> dict:
    results = []
    for i in range(repeat):
        store = folder / f"store-{checkout.name}-{file.suffix[1:]}-{i}.json"
        store.write_bytes(store_template.read_bytes())
        env = dict(os.environ, PYTHONPATH=str(checkout))
        out = subprocess.run([sys.executable, "-c", CHILD, str(file), str(store)], env=env, cwd=checkout,
                             capture_output=True, text=True, check=True).stdout
        results.append(json.loads(out.splitlines()[-1]))
    return {key: statistics.median(r[key] for r in results) for key in ("read", "plan", "adds", "rejected")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--also", action="append", default=[], help="another checkout to measure")
    args = parser.parse_args()
    checkouts = [HERE, *(Path(p).resolve() for p in args.also)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = make_lists(folder, args.rows)
        print(f"import of {args.rows:,} rows into the demo conference; seconds, median of {args.repeat}")
        print(f"{'checkout':<24} {'format':<6} {'read':>7} {'plan':>7} {'added':>7} {'refused':>8}")
        for fmt, file in files.items():
            for checkout in checkouts:
                m = measure(checkout, file, checkout / "sample.json", folder, args.repeat)  # its own demo data
                name = "this" if checkout == HERE else checkout.name
                print(f"{name:<24} {fmt:<6} {m['read']:>7.2f} {m['plan']:>7.2f} {m['adds']:>7.0f} {m['rejected']:>8.0f}")


if __name__ == "__main__":
    main()
