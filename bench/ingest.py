"""Ingest throughput at 1 and 2 worker processes, and each process's peak memory.

Generates the project corpus (``tools/make_corpus.py``, 20,000 articles, kept in
``out/``) and times ``eventwire ingest`` on the first ``--articles`` of it into a fresh
store, once with ``--workers 1`` and once with ``--workers 2``, both as a separate
process like a user would run it. Prints articles/s, the 2:1 ratio (target >= 1.7 on
two cores), and the peak RSS of the main process and of each worker (from
/proc/<pid>/status VmHWM, sampled while it runs).
Usage: python bench/ingest.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "out" / "corpus.jsonl"


def corpus(articles: int) -> Path:
    if not CORPUS.exists():
        subprocess.run([sys.executable, str(ROOT / "tools" / "make_corpus.py"), "--articles",
                        "20000", "-o", str(CORPUS)], check=True)
    part = CORPUS.with_name(f"corpus-first-{articles}.jsonl")
    if not part.exists():
        with CORPUS.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as out:
            out.writelines(itertools.islice(src, articles))
    return part


def peak_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            found = [int(x) for x in handle.read().split()]
    except OSError:
        return []
    return found + [g for c in found for g in children(c)]


def run(path: Path, workers: int) -> tuple[float, int, dict[int, int]]:
    db = Path(tempfile.mkdtemp(prefix="eventwire-ingest-")) / "bench.duckdb"
    exe = Path(sys.executable).parent / "eventwire"
    start = time.perf_counter()
    proc = subprocess.Popen([str(exe), "ingest", str(path), "--db", str(db), "--workers",
                             str(workers), "--no-progress"], stderr=subprocess.PIPE, text=True)
    peaks: dict[int, int] = {}
    while proc.poll() is None:
        for pid in [proc.pid, *children(proc.pid)]:
            peaks[pid] = max(peaks.get(pid, 0), peak_kb(pid))
        time.sleep(0.2)
    took = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        sys.exit(f"ingest failed: {err}")
    summary = err.strip().splitlines()[-1] if err.strip() else ""
    coded = int(summary.split(" coded")[0].rsplit(",", 1)[-1].strip()) if " coded" in summary else 0
    steady = float(summary.split("; ")[1].split("/s")[0]) if "/s after" in summary else 0.0
    return took, coded, steady, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=4000)
    args = parser.parse_args()
    path = corpus(args.articles)
    print("== ingest throughput (eventwire ingest, fresh store each run) ==")
    rates, steady = {}, {}
    for workers in (1, 2):
        took, coded, steady[workers], peaks = run(path, workers)
        rates[workers] = coded / took
        big = sorted((kb for kb in peaks.values() if kb > 50_000), reverse=True)
        shown = ", ".join(f"{kb / 1024:.0f} MB" for kb in big)
        print(f"--workers {workers}: {coded} articles in {took:.1f}s = {rates[workers]:.1f} "
              f"articles/s with start-up, {steady[workers]:.1f}/s once running; "
              f"peak RSS per process: {shown}")
    print(f"ratio 2 workers : 1 = {rates[2] / rates[1]:.2f} with start-up, "
          f"{steady[2] / steady[1]:.2f} once running (target >= 1.7)")


if __name__ == "__main__":
    main()
