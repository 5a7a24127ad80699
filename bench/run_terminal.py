"""Cold start in a real terminal: from spawning the process until the first delegate row is on
the terminal, as a person at the desk sees it.

    .venv/bin/python -m bench.run_terminal [--sizes 100,10000] [--launches 7] [--also CHECKOUT]

Each launch runs in a new pseudo-terminal (120x40, TERM=xterm-256color) and the bytes the app
writes are read as a terminal would receive them; the clock stops when the first delegate's
name (for the bare app: its line) has arrived, escape sequences removed. The bare app (Header,
Static, Footer) runs the same way, alternating with the desk. Writes bench/out/terminal.md.

As on an installed copy, the project's modules are byte-compiled first and the launches may
write bytecode (this workplace sets PYTHONDONTWRITEBYTECODE, which would otherwise compile
every module of the app from source at each start).
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from .report import publish
from .screens import BARE_LINE, SIZE

OUT = Path(__file__).resolve().parent / "out" / "terminal.md"
ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 60.0
_ESCAPES = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
BARE = ("from bench.screens import BareApp\nBareApp().run()\n")


def first_seen(argv: list[str], text: str, env: dict[str, str], cwd: Path = ROOT) -> float:
    """Seconds from spawning `argv` on a new pseudo-terminal until `text` has been written to it."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    wanted = text.encode("utf-8")
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
                               start_new_session=True, close_fds=True)
    os.close(slave)
    received = b""
    try:
        while True:
            left = TIMEOUT_S - (time.perf_counter() - started)
            if left <= 0:
                raise TimeoutError(f"{text!r} never appeared; last output: {received[-300:]!r}")
            ready, _, _ = select.select([master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the child closed the terminal
                raise RuntimeError(f"the app ended before showing {text!r}: {received[-300:]!r}") from None
            received += chunk
            if wanted in _ESCAPES.sub(b"", received[-(1 << 16):]) or wanted in _ESCAPES.sub(b"", received):
                return time.perf_counter() - started
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        os.close(master)


def first_delegate(store: Path) -> str:
    from store import roster
    from store.service import Service

    with Service.open(store, operator="bench") as service:
        first = roster.sort_delegates(service.delegates.all(), "protocol", service.conference.units())[0]
        return first.full_name


def _other(row: dict) -> str:
    if row["also"] is None:
        return ""
    return f"{row['also']:.0f} ({row['also'] / row['bare']:.2f}x)"


def render(rows: list[dict], launches: int) -> str:
    lines = [
        f"Terminal cold start ({time.strftime('%Y-%m-%d %H:%M')}; a new process on a new "
        f"pseudo-terminal {SIZE[0]}x{SIZE[1]} each time; medians of {launches} launches; from "
        "spawning until the first delegate row (bare app: its line) has reached the terminal)", "",
        "| delegates | bare app ms | desk ms | ratio | desk fastest / slowest ms | other checkout ms (ratio) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['n']:,} | {r['bare']:.0f} | {r['desk']:.0f} | {r['desk'] / r['bare']:.2f}x "
              f"| {r['desk_min']:.0f} / {r['desk_max']:.0f} "
              f"| {_other(r)} |" for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--launches", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--also", metavar="CHECKOUT",
                        help="also launch the desk of another checkout of hoinghi (e.g. an earlier "
                             "commit in a git worktree), alternating with this one")
    args = parser.parse_args(argv)
    from .synth import make_store

    rows = []
    with tempfile.TemporaryDirectory(prefix="hoinghi-terminal-bench-") as tmp:
        other = Path(args.also).resolve() if args.also else None
        for root in (ROOT, other):
            for package in ("store", "tui", "bench"):
                if root is not None:
                    compileall.compile_dir(root / package, quiet=1)
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
               "HOINGHI_CONFIG": str(Path(tmp) / "no-settings.json"), "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare_argv = [sys.executable, "-c", BARE]
        first_seen(bare_argv, BARE_LINE, env)  # discarded: fills the OS file cache
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            store = make_store(Path(tmp) / f"terminal-{n}.json", n, args.seed)
            name = first_delegate(store)
            desk_argv = [sys.executable, "-m", "tui", "--db", str(store), "--lang", "vi"]
            first_seen(desk_argv, name, env)  # discarded, as above
            other_env = {**env, "PYTHONPATH": str(other)} if other else None
            other_store = Path(tmp) / f"terminal-{n}-other.json"
            if other:
                shutil.copyfile(store, other_store)
                first_seen([*desk_argv[:4], str(other_store), *desk_argv[5:]], name, other_env, cwd=other)
            bare, desk, also = [], [], []
            for _ in range(args.launches):
                bare.append(first_seen(bare_argv, BARE_LINE, env) * 1000)
                desk.append(first_seen(desk_argv, name, env) * 1000)
                if other:
                    also.append(first_seen([*desk_argv[:4], str(other_store), *desk_argv[5:]], name,
                                           other_env, cwd=other) * 1000)
            rows.append({"n": n, "bare": statistics.median(bare), "desk": statistics.median(desk),
                         "desk_min": min(desk), "desk_max": max(desk),
                         "also": statistics.median(also) if also else None})
            print(f"  {n:,} delegates done", flush=True)
    publish(render(rows, args.launches), OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
