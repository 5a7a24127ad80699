"""Imports at scale: a whole CSV list through `hoinghi import-delegates`, against VisiData's batch
load of the same file, and a few rows into a large store.

    .venv/bin/python -m bench.run_import [--rows 100000] [--repeat 3] [--before REV]

The list is the app's own export (CSV) of a synthetic conference made like a real imported list
(`bench.synth`, `imported=True`), imported into the demo conference (every row an addition).
Each measurement is one whole fresh process (start-up, read, plan, the preview printed to
/dev/null, the durable save, the close): its wall time, CPU time (user + system) and peak RSS,
from the operating system (`os.wait4`). Alternating, so that each meets the same load:
- hoinghi: `hoinghi --db STORE import-delegates list.csv` (Ctrl+G runs the same plan and save);
- VisiData: `vd -b list.csv -o out.csv` (loads every row, writes them again); `pip install
  visidata` into the .venv for it (not a project dependency); left out when absent;
- five rows: `import-delegates` of a 5-row list into the store the 100,000 rows were imported
  into, whole process (open and close included: the close folds the journal into the file);
- the import step alone, in process: `plan_import` + `apply_import` of the same 5 rows into that
  store and into the demo store (what the desk's dialog pays with the store already open); the
  first builds the session's index of given names (`service.delegates.given_words()`), the next
  only catches up with the commit between; the delegates' records are built before, as the
  desk has them.
`--before REV` runs the hoinghi cases with the code of an earlier commit too (its `store/` and
`tui/` taken with `git archive`), in the same run. Writes bench/out/import.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from .report import checkout, publish

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out" / "import.md"
TARGET_RATIO, TARGET_MB = 1.5, 500

FIVE = ["STT,Họ và tên,Chức vụ,Đơn vị"] + [f"{i},Lê Văn Mạnh {chr(0x41 + i)},Chuyên viên,Hà Nội" for i in range(5)]
NEXT_FIVE = [FIVE[0]] + [row.replace("Mạnh", "Hùng") for row in FIVE[1:]]

STEP = textwrap.dedent("""
    import json, sys, time
    sys.path.insert(0, sys.argv[1])
    from store.io.importer import apply_import, plan_import
    from store.io.reading import read_table
    from store.service import Service
    out = {}
    with Service.open(sys.argv[2], operator="bench") as service:
        for name, file in (("", sys.argv[3]), ("next ", sys.argv[4])):
            units, _records = service.conference.units(), service.delegates.all()  # (the desk has them)
            lookup = getattr(service.delegates, "given_words", None)  # (absent from older code)
            delegates = lookup() if lookup else service.delegates.all()
            start, cpu = time.perf_counter(), time.process_time()
            plan = plan_import(read_table(file), units, delegates)
            apply_import(service, plan)
            out.update({name + "wall": time.perf_counter() - start, name + "cpu": time.process_time() - cpu})
    print(json.dumps(out))
""")


def make_list(folder: Path, rows: int) -> Path:
    from bench.synth import make_store
    from store.io.exporter import export_delegates
    from store.service import Service

    source = make_store(folder / "source.json", rows, imported=True)
    file = folder / "list.csv"
    with Service.open(source) as service:
        file.write_bytes(export_delegates(service, "csv"))
    source.unlink()
    shutil.rmtree(folder / "source.json.backups", ignore_errors=True)
    return file


def run(command: list[str], cwd: Path, env: dict | None = None) -> dict:
    """One whole process: wall s, CPU s (user + system), peak RSS MB, its standard output."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err = process.stderr.read().decode(errors="replace") if process.stderr else ""
        out.seek(0)
        text = out.read().decode(errors="replace")
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {err[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024, "out": text}


def checkout_at(rev: str, folder: Path) -> Path:
    old = folder / f"at-{rev}"
    if not old.exists():
        checkout(ROOT, rev, old)
    return old


def fresh_store(template: Path, path: Path) -> Path:
    for stale in (path, path.with_name(path.name + ".journal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(path.name + ".backups"), ignore_errors=True)
    shutil.copyfile(template, path)
    return path


def hoinghi(code: Path, store: Path, file: Path, folder: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    return run([sys.executable, "-m", "tui", "--db", str(store), "import-delegates", str(file)], folder, env)


def step(code: Path, store: Path, file: Path, folder: Path) -> dict:
    """Two imports of 5 rows in one open store: the first without a code pays once for the
    store's highest code (a store whose codes all came from lists never had the counter)."""
    then = folder / "next-five.csv"
    then.write_text("\n".join(NEXT_FIVE) + "\n", encoding="utf-8")
    out = run([sys.executable, "-c", STEP, str(code), str(store), str(file), str(then)], folder)["out"]
    return json.loads(out.strip().splitlines()[-1])


def measure(rows: int, repeat: int, before: str | None, folder: Path) -> dict:
    # made in a child: a process started from this one would start at its peak RSS (Linux keeps
    # ru_maxrss across exec)
    subprocess.run([sys.executable, "-c", f"from bench.run_import import make_list; from pathlib import Path; "
                    f"make_list(Path({str(folder)!r}), {rows})"], cwd=ROOT, check=True)
    file = folder / "list.csv"
    five = folder / "five.csv"
    five.write_text("\n".join(FIVE) + "\n", encoding="utf-8")
    vd = shutil.which("vd") or (str(Path(sys.executable).parent / "vd")
                                if (Path(sys.executable).parent / "vd").exists() else None)
    codes = {"this": ROOT, **({before: checkout_at(before, folder)} if before else {})}
    demo = ROOT / "sample.json"
    big = folder / "big.json"  # the demo store with the whole list imported (by this code)
    results: dict[str, list] = {}
    for _ in range(repeat):
        for name, code in codes.items():
            store = fresh_store(demo, folder / f"store-{name}.json")
            results.setdefault(f"list {name}", []).append(hoinghi(code, store, file, folder))
            if name == "this":
                shutil.copyfile(store, big)
        if vd:
            results.setdefault("vd", []).append(run([vd, "-b", str(file), "-o", str(folder / "vd.csv")], folder))
        for name, code in codes.items():
            store = fresh_store(big, folder / f"five-{name}.json")
            results.setdefault(f"five {name}", []).append(hoinghi(code, store, five, folder))
            store = fresh_store(big, folder / f"step-{name}.json")
            results.setdefault(f"step big {name}", []).append(step(code, store, five, folder))
            store = fresh_store(demo, folder / f"step-{name}.json")
            results.setdefault(f"step demo {name}", []).append(step(code, store, five, folder))
    return {"rows": rows, "size_mb": file.stat().st_size / 1e6, "vd": bool(vd), "codes": list(codes),
            "results": {k: {m: statistics.median(r[m] for r in v) for m in v[0] if m != "out"}
                        for k, v in results.items()}}


def render(m: dict, repeat: int) -> str:
    r = m["results"]
    lines = [f"Import benchmark ({time.strftime('%Y-%m-%d %H:%M')}; a {m['rows']:,}-row CSV of "
             f"{m['size_mb']:.1f} MB, the app's own export of an imported-like list; whole processes, "
             f"medians of {repeat}, alternating)", "",
             "| case | wall s | CPU s | peak RSS MB | CPU vs VisiData |", "|---|---:|---:|---:|---:|"]
    vd_cpu = r["vd"]["cpu"] if "vd" in r else None
    for name in m["codes"]:
        x = r[f"list {name}"]
        ratio = f"{x['cpu'] / vd_cpu:.2f}x" if vd_cpu else ""
        lines.append(f"| import-delegates, {m['rows']:,} rows ({name}) | {x['wall']:.2f} | {x['cpu']:.2f} "
                     f"| {x['rss']:.0f} | {ratio} |")
    if vd_cpu:
        x = r["vd"]
        lines.append(f"| VisiData `vd -b` load + save | {x['wall']:.2f} | {x['cpu']:.2f} | {x['rss']:.0f} | 1.00x |")
    for name in m["codes"]:
        x = r[f"five {name}"]
        lines.append(f"| 5 rows into the {m['rows']:,}-row store, whole process ({name}) | {x['wall']:.2f} "
                     f"| {x['cpu']:.2f} | {x['rss']:.0f} | |")
    lines += ["", "The import step alone (plan + save of 5 rows, the store already open; ms, CPU ms in "
                  "brackets; first import, then the next one):", "",
              "| code | into the demo store | next | into the large store | next |", "|---|---:|---:|---:|---:|"]
    for name in m["codes"]:
        demo, big = r[f"step demo {name}"], r[f"step big {name}"]
        cells = [f"{x[p + 'wall'] * 1e3:.0f} ({x[p + 'cpu'] * 1e3:.0f})" for x in (demo, big) for p in ("", "next ")]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    this = r["list this"]
    if vd_cpu:
        ratio = this["cpu"] / vd_cpu
        lines += ["", f"Targets: within {TARGET_RATIO:g}x of VisiData (CPU): "
                      f"{'met' if ratio <= TARGET_RATIO else 'NOT met'} ({ratio:.2f}x); "
                      f"wall {this['wall'] / r['vd']['wall']:.2f}x"]
    lines.append(f"under {TARGET_MB} MB: {'met' if this['rss'] < TARGET_MB else 'NOT met'} ({this['rss']:.0f} MB)")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", metavar="REV", help="measure the hoinghi cases with this commit too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hoinghi-import-bench-") as tmp:
        m = measure(args.rows, args.repeat, args.before, Path(tmp))
    publish(render(m, args.repeat), OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
