"""Cold start in a real terminal: from spawning the process until the first delegate row is on
the terminal, as a person at the desk sees it.

    .venv/bin/python -m bench.run_terminal [--sizes 100,10000] [--launches 7] [--also CHECKOUT]
        [--imported] [--visidata] [--before REV]

Each launch runs in a new pseudo-terminal (120x40, TERM=xterm-256color) and the bytes the app
writes are read as a terminal would receive them; the clock stops when the first delegate's
name (for the bare app: its line) has arrived, escape sequences removed. The bare app (Header,
Static, Footer) runs the same way, alternating with the desk. Writes bench/out/terminal.md.

`--imported` makes the stores as real imported lists (rank ties, no dates: bench.synth);
`--visidata` also opens the same list, as a CSV (name, position, unit), in VisiData (`vd`, found
beside this Python: `pip install visidata` into the .venv, not a project dependency) until its
first row is on the terminal; `--before REV` launches the desk of commit REV (git archive of
store/ and tui/) alternating with this one. Each desk's resident memory (VmRSS) is read when
its first row has arrived, and its CPU time then (user + system, all threads: less sensitive to
a shared machine than the wall time).

As on an installed copy, the project's modules are byte-compiled first and the launches may
write bytecode (this workplace sets PYTHONDONTWRITEBYTECODE, which would otherwise compile
every module of the app from source at each start).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .pty_session import TerminalSession
from .report import checkout, publish
from .screens import BARE_LINE, SIZE

OUT = Path(__file__).resolve().parent / "out" / "terminal.md"
ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60.0
BARE = ("from bench.screens import BareApp\nBareApp().run()\n")


def first_seen(argv: list[str], text: str, env: dict[str, str], cwd: Path = ROOT) -> float:
    """Seconds from spawning `argv` on a new pseudo-terminal until `text` has been written to it."""
    return first_seen_rss(argv, text, env, cwd)[0]


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _cpu_ms(pid: int) -> float:
    """CPU time (user + system, every thread) the process has used so far: unlike the wall
    time, hardly changed by other programs sharing the cores."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def first_seen_rss(argv: list[str], text: str, env: dict[str, str], cwd: Path = ROOT
                   ) -> tuple[float, float, float]:
    """(seconds, resident MB then, CPU ms then) from spawning `argv` on a new pseudo-terminal
    until `text` has been written to it."""
    with TerminalSession(argv, env, size=SIZE, cwd=cwd, timeout_s=TIMEOUT_S) as term:
        seconds = term.wait_for(text)
        return seconds, _rss_mb(term.process.pid), _cpu_ms(term.process.pid)


def first_delegate(store: Path) -> str:
    from store.models import roster
    from store.service import Service

    with Service.open(store, operator="bench") as service:
        first = roster.sort_delegates(service.delegates.all(), "protocol", service.conference.units())[0]
        return first.full_name


def list_csv(store: Path, out: Path) -> str:
    """The store's delegates as the CSV a province sends (name, position, unit), in the store's
    order; returns the first row's name (what VisiData shows first)."""
    import csv

    import orjson

    raw = orjson.loads(store.read_bytes())
    units = {u["code"]: u["short_name"] for u in raw["units"].values()}
    rows = [(" ".join(p for p in (d["family"], d["middle"], d["given"]) if p), d["position"],
             units.get(d["unit_code"] or "", d["organization"])) for d in raw["delegates"].values()]
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(("ho_ten", "chuc_vu", "don_vi"))
        writer.writerows(rows)
    return rows[0][0]


def checkout_of(rev: str, folder: Path) -> Path:
    """store/, tui/ and wording/ of commit `rev` in `folder` (git archive)."""
    return checkout(ROOT, rev, folder)


def _other(row: dict) -> str:
    if row["also"] is None:
        return ""
    return (f"{row['also']:.0f} ({row['also'] / row['bare']:.2f}x), {row['also_rss']:.0f} MB, "
            f"CPU {row['also_cpu']:.0f} ms")


def _visidata(row: dict) -> str:
    if row["vd"] is None:
        return ""
    return f"{row['vd']:.0f} (desk {row['desk'] / row['vd']:.2f}x), {row['vd_rss']:.0f} MB, CPU {row['vd_cpu']:.0f} ms"


def render(rows: list[dict], launches: int) -> str:
    lines = [
        f"Terminal cold start ({time.strftime('%Y-%m-%d %H:%M')}; a new process on a new "
        f"pseudo-terminal {SIZE[0]}x{SIZE[1]} each time; medians of {launches} launches; from "
        "spawning until the first delegate row (bare app: its line) has reached the terminal)", "",
        "| delegates | bare app ms | desk ms | ratio | desk fastest / slowest ms | desk RSS MB, CPU ms "
        "| VisiData ms (desk ratio), RSS | other code ms (ratio), RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['n']:,}{' imported' if r['imported'] else ''} | {r['bare']:.0f} | {r['desk']:.0f} "
              f"| {r['desk'] / r['bare']:.2f}x | {r['desk_min']:.0f} / {r['desk_max']:.0f} | {r['desk_rss']:.0f}, {r['desk_cpu']:.0f} "
              f"| {_visidata(r)} | {_other(r)} |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--launches", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--also", metavar="CHECKOUT",
                        help="also launch the desk of another checkout of hoinghi (e.g. an earlier "
                             "commit in a git worktree), alternating with this one")
    parser.add_argument("--before", metavar="REV", help="also launch the desk of this commit (git archive)")
    parser.add_argument("--imported", action="store_true", help="stores made like imported lists")
    parser.add_argument("--visidata", action="store_true", help="also open the same list in VisiData")
    args = parser.parse_args(argv)
    from .synth import make_store

    rows = []
    with tempfile.TemporaryDirectory(prefix="hoinghi-terminal-bench-") as tmp:
        other = Path(args.also).resolve() if args.also else None
        if args.before:
            other = checkout_of(args.before, Path(tmp) / "before")
        for root in (ROOT, other):
            for package in ("store", "tui", "wording", "bench"):
                if root is not None and (root / package).is_dir():
                    compileall.compile_dir(root / package, quiet=1)
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
               "HOINGHI_CONFIG": str(Path(tmp) / "no-settings.json"), "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare_argv = [sys.executable, "-c", BARE]
        first_seen(bare_argv, BARE_LINE, env)  # discarded: fills the OS file cache
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            store = make_store(Path(tmp) / f"terminal-{n}.json", n, args.seed, args.imported)
            name = first_delegate(store)
            vd_argv = vd_first = None
            if args.visidata:
                table = Path(tmp) / f"terminal-{n}.csv"
                vd_first = list_csv(store, table)
                vd_argv = [str(Path(sys.executable).parent / "vd"), str(table)]
                first_seen(vd_argv, vd_first, env)  # discarded, as above
            desk_argv = [sys.executable, "-m", "tui", "--db", str(store), "--lang", "vi"]
            first_seen(desk_argv, name, env)  # discarded, as above
            other_env = {**env, "PYTHONPATH": str(other)} if other else None
            other_store = Path(tmp) / f"terminal-{n}-other.json"
            if other:
                shutil.copyfile(store, other_store)
                first_seen([*desk_argv[:4], str(other_store), *desk_argv[5:]], name, other_env, cwd=other)
            bare, desk, also, vd = [], [], [], []
            desk_rss, also_rss, vd_rss, desk_cpu, also_cpu, vd_cpu = [], [], [], [], [], []
            for _ in range(args.launches):
                bare.append(first_seen(bare_argv, BARE_LINE, env) * 1000)
                seconds, rss, cpu = first_seen_rss(desk_argv, name, env)
                desk.append(seconds * 1000)
                desk_rss.append(rss)
                desk_cpu.append(cpu)
                if vd_argv:
                    seconds, rss, cpu = first_seen_rss(vd_argv, vd_first, env)
                    vd.append(seconds * 1000)
                    vd_rss.append(rss)
                    vd_cpu.append(cpu)
                if other:
                    seconds, rss, cpu = first_seen_rss([*desk_argv[:4], str(other_store), *desk_argv[5:]], name,
                                                       other_env, cwd=other)
                    also.append(seconds * 1000)
                    also_rss.append(rss)
                    also_cpu.append(cpu)
            median = lambda values: statistics.median(values) if values else None  # noqa: E731
            rows.append({"n": n, "imported": args.imported, "bare": statistics.median(bare),
                         "desk": statistics.median(desk), "desk_min": min(desk), "desk_max": max(desk),
                         "desk_rss": statistics.median(desk_rss), "vd": median(vd), "vd_rss": median(vd_rss),
                         "also": median(also), "also_rss": median(also_rss), "desk_cpu": statistics.median(desk_cpu),
                         "vd_cpu": median(vd_cpu), "also_cpu": median(also_cpu)})
            print(f"  {n:,} delegates done", flush=True)
    publish(render(rows, args.launches), OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
