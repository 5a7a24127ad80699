"""Launch benchmark: whole processes, as a person starts the app, cold each time.

    .venv/bin/python -m bench.run_launch [--sizes 100,1000,10000] [--launches 5]

From spawning `python` until the app's whole first screen has been handed to the terminal
(bench.screens.FrameLog; run headless at 120x40): Python's start, imports, for the desk opening
the store (Service.open) and ordering the delegates with cold caches, then Textual's start. The
bare app (Header, Static, Footer) is launched the same way, alternating with the desk. Writes
bench/out/launch.md.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .report import publish
from .screens import BARE_SHOWS, SETTLE, SIZE, BareApp, FrameLog, bare_ready, desk_ready, wait_until

_IMPORTED = time.time()
OUT = Path(__file__).resolve().parent / "out" / "launch.md"
ROOT = Path(__file__).resolve().parent.parent


def child(argv: list[str]) -> None:
    """In the launched process: run one app headless, print when its first screen was complete."""
    kind, started, shows = argv[0], float(argv[1]), json.loads(argv[2])
    phases = {"start": _IMPORTED - started}  # Python itself and Textual's import
    if kind == "bare":
        app, ready = BareApp(), bare_ready
    else:
        from store.service import Service
        from tui.app import HoiNghiApp

        phases["imports"] = time.time() - started
        service = Service.open(argv[3], operator="bench")
        gc.freeze()  # as tui/cli/main.py does after opening the store
        phases["open"] = time.time() - started
        app, ready = HoiNghiApp(service, panel="delegates", lang="vi"), desk_ready
    frames = FrameLog(app, clock=time.time)

    async def run() -> None:
        async with app.run_test(size=SIZE):
            await wait_until(lambda: ready(app))
            await asyncio.sleep(SETTLE)

    asyncio.run(run())
    phases["screen"] = frames.first_complete(shows) - started
    print(json.dumps({name: at * 1000 for name, at in phases.items()}))


def launch(kind: str, shows: tuple[str, ...], *extra: str) -> dict[str, float]:
    """ms from spawning Python until: Textual imported ("start"), hoinghi imported ("imports"),
    the store open ("open"), the first screen complete ("screen")."""
    started = time.time()
    out = subprocess.run([sys.executable, "-m", "bench.run_launch", "--child", kind, repr(started),
                          json.dumps(shows), *extra], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def desk_shows(store: Path) -> tuple[str, ...]:
    from store.service import Service

    from .run_ui import desk_shows as shows_of

    with Service.open(store, operator="bench") as service:
        return shows_of(service)


def render(rows: list[dict], launches: int) -> str:
    lines = [
        f"Launch benchmark ({time.strftime('%Y-%m-%d %H:%M')}; new process each time, headless "
        f"{SIZE[0]}x{SIZE[1]}; medians of {launches} launches; from spawning Python to the whole "
        "first screen on display)", "",
        "| delegates | bare app ms | desk ms | ratio | desk: Python + Textual imported | hoinghi imported "
        "| store open | first screen after open |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [f"| {r['n']:,} | {r['bare']:.0f} | {r['screen']:.0f} | {r['screen'] / r['bare']:.1f}x "
              f"| {r['start']:.0f} | {r['imports']:.0f} | {r['open']:.0f} | {r['screen'] - r['open']:.0f} |"
              for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    from .synth import make_store

    rows = []
    with tempfile.TemporaryDirectory(prefix="hoinghi-launch-bench-") as tmp:
        os.environ["HOINGHI_CONFIG"] = str(Path(tmp) / "no-settings.json")
        launch("bare", BARE_SHOWS)  # discarded: fills the OS file cache
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            store = make_store(Path(tmp) / f"launch-{n}.json", n, args.seed)
            shows = desk_shows(store)
            launch("desk", shows, str(store))  # discarded, as above
            bare, desk = [], []
            for _ in range(args.launches):
                bare.append(launch("bare", BARE_SHOWS))
                desk.append(launch("desk", shows, str(store)))
            rows.append({"n": n, "bare": statistics.median(b["screen"] for b in bare),
                         **{k: statistics.median(d[k] for d in desk) for k in desk[0]}})
            print(f"  {n:,} delegates done", flush=True)
    publish(render(rows, args.launches), OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
