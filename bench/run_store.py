"""Store benchmark: open, durable check-in, search; versus TinyDB's default JSONStorage.

    .venv/bin/python -m bench.run_store [--sizes 100,1000,10000,50000] [--repeat 20] [--imported]

Each size gets a fresh synthetic store (bench.synth) in a temporary folder, deleted at the end.
The baseline is measured in the same run on a copy of the same file, because the machine is
shared and noisy: compare ratios, not absolute figures across runs. Writes bench/out/store.md.

- open: `Service.open` + `close`, median of 5 (the first open also hard-links a backup).
- check-in: `Service.check_in` of `--repeat` distinct delegates: one unit of work = one record
  appended to the store's journal and synced (store.core.journal); bench.run_checkin compares it
  with the append + fsync floor and with an earlier commit.
- JSONStorage: `TinyDB(copy)` with the default storage doing what a check-in changes: update the
  delegate's doc by doc_id, then insert an audit doc. TinyDB has no transactions, so that is TWO
  writes, each re-reading and re-parsing the whole file and rewriting it in place with fsync (and
  a crash between them leaves a check-in without its audit entry). The one-write figure (the
  update alone) is shown too, as a lower bound.
- search: `roster.SearchIndex(...).search("nguyen van an", codes)` over all delegates in protocol
  order, median of `--repeat`; "index" is the time to build the index once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

from store.models import roster
from store.models import AuditEntry
from store.service import Service

from .report import ms, p95, publish, targets_section
from .synth import make_store

OUT = Path(__file__).resolve().parent / "out" / "store.md"
TARGET_SIZE = 10_000
TARGET_CHECKIN_MS, TARGET_RATIO, TARGET_OPEN_MS = 20.0, 5.0, 150.0
QUERY = "nguyen van an"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench_size(n: int, repeat: int, folder: Path, seed: int, imported: bool = False) -> dict:
    path = make_store(folder / f"store-{n}.json", n, seed, imported)
    baseline = folder / f"jsonstorage-{n}.json"
    shutil.copyfile(path, baseline)
    row: dict = {"n": n, "size_mb": path.stat().st_size / 1e6}

    opens = []
    for _ in range(5):
        start = time.perf_counter()
        service = Service.open(path, operator="bench")
        opens.append(time.perf_counter() - start)
        service.close()
    row["open"] = ms(statistics.median(opens))

    service = Service.open(path, operator="bench")
    try:
        delegates = service.delegates.all()
        units = service.conference.units()
        picks = random.Random(seed).sample([d.code for d in delegates], min(repeat, len(delegates)))
        times = []
        for code in picks:
            times.append(timed(lambda: service.delegates.check_in(code, desk="Bàn 1")))
            assert service.delegates.get(code).checked_in_at is not None
        row["checkin"], row["checkin_p95"] = ms(statistics.median(times)), ms(p95(times))

        builds = [timed(lambda: roster.SearchIndex(delegates, units)) for _ in range(3)]
        row["index"] = ms(statistics.median(builds))
        index = roster.SearchIndex(delegates, units)
        codes = [d.code for d in roster.sort_delegates(delegates, "protocol", units)]
        row["sort"] = ms(timed(lambda: roster.sort_delegates(delegates, "protocol", units)))
        row["hits"] = len(index.search(QUERY, codes))
        row["search"] = ms(statistics.median(timed(lambda: index.search(QUERY, codes)) for _ in range(repeat)))
    finally:
        service.close()

    db = TinyDB(baseline)  # the default: JSONStorage, no caching middleware
    try:
        table, audit = db.table("delegates"), db.table("audit")
        ids = random.Random(seed + 1).sample(list(range(1, n + 1)), min(repeat, n))
        two, one = [], []
        for seq, doc_id in enumerate(ids, start=1):
            doc = table.get(doc_id=doc_id)  # (read outside the timing, as the service has it cached)
            stamp = dt.datetime.now().isoformat(timespec="seconds")
            entry = AuditEntry(seq=seq, at=stamp, operator="bench", action="checkin", target=doc["code"],
                               before=None, after={"at": stamp, "desk": "Bàn 1"}).to_doc()
            start = time.perf_counter()
            table.update({"checked_in_at": stamp, "checkin_desk": "Bàn 1"}, doc_ids=[doc_id])
            middle = time.perf_counter()
            audit.insert(entry)
            two.append(time.perf_counter() - start)
            one.append(middle - start)
    finally:
        db.close()
    row["json2"], row["json1"] = ms(statistics.median(two)), ms(statistics.median(one))
    row["ratio"] = row["json2"] / row["checkin"]
    return row


def render(rows: list[dict], repeat: int) -> str:
    lines = [
        f"Store benchmark ({time.strftime('%Y-%m-%d %H:%M')}; medians; check-in over {repeat} distinct "
        f"delegates; search query {QUERY!r})",
        "",
        "| delegates | file MB | open ms | check-in ms (p95) | JSONStorage 2 writes ms (1 write) "
        "| speed-up | index build ms | protocol sort ms | search ms (hits) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['size_mb']:.2f} | {r['open']:.1f} | {r['checkin']:.1f} ({r['checkin_p95']:.1f}) "
            f"| {r['json2']:.1f} ({r['json1']:.1f}) | {r['ratio']:.1f}x | {r['index']:.1f} | {r['sort']:.1f} "
            f"| {r['search']:.2f} ({r['hits']}) |")
    target = next((r for r in rows if r["n"] == TARGET_SIZE), None)
    checks = None if target is None else [
        (f"check-in median < {TARGET_CHECKIN_MS:g} ms", target["checkin"] < TARGET_CHECKIN_MS,
         f"{target['checkin']:.1f} ms"),
        (f"check-in >= {TARGET_RATIO:g}x faster than default JSONStorage (same change, 2 writes)",
         target["ratio"] >= TARGET_RATIO, f"{target['ratio']:.1f}x"),
        (f"open < {TARGET_OPEN_MS:g} ms", target["open"] < TARGET_OPEN_MS, f"{target['open']:.1f} ms"),
    ]
    return "\n".join(lines + targets_section(TARGET_SIZE, checks)) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--imported", action="store_true",
                        help="stores made like real imported lists (rank ties, no dates; bench.synth)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    with tempfile.TemporaryDirectory(prefix="hoinghi-bench-") as tmp:
        for n in sizes:
            gc.collect()
            rows.append(bench_size(n, max(args.repeat, 1), Path(tmp), args.seed, args.imported))
            print(f"  {n:,} delegates done", flush=True)
    text = render(rows, args.repeat)
    publish(text, OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
