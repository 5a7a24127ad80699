"""UI benchmark: the check-in desk run headless with `app.run_test(size=(120, 40))`.

    .venv/bin/python -m bench.run_ui [--sizes 100,1000,10000] [--launches 3] [--imported] [--before REV]

Per size, on a fresh synthetic store (bench.synth) in a temporary folder; baselines in the same run:
- first paint: constructing the app until its whole first screen has been in the frames handed to
  the terminal (bench.screens.FrameLog): for the desk the title, the column titles, the first
  delegate in protocol order and the key bar; median of --launches. Baseline: a bare app (Header,
  Static, Footer; its line and the footer's keys) launched the same way, alternating. One discarded
  launch of each warms imports and CSS caches.
  Service.open is excluded (bench.run_store measures it; bench.run_launch times whole processes).
- keystroke: `pilot.press(ch)` for "nguyen van an", typed and cleared (Escape) until >= --keys;
  from sending the key until the list holds the expected new rows ("rows": at least a screenful
  of them, the first ones of the answer) and the screen refreshed ("painted"). Baseline: the bare app plus an Input whose Changed handler rewrites the
  Static (Textual's own key-to-paint floor).
- Enter: a name is put in the search box (untimed; a name other results share is skipped: the
  desk's Enter asks which namesake is meant instead of checking in), Enter pressed; "durable" = the desk says
  "checked in" (on_done ran: Service.check_in returned) and app.workers.wait_for_complete()
  returned; "shown" = after the next refresh. The store is checked afterwards (not while timing:
  the service lock would stall the loop). HOINGHI_CONFIG points at a missing file. Writes
  bench/out/ui.md.
`--before REV` runs the same bench first with the `store/` and `tui/` of an earlier commit (taken
with `git archive`, in a subprocess, as bench.run_agenda does), so both are measured in one run.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Sequence

from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from store.models import roster
from store.service import Service
from tui import i18n
from tui.app import HoiNghiApp
from tui.i18n import t
from tui.screens.desk import DeskScreen
from tui.widgets.delegate_list import DelegateList

from .report import checkout, ms, p95, publish, targets_section
from .screens import BARE_SHOWS, SIZE, SETTLE, BareApp, FrameLog, bare_ready, desk_ready, wait_until
from .synth import make_store

OUT = Path(__file__).resolve().parent / "out" / "ui.md"
ROOT = Path(__file__).resolve().parent.parent
QUERY = "nguyen van an"
TARGET_SIZE, TARGET_PAINT_X, TARGET_KEY_MS, TARGET_ENTER_MS = 10_000, 2.0, 50.0, 30.0


class BareSearchApp(BareApp):
    generation = 0

    def compose(self) -> ComposeResult:
        yield Input(id="search")
        yield from super().compose()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.generation += 1
        self.query_one("#line", Static).update(f"{event.value} {self.generation}")


async def after_refresh(app: App) -> None:
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await done.wait()


def desk_list(app: App) -> DelegateList | None:
    found = app.screen.query("#delegates") if isinstance(app.screen, DeskScreen) else None
    return found.first(DelegateList) if found else None


def desk_shows(service: Service) -> tuple[str, ...]:
    """The desk's first screen: title, column titles, the first delegate, the keys."""
    first = roster.sort_delegates(service.delegates.all(), "protocol", service.conference.units())[0]
    i18n.set_language("vi")
    return (service.conference.get().title[:20], t("desk.col.name"), first.full_name[:12], t("key.help"))


async def launch(make, ready, shows: Sequence[str], then=None) -> float:
    """Seconds from constructing the app until every text of `shows` has been in the frames
    sent to the terminal (the app's whole first screen is on display)."""
    start = time.perf_counter()
    app = make()
    frames = FrameLog(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: ready(app))
        await asyncio.sleep(SETTLE)
        painted = frames.first_complete(shows)
        if then is not None:
            await then(app, pilot)
    return painted - start


async def timed_key(app: App, pilot, key: str, updated) -> tuple[float, float]:
    """(painted, rows) seconds from sending `key` until `updated()` and the next refresh."""
    start = time.perf_counter()
    press = asyncio.create_task(pilot.press(key))
    await wait_until(updated)
    rows = time.perf_counter() - start
    await after_refresh(app)
    painted = time.perf_counter() - start
    await press
    return painted, rows


#: rows of the answer that must be in the list for a key to count as answered: the list shows
#: about 35 at 120x40; a desk may give the first screenful first and the rest after it
SCREENFUL = 40


def list_shows(listing: DelegateList, expected: list[str]):
    before = listing.codes

    def updated() -> bool:
        codes = listing.codes
        return (codes is not before and len(codes) >= min(len(expected), SCREENFUL)
                and codes == expected[:len(codes)])

    return updated


async def bare_keys(app: App, pilot, row: dict, keys: int) -> None:
    typed = []
    while len(typed) < keys:
        for key in [*QUERY, "ctrl+u"]:  # ctrl+u: delete to the start of the line
            changed = lambda g=app.generation: app.generation != g  # noqa: E731
            typed.append((await timed_key(app, pilot, key, changed))[0])
    row["bare_key"] = ms(statistics.median(typed))


async def desk_keys(app: App, pilot, service: Service, row: dict, keys: int, enters: int) -> None:
    delegates, units = service.delegates.all(), service.conference.units()
    index = roster.SearchIndex(delegates, units)
    ordered = [d.code for d in roster.sort_delegates(delegates, "protocol", units)]
    expect = {QUERY[:i]: index.best_first(QUERY[:i], index.search(QUERY[:i], ordered))
              for i in range(len(QUERY) + 1)}
    listing = desk_list(app)
    typed, rows, cleared = [], [], []
    while len(typed) < keys:
        for i, ch in enumerate(QUERY, start=1):
            painted, ready = await timed_key(app, pilot, ch, list_shows(listing, expect[QUERY[:i]]))
            typed.append(painted)
            rows.append(ready)
        cleared.append((await timed_key(app, pilot, "escape", list_shows(listing, expect[""])))[0])
    row.update(key=ms(statistics.median(typed)), key_p95=ms(p95(typed)), key_rows=ms(statistics.median(rows)),
               clear=ms(statistics.median(cleared)), keys=len(typed))

    screen = app.screen
    search, message = screen.query_one("#search", Input), screen.query_one("#desk-message", Static)
    durable, shown = [], []
    for d in random.Random(7).sample(list(delegates), min(len(delegates), enters * 3)):
        if len(durable) >= enters:
            break
        search.value = d.full_name
        await pilot.pause()
        target = screen.highlighted()
        if target is None or target.checked_in_at is not None:
            continue
        if len(screen.state.namesakes(target.code, desk_list(app).codes)) > 1:
            continue  # Enter on a shared name asks which one is meant (no check-in): not this bench
        message.remove_class("success")
        start = time.perf_counter()
        press = asyncio.create_task(pilot.press("enter"))
        await wait_until(lambda: message.has_class("success"))
        await app.workers.wait_for_complete()
        durable.append(time.perf_counter() - start)
        await after_refresh(app)
        shown.append(time.perf_counter() - start)
        await press
        assert service.delegates.get(target.code).checked_in_at is not None, f"{target.code} not stored"
    row.update(enter=ms(statistics.median(durable)), enter_p95=ms(p95(durable)), enters=len(durable),
               enter_shown=ms(statistics.median(shown)))


async def bench_size(n: int, folder: Path, args: argparse.Namespace) -> dict:
    service = Service.open(make_store(folder / f"ui-{n}.json", n, args.seed, args.imported), operator="bench")
    gc.freeze()  # as tui/cli/main.py does after opening the store
    row: dict = {"n": n}
    try:
        make_app = lambda: HoiNghiApp(service, panel="delegates", lang="vi")  # noqa: E731
        shows = desk_shows(service)
        bare, desk = [], []
        for _ in range(args.launches):
            bare.append(await launch(BareApp, bare_ready, BARE_SHOWS))
            desk.append(await launch(make_app, desk_ready, shows))
        row.update(bare=ms(statistics.median(bare)), paint=ms(statistics.median(desk)))
        row["paint_x"] = row["paint"] / row["bare"]
        await launch(BareSearchApp, bare_ready, BARE_SHOWS,
                     lambda app, pilot: bare_keys(app, pilot, row, args.keys))
        await launch(make_app, desk_ready, shows,
                     lambda app, pilot: desk_keys(app, pilot, service, row, args.keys, args.enters))
    finally:
        service.close()
    return row


def render(rows: list[dict], launches: int) -> str:
    lines = [
        f"UI benchmark ({time.strftime('%Y-%m-%d %H:%M')}; headless run_test {SIZE[0]}x{SIZE[1]}; medians; "
        f"first paint over {launches} launches; query {QUERY!r}; bare = plain Textual app, same run)", "",
        "| delegates | first paint ms: bare / desk (ratio) | keystroke painted ms (p95) | rows in table ms "
        "| bare key ms | clear (Esc) ms | Enter to durable ms (p95) | Enter to shown ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['bare']:.0f} / {r['paint']:.0f} ({r['paint_x']:.1f}x) "
            f"| {r['key']:.1f} ({r['key_p95']:.1f}) n={r['keys']} | {r['key_rows']:.1f} | {r['bare_key']:.1f} "
            f"| {r['clear']:.1f} | {r['enter']:.1f} ({r['enter_p95']:.1f}) n={r['enters']} | {r['enter_shown']:.1f} |")
    target = next((r for r in rows if r["n"] == TARGET_SIZE), None)
    checks = None if target is None else [
        (f"first paint within {TARGET_PAINT_X:g}x of the bare app", target["paint_x"] <= TARGET_PAINT_X,
         f"{target['paint_x']:.1f}x: {target['paint']:.0f} vs {target['bare']:.0f} ms"),
        (f"keystroke < {TARGET_KEY_MS:g} ms", target["key"] < TARGET_KEY_MS,
         f"{target['key']:.1f} ms; bare Textual floor {target['bare_key']:.1f} ms"),
        (f"Enter to durable < {TARGET_ENTER_MS:g} ms", target["enter"] < TARGET_ENTER_MS, f"{target['enter']:.1f} ms"),
    ]
    return "\n".join(lines + targets_section(TARGET_SIZE, checks)) + "\n"


async def run(args: argparse.Namespace) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="hoinghi-ui-bench-") as tmp:
        folder = Path(tmp)
        os.environ["HOINGHI_CONFIG"] = str(folder / "no-settings.json")
        warm = Service.open(make_store(folder / "warm.json", 100, args.seed), operator="bench")
        await launch(BareApp, bare_ready, BARE_SHOWS)  # discarded: first imports, CSS parsing
        await launch(lambda: HoiNghiApp(warm, panel="delegates", lang="vi"), desk_ready, ())
        warm.close()
        for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
            rows.append(await bench_size(n, folder, args))
            print(f"  {n:,} delegates done", flush=True)
    return rows


BEFORE = textwrap.dedent("""
    import argparse, asyncio, json, sys
    sys.path[:0] = [sys.argv[1], sys.argv[2]]  # that commit's store and tui first, then this bench
    from bench import run_ui
    print(json.dumps(asyncio.run(run_ui.run(argparse.Namespace(**json.loads(sys.argv[3]))))))
""")


def before_rows(rev: str, args: argparse.Namespace) -> list[dict]:
    """The same bench with the store and tui of commit `rev` (git archive), in a subprocess."""
    with tempfile.TemporaryDirectory(prefix="hoinghi-ui-before-") as tmp:
        checkout(ROOT, rev, tmp)
        options = {k: v for k, v in vars(args).items() if k != "before"}
        out = subprocess.run([sys.executable, "-c", BEFORE, tmp, str(ROOT), json.dumps(options)],
                             check=True, capture_output=True, text=True, cwd=tmp).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--launches", type=int, default=3)
    parser.add_argument("--keys", type=int, default=20, help="keystrokes to time (at least)")
    parser.add_argument("--enters", type=int, default=20, help="check-ins to time")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--imported", action="store_true",
                        help="stores made like real imported lists (rank ties, no dates; bench.synth)")
    parser.add_argument("--before", metavar="REV", help="run the same bench with the code of this commit too")
    args = parser.parse_args(argv)
    old = before_rows(args.before, args) if args.before else None
    text = render(asyncio.run(run(args)), args.launches)
    if old is not None:
        text += f"\nThe same, with the code of {args.before} (same run, before the rows above):\n\n" + render(
            old, args.launches)
    publish(text, OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
