"""What the audit log's hash chain costs: a durable check-in at 10,000 delegates with
and without the chain, in the same run, and `check`'s walk of the chain.

    .venv/bin/python -m bench.run_chain [--size 10000] [--repeat 60] [--entries 10000]

- check-in: `delegates.check_in` of distinct delegates, one durable write each, alternating
  rounds with the chain (as shipped) and without it (the unit of work's `entry_hash` replaced by
  one returning "", so no canonical JSON and no SHA-256), so the machine's noise falls on both.
- hash: `hashes.entry_hash` of a check-in's audit entry alone, median of many.
- verify: `chain.verify_chain` over `--entries` chained check-in entries (what `hoinghi check`
  adds to a store with that many changes).
Writes bench/out/chain.md (not committed).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from store import unit_of_work
from store.integrity.chain import verify_chain
from store.integrity.hashes import entry_hash
from store.service import Service

from .report import ms, p95, publish
from .synth import make_store

OUT = Path(__file__).resolve().parent / "out" / "chain.md"


def _no_hash(doc) -> str:
    return ""


def bench(size: int, repeat: int, entries: int, seed: int = 7) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = make_store(Path(folder) / "store.json", size, seed)
        service = Service.open(path, operator="bench", backup_keep=0)
        chained, plain = [], []
        try:
            codes = random.Random(seed).sample([d.code for d in service.delegates.all()], 2 * repeat)
            for i, code in enumerate(codes):
                with_chain = i % 2 == 0
                unit_of_work.entry_hash = entry_hash if with_chain else _no_hash
                start = time.perf_counter()
                service.delegates.check_in(code, desk="Bàn 1")
                (chained if with_chain else plain).append(time.perf_counter() - start)
        finally:
            unit_of_work.entry_hash = entry_hash
            service.close()
    entry = {"seq": 1, "at": "2024-11-30T08:00:00", "operator": "bench", "action": "checkin",
             "target": "D00001", "before": None, "after": {"at": "2024-11-30T08:00:00", "desk": "Bàn 1"},
             "prev": "0" * 64, "hash": ""}
    hashes = []
    for _ in range(2000):
        start = time.perf_counter()
        entry_hash(entry)
        hashes.append(time.perf_counter() - start)
    log, head = [], ""
    for seq in range(1, entries + 1):
        doc = {**entry, "seq": seq, "target": f"D{seq:05d}", "prev": head}
        doc["hash"] = head = entry_hash(doc)
        log.append(doc)
    start = time.perf_counter()
    report = verify_chain(log)
    verify = time.perf_counter() - start
    assert report.problem is None and report.length == entries
    return {"size": size, "repeat": repeat, "with": ms(statistics.median(chained)),
            "with_p95": ms(p95(chained)), "without": ms(statistics.median(plain)),
            "without_p95": ms(p95(plain)), "hash_us": statistics.median(hashes) * 1e6,
            "entries": entries, "verify": ms(verify)}


def render(row: dict) -> str:
    delta = row["with"] - row["without"]
    return "\n".join([
        f"# Audit hash chain at {row['size']:,} delegates",
        "",
        f"Durable check-in, {row['repeat']} each, alternating in the same run (median / p95):",
        "",
        "| | median ms | p95 ms |",
        "|---|---:|---:|",
        f"| with the chain | {row['with']:.2f} | {row['with_p95']:.2f} |",
        f"| without | {row['without']:.2f} | {row['without_p95']:.2f} |",
        f"| difference | {delta:+.2f} | |",
        "",
        f"- `entry_hash` of one check-in entry: {row['hash_us']:.1f} µs (median of 2,000)",
        f"- `verify_chain` over {row['entries']:,} entries (what `check` adds): {row['verify']:.1f} ms",
        "",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args(argv)
    publish(render(bench(args.size, args.repeat, args.entries)), OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
