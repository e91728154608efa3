"""Load on the HTTP API: concurrent clients paging /api/events on a million events.

Builds (or reuses) the store of ``bench/query.py``, starts ``eventwire serve`` on a free
loopback port in a subprocess (read-only, as analysts run it), waits for its page
index, and lets N client threads, each with its own ``httpx.Client``, ask for pages of
100 events with varied filters (category, country, actor, dates, bounding box) for a
fixed time; a page that is not what was asked counts as an error. Prints requests,
errors, p50/p95/p99 latency and the server's memory. Target: p95 < 150 ms, no errors.
Usage: python bench/serve.py [--clients 20] [--seconds 20] [--events 1000000] [--no-index]
"""

from __future__ import annotations

import argparse
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from query import COUNTRIES, START, build  # noqa: E402

from eventwire.model import CATEGORIES  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def question(rng: random.Random) -> dict[str, Any]:
    """One page request of the kinds the dashboard sends."""
    since = START + timedelta(days=rng.randrange(0, 900))
    until = since + timedelta(days=rng.choice([7, 30, 90, 365]))
    kind = rng.randrange(5)
    params: dict[str, Any] = {"limit": 100}
    if kind == 0:
        params |= {"category": rng.choice(CATEGORIES), "country": rng.choice(COUNTRIES)}
    elif kind == 1:
        params |= {"actor": rng.choice(COUNTRIES), "since": since, "until": until}
    elif kind == 2:
        x, y = rng.uniform(-100, 80), rng.uniform(-30, 20)
        params |= {"bbox": f"{x:.2f},{y:.2f},{x + 20:.2f},{y + 15:.2f}",
                   "since": since, "until": until}
    elif kind == 3:
        params |= {"category": rng.choice(CATEGORIES), "since": since, "until": until,
                   "offset": rng.choice([0, 100, 200])}
    else:
        params |= {"country": rng.choice(COUNTRIES), "actor": rng.choice(COUNTRIES),
                   "sort": rng.choice(["date", "-date"])}
    return params


def sound(page: dict[str, Any], params: dict[str, Any]) -> bool:
    """Whether a page is what was asked: at most ``limit`` events, each with an id and
    the asked category, within the total."""
    events = page["events"]
    return (len(events) <= params["limit"]
            and page["total"] >= params.get("offset", 0) + len(events)
            and all(e["id"] and e["event"] == params.get("category", e["event"])
                    for e in events))


def client(base: str, seed: int, stop: float, times: list[float], errors: list[str]) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as http:
        while time.monotonic() < stop:
            params = question(rng)
            started = time.perf_counter()
            try:
                response = http.get("/api/events", params=params)
                ok = response.status_code == 200 and sound(response.json(), params)
            except httpx.HTTPError as exc:
                ok, response = False, None
                errors.append(f"{type(exc).__name__}: {exc}")
            times.append((time.perf_counter() - started) * 1000)
            if not ok and response is not None:
                errors.append(f"{response.status_code} {params}")


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 180) -> None:
    """Wait for the server to answer and its page index to be built."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode})")
        try:
            health = httpx.get(f"{base}/api/health", timeout=2)
            if health.status_code == 200 and health.json()["index"] != "building":
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server was not ready within {timeout:.0f}s")


def resident_mb(pid: int) -> float:
    """The process's resident memory (Linux /proc), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-bench-query.duckdb"))
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--no-index", dest="index", action="store_false",
                        help="serve with --no-index: pages from SQL (the former design)")
    args = parser.parse_args()
    build(args.db, args.events)
    exe = shutil.which("eventwire", path=str(Path(sys.executable).parent)) or "eventwire"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    launched = time.perf_counter()
    server = subprocess.Popen([exe, "serve", "--db", str(args.db), "--host", "127.0.0.1",
                               "--port", str(port), *([] if args.index else ["--no-index"])])
    try:
        wait_until_up(base, server)
        ready = time.perf_counter() - launched
        health = httpx.get(f"{base}/api/health").json()
        total = health["events"]
        for _ in range(5):  # warm the caches as a running server would be
            httpx.get(f"{base}/api/events", params=question(random.Random(0)), timeout=30)
        times: list[float] = []
        errors: list[str] = []
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(base, i, stop, times, errors))
                   for i in range(args.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        rss = resident_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    times.sort()

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))]

    print("== API load ==")
    print(f"store: {total:,} events; {args.clients} clients for {elapsed:.1f}s, "
          "GET /api/events pages of 100 with varied filters")
    print(f"server: page index {health['index']}, ready {ready:.1f}s after launch, "
          f"resident memory {rss:,.0f} MB after the run")
    print(f"requests {len(times)} ({len(times) / elapsed:.0f}/s), errors {len(errors)}")
    print(f"latency p50 {statistics.median(times):.1f} ms   p95 {pct(0.95):.1f} ms   "
          f"p99 {pct(0.99):.1f} ms   max {times[-1]:.1f} ms")
    for error in errors[:5]:
        print(f"  error: {error}")
    print("target: p95 < 150 ms, no errors")


if __name__ == "__main__":
    main()
