"""Agenda benchmarks (not run by the tests; figures go into the README):

1. The once-a-second refresh of the running clock in the agenda panel, at 10,000 delegates: the
   panel's tick (projection of the day from the items it holds, the big digits and the changed
   projected starts) timed on the event loop; no store call is made on the tick.
2. The projector following the store: another process writes 20 run steps at random moments
   (0.2-0.7 s apart, `Service.agenda.nudge`); for each, the time from the write's return
   (durable) to the projector app having it on screen (median and worst of 20).
   `--before REV` measures the projector of an earlier commit too, in the same run on the same
   store with the same writes (its `store/` and `tui/` taken with `git archive` into a temporary
   folder and run in a subprocess), so that both figures are taken under the same load.

    .venv/bin/python -m bench.run_agenda [--delegates 10000] [--ticks 300] [--writes 20] [--before REV]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from bench.report import checkout
from bench.synth import make_store

ROOT = Path(__file__).resolve().parent.parent

WRITER = textwrap.dedent("""
    import random, sys, time
    sys.path.insert(0, sys.argv[2])
    from store.service import Service
    rng = random.Random(7)
    with Service.open(sys.argv[1], operator="bench") as service:
        print("open", flush=True)
        sys.stdin.readline()
        for n in range(int(sys.argv[3])):
            time.sleep(rng.uniform(0.2, 0.7))
            service.agenda.nudge(1 if n % 2 == 0 else -1)
            print(service.last_seq(), time.time(), flush=True)
""")


async def tick_cost(path: Path, ticks: int) -> dict[str, float]:
    from store.service import Service
    from tui.app import HoiNghiApp

    at = [dt.datetime(2024, 11, 30, 8, 0, 0)]
    service = Service.open(path, operator="bench", now=lambda: at[0])
    try:
        service.agenda.start("A01")
        at[0] = dt.datetime(2024, 11, 30, 8, 4, 30)
        service.agenda.start("A02")
        app = HoiNghiApp(service, panel="agenda", now=lambda: at[0])
        handler: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert type(screen).__name__ == "AgendaScreen"
            for _ in range(ticks):
                at[0] += dt.timedelta(seconds=1)
                start = time.perf_counter()
                screen.tick()
                handler.append((time.perf_counter() - start) * 1000)
                await pilot.pause()  # the repaint of the two digits, as the app's own timer would
    finally:
        service.close()
    return {"handler_median": statistics.median(handler), "handler_worst": max(handler),
            "handler_p95": sorted(handler)[int(len(handler) * 0.95)]}


async def projector_latency(path: Path, writes: int) -> list[float]:
    from tui.projector import ProjectorApp

    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(ROOT), str(writes)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    latencies: list[float] = []
    try:
        assert writer.stdout.readline().strip() == "open"
        app = ProjectorApp(path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.5)
            writer.stdin.write("\n")
            writer.stdin.flush()
            loop = asyncio.get_running_loop()
            for _ in range(writes):
                line = await loop.run_in_executor(None, writer.stdout.readline)
                seq, written = line.split()
                while app.shown_seq < int(seq):
                    await pilot.pause(0.005)
                latencies.append((time.time() - float(written)) * 1000)
    finally:
        writer.stdin.close()
        writer.wait(timeout=60)
    return latencies


def latency_at(rev: str, path: Path, writes: int, folder: Path) -> list[float]:
    """The projector latency of commit `rev` (its store/ and tui/ packages, this bench)."""
    old = checkout(ROOT, rev, folder / f"at-{rev}")
    driver = textwrap.dedent("""
        import asyncio, json, sys
        sys.path[:0] = [sys.argv[1], sys.argv[2]]  # that commit's store and tui first, then this bench
        from bench.run_agenda import projector_latency
        print(json.dumps(asyncio.run(projector_latency(__import__("pathlib").Path(sys.argv[3]), int(sys.argv[4])))))
    """)
    out = subprocess.run([sys.executable, "-c", driver, str(old), str(ROOT), str(path), str(writes)],
                         check=True, capture_output=True, text=True, cwd=folder).stdout
    return json.loads(out.strip().splitlines()[-1])


def summary(latencies: list[float]) -> str:
    return f"median {statistics.median(latencies):.0f} ms, worst {max(latencies):.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegates", type=int, default=10_000)
    parser.add_argument("--ticks", type=int, default=300)
    parser.add_argument("--writes", type=int, default=20)
    parser.add_argument("--before", metavar="REV", help="measure the projector of this commit too")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = make_store(Path(folder) / "bench.json", args.delegates)
        ticks = asyncio.run(tick_cost(path, args.ticks))
        print(f"agenda clock tick at {args.delegates:,} delegates ({args.ticks} ticks): "
              f"handler median {ticks['handler_median']:.3f} ms, p95 {ticks['handler_p95']:.3f} ms, "
              f"worst {ticks['handler_worst']:.3f} ms")
        if args.before:
            before = latency_at(args.before, path, args.writes, Path(folder))
            print(f"projector at {args.before}: write -> on screen at {args.delegates:,} delegates "
                  f"({len(before)} writes): {summary(before)}")
        latencies = asyncio.run(projector_latency(path, args.writes))
        print(f"projector: write -> on screen at {args.delegates:,} delegates ({len(latencies)} writes): "
              f"{summary(latencies)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
