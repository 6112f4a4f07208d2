"""Fusion benchmark: fuse 100k, 300k and 1M synthetic mentions; time, rate, memory, growth.

Each size runs in a fresh process so that its peak memory is its own.
Run: .venv/bin/python -m benchmarks.fuse [SIZES...]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from benchmarks.machine import machine_line
from benchmarks.synthetic import synthetic_blocks
from sitrep.fuse import fuse_block
from sitrep.knowledge import load_knowledge

SIZES = (100_000, 300_000, 1_000_000)


def run_one(size: int) -> dict[str, float]:
    """Generate and fuse `size` mentions block by block; return the figures."""
    kb = load_knowledge()
    generated = fused = 0.0
    events = mentions = 0
    blocks = synthetic_blocks(kb, size)
    while True:
        started = time.perf_counter()
        item = next(blocks, None)
        generated += time.perf_counter() - started
        if item is None:
            break
        block, block_mentions, reports = item
        started = time.perf_counter()
        events += len(fuse_block(block, block_mentions, reports, kb))
        fused += time.perf_counter() - started
        mentions += len(block_mentions)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "mentions": mentions,
        "events": events,
        "fuse_seconds": fused,
        "generate_seconds": generated,
        "peak_mib": peak,
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:] if a.isdigit()] or list(SIZES)
    if "--one" in sys.argv:
        print(json.dumps(run_one(sizes[0])))
        return
    print(machine_line())
    print(f"{'mentions':>10} {'events':>9} {'fuse s':>8} {'mentions/s':>11} {'peak MiB':>9} {'time ratio':>10}")
    previous = None
    for size in sizes:
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.fuse", str(size), "--one"], capture_output=True, text=True, check=True
        )
        result = json.loads(out.stdout)
        rate = result["mentions"] / result["fuse_seconds"]
        ratio = "" if previous is None else f"{result['fuse_seconds'] / previous[1]:.2f} for {size / previous[0]:.1f}x"
        print(
            f"{result['mentions']:>10,} {result['events']:>9,} {result['fuse_seconds']:>8.1f} {rate:>11,.0f} {result['peak_mib']:>9.0f} {ratio:>10}"
        )
        previous = (size, result["fuse_seconds"])


if __name__ == "__main__":
    main()
