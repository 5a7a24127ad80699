"""UI benchmark: the check-in desk run headless with `app.run_test(size=(120, 40))`.

    .venv/bin/python -m bench.run_ui [--sizes 100,1000,10000] [--launches 3]

Per size, on a fresh synthetic store (bench.synth) in a temporary folder:
- first paint: from constructing the app until DataTable#delegates on the active screen has rows
  and the screen has refreshed after that (`call_after_refresh`); median of --launches. The
  baseline, a bare Textual app (Header, one Static, Footer), is launched the same way in the same
  run, alternating with the app. One discarded launch of each warms up imports and CSS caches.
  Service.open is not included (bench.run_store measures it).
- keystroke: `pilot.press(ch)` for each character of a realistic query ("nguyen van an"), typed
  and cleared (Escape) until >= --keys keystrokes; time from the key being sent until the table
  holds the new rows (a fresh first row, the expected first and last codes) and the screen has
  refreshed ("rows" = until the table holds them, before the repaint). The Escape that clears
  the query (back to the full list) is reported on its own.
- Enter: a delegate's name is put in the search box (untimed), then Enter is pressed; "durable" =
  until the desk says "checked in" (its `on_done` ran, so `Service.check_in` returned) and
  `app.workers.wait_for_complete()` returned; "shown" = after the next screen refresh too. The
  service is asked afterwards (not while timing: its lock would stall the loop) that every
  check-in is stored.
Writes bench/out/ui.md. Settings: HOINGHI_CONFIG points at a missing file, so defaults apply.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header, Input, Static

from store import roster
from store.service import Service
from tui.app import HoiNghiApp
from tui.screens.delegates import ROW_LIMIT, DelegatesScreen

from .synth import make_store

OUT = Path(__file__).resolve().parent / "out" / "ui.md"
SIZE = (120, 40)
POLL = 0.0005  # seconds between looks at the screen (sleeping, so worker threads get the GIL)
QUERY = "nguyen van an"
TARGET_SIZE, TARGET_PAINT_X, TARGET_KEY_MS, TARGET_ENTER_MS = 10_000, 2.0, 50.0, 30.0


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hội nghị tổng kết công tác thi đua năm 2024", id="line")
        yield Footer()


async def wait_until(predicate, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        await asyncio.sleep(POLL)


async def after_refresh(app: App) -> None:
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await done.wait()


def desk_table(app: App) -> DataTable | None:
    screen = app.screen
    if not isinstance(screen, DelegatesScreen):
        return None
    found = screen.query("#delegates")
    return found.first(DataTable) if found else None


def bare_ready(app: App) -> bool:
    return bool(app.screen.query("#line"))


def desk_ready(app: App) -> bool:
    table = desk_table(app)
    return table is not None and table.row_count > 0


async def launch(make, ready, then=None) -> float:
    """Seconds from constructing the app to the first refresh after `ready(app)`."""
    start = time.perf_counter()
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: ready(app))
        await after_refresh(app)
        elapsed = time.perf_counter() - start
        if then is not None:
            await then(app, pilot)
    return elapsed


def first_row(table: DataTable):
    return next(iter(table.rows.values()), None)


async def timed_key(app: App, pilot, key: str, expected: list[str]) -> tuple[float, float]:
    table = desk_table(app)
    before = first_row(table)

    def updated() -> bool:
        row = first_row(table)
        if not expected:
            return row is None and table.row_count == 0
        keys = list(table.rows)
        return (row is not before and len(keys) == len(expected)
                and keys[0].value == expected[0] and keys[-1].value == expected[-1])

    start = time.perf_counter()
    press = asyncio.create_task(pilot.press(key))
    await wait_until(updated)
    rows = time.perf_counter() - start
    await after_refresh(app)
    elapsed = time.perf_counter() - start
    await press
    return elapsed, rows


async def interact(app: App, pilot, service: Service, row: dict, keys: int, enters: int) -> None:
    delegates, units = service.delegates(), service.units()
    index = roster.SearchIndex(delegates, units)
    ordered = [d.code for d in roster.sort_delegates(delegates, "protocol", units)]
    expect = {QUERY[:i]: index.search(QUERY[:i], ordered)[:ROW_LIMIT] for i in range(len(QUERY) + 1)}
    typed, rows, cleared = [], [], []
    while len(typed) < keys:
        for i, ch in enumerate(QUERY, start=1):
            painted, ready = await timed_key(app, pilot, ch, expect[QUERY[:i]])
            typed.append(painted)
            rows.append(ready)
        cleared.append((await timed_key(app, pilot, "escape", expect[""]))[0])
    row["key"], row["key_p95"], row["key_rows"] = ms(statistics.median(typed)), ms(p95(typed)), ms(statistics.median(rows))
    row["clear"], row["keys"] = ms(statistics.median(cleared)), len(typed)

    screen = app.screen
    search, message = screen.query_one("#search", Input), screen.query_one("#desk-message", Static)
    candidates = random.Random(7).sample(list(delegates), min(len(delegates), enters * 3))
    times, shown, done = [], [], []
    for d in candidates:
        if len(times) >= enters:
            break
        search.value = d.full_name
        await pilot.pause()
        target = screen.highlighted()
        if target is None or target.checked_in_at is not None:
            continue
        message.remove_class("success")
        start = time.perf_counter()
        press = asyncio.create_task(pilot.press("enter"))
        await wait_until(lambda: message.has_class("success"))
        await app.workers.wait_for_complete()
        times.append(time.perf_counter() - start)
        await after_refresh(app)
        shown.append(time.perf_counter() - start)
        await press
        done.append(target.code)
    stored = sum(service.delegate(code).checked_in_at is not None for code in done)
    assert stored == len(done), f"only {stored} of {len(done)} check-ins are in the store"
    row["enter"], row["enter_p95"], row["enters"] = ms(statistics.median(times)), ms(p95(times)), len(times)
    row["enter_shown"] = ms(statistics.median(shown))


def ms(seconds: float) -> float:
    return seconds * 1000.0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def bench_size(n: int, folder: Path, launches: int, keys: int, enters: int, seed: int) -> dict:
    service = Service.open(make_store(folder / f"ui-{n}.json", n, seed), operator="bench")
    row: dict = {"n": n}
    try:
        make_app = lambda: HoiNghiApp(service, panel="delegates", lang="vi")  # noqa: E731
        bare, desk = [], []
        for _ in range(launches):
            bare.append(await launch(BareApp, bare_ready))
            desk.append(await launch(make_app, desk_ready))
        row["bare"], row["paint"] = ms(statistics.median(bare)), ms(statistics.median(desk))
        row["paint_x"] = row["paint"] / row["bare"]
        await launch(make_app, desk_ready, lambda app, pilot: interact(app, pilot, service, row, keys, enters))
    finally:
        service.close()
    return row


def render(rows: list[dict], launches: int) -> str:
    lines = [
        f"UI benchmark ({time.strftime('%Y-%m-%d %H:%M')}; headless run_test {SIZE[0]}x{SIZE[1]}; "
        f"medians; first paint over {launches} launches; query {QUERY!r})",
        "",
        "| delegates | bare app paint ms | desk first paint ms | ratio | keystroke painted ms (p95) "
        "| keystroke rows ms | clear (Esc) ms | Enter to durable ms (p95) | Enter to shown ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['bare']:.0f} | {r['paint']:.0f} | {r['paint_x']:.1f}x "
            f"| {r['key']:.1f} ({r['key_p95']:.1f}) n={r['keys']} | {r['key_rows']:.1f} | {r['clear']:.1f} "
            f"| {r['enter']:.1f} ({r['enter_p95']:.1f}) n={r['enters']} | {r['enter_shown']:.1f} |")
    target = next((r for r in rows if r["n"] == TARGET_SIZE), None)
    lines += ["", f"Targets at {TARGET_SIZE:,} delegates:"]
    if target is None:
        lines.append(f"- not measured (add {TARGET_SIZE} to --sizes)")
    else:
        checks = [
            (f"first paint within {TARGET_PAINT_X:g}x of the bare app", target["paint_x"] <= TARGET_PAINT_X,
             f"{target['paint_x']:.1f}x: {target['paint']:.0f} vs {target['bare']:.0f} ms"),
            (f"keystroke < {TARGET_KEY_MS:g} ms", target["key"] < TARGET_KEY_MS, f"{target['key']:.1f} ms"),
            (f"Enter to durable < {TARGET_ENTER_MS:g} ms", target["enter"] < TARGET_ENTER_MS,
             f"{target['enter']:.1f} ms"),
        ]
        lines += [f"- {name}: {'met' if ok else 'NOT MET'} ({value})" for name, ok, value in checks]
    return "\n".join(lines) + "\n"


async def run(args: argparse.Namespace) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="hoinghi-ui-bench-") as tmp:
        folder = Path(tmp)
        os.environ["HOINGHI_CONFIG"] = str(folder / "no-settings.json")
        warm = Service.open(make_store(folder / "warm.json", 100, args.seed), operator="bench")
        try:  # discarded: first imports, CSS parsing
            await launch(BareApp, bare_ready)
            await launch(lambda: HoiNghiApp(warm, panel="delegates", lang="vi"), desk_ready)
        finally:
            warm.close()
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            rows.append(await bench_size(n, folder, args.launches, args.keys, args.enters, args.seed))
            print(f"  {n:,} delegates done", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--launches", type=int, default=3)
    parser.add_argument("--keys", type=int, default=20, help="keystrokes to time (at least)")
    parser.add_argument("--enters", type=int, default=20, help="check-ins to time")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rows = asyncio.run(run(args))
    text = render(rows, args.launches)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(text + f"\n(written to {OUT})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
