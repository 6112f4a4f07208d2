"""The dashboard's API under load: 20 clients at once on a database of 10,000 events.

A real server (`sitrep serve`, uvicorn) on a throwaway SQLite file that holds the sample
reports (for their tallies) and 10,000 synthetic fused events. Each of 20 client threads
asks one endpoint again and again; the benchmark prints, for each request the dashboard
makes, the requests per second, the median and the 99th-percentile latency.
Run: .venv/bin/python -m benchmarks.api [events] [requests per client]
"""

from __future__ import annotations

import itertools
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

import sitrep
from benchmarks.machine import machine_line
from benchmarks.store import event_rows
from sitrep.store import connect
from sitrep.store.schema import events as events_table

ROOT = Path(__file__).resolve().parents[1]
CLIENTS = 20
# What the dashboard asks when it opens: one page of the table, the map's points, the tallies.
# "{n}" is a new number for every request: a page nobody asked before, so no cache answers it.
REQUESTS = {
    "table page (/api/events?limit=100)": "/api/events?limit=100&sort=-date",
    "a page nobody asked before": "/api/events?limit=100&sort=-date&offset={n}",
    "filtered page (country=IQ)": "/api/events?limit=100&country=IQ",
    "map points (/api/events?view=map)": "/api/events?view=map",
    "stats (/api/stats)": "/api/stats",
}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    per_client = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    print(machine_line())
    db = Path(tempfile.mkdtemp(prefix="sitrep-api-")) / "load.db"
    sitrep.ingest([ROOT / "samples"], db=db)
    engine = connect(db)
    rows = event_rows(count)
    with engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(events_table.insert(), rows[start : start + 5000])
    engine.dispose()
    print(f"{len(rows):,} events; {CLIENTS} clients, {per_client} requests each per endpoint")
    port = _free_port()
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/sitrep"), "serve", "--db", str(db), "--port", str(port)], stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base)
        print(f"{'request':38} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'KB':>7}")
        for name, path in REQUESTS.items():
            _load(name, base + path, per_client)
    finally:
        server.terminate()
        server.wait()


def _load(name: str, url: str, per_client: int) -> None:
    latencies: list[float] = []
    sizes: list[int] = []
    lock = threading.Lock()
    asked = itertools.count()

    def client() -> None:
        with httpx.Client(timeout=120) as session:
            for _ in range(per_client):
                started = time.perf_counter()
                response = session.get(url.format(n=next(asked)))
                elapsed = time.perf_counter() - started
                response.raise_for_status()
                with lock:
                    latencies.append(elapsed)
                    sizes.append(len(response.content))

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"{name:38} {len(latencies) / wall:7.1f} {cuts[49] * 1000:8.0f} {cuts[98] * 1000:8.0f}"
        f" {statistics.mean(sizes) / 1024:7.0f}"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(base: str) -> None:
    for _ in range(300):
        try:
            httpx.get(base + "/api/events?limit=1", timeout=5).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"the server at {base} did not start")


if __name__ == "__main__":
    main()
