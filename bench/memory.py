"""Peak memory while streaming many articles through `eventwire extract`.

Builds a JSONL of N articles from the bundled samples (paragraphs recombined), runs
the CLI on it in a child process, and prints the child's peak RSS.
Usage: python bench/memory.py [--articles 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(path: Path, count: int) -> None:
    samples = [json.loads(line) for line in (ROOT / "samples" / "articles.jsonl").open()]
    paragraphs = [p for s in samples for p in s["text"].split("\n\n") if p.strip()]
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            base = samples[i % len(samples)]
            body = "\n\n".join(rng.sample(paragraphs, k=min(6, len(paragraphs))))
            record = {"id": f"mem-{i}", "title": base["title"], "text": body,
                      "published": base.get("published")}
            handle.write(json.dumps(record) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="eventwire-mem-"))
    corpus = tmp / "corpus.jsonl"
    build(corpus, args.articles)
    exe = Path(sys.executable).parent / "eventwire"
    start = time.perf_counter()
    subprocess.run([str(exe), "extract", str(corpus), "--format", "jsonl", "-o",
                    str(tmp / "events.jsonl"), "--no-progress"], check=False)
    took = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    events = sum(1 for _ in (tmp / "events.jsonl").open())
    print("== memory (streaming extract) ==")
    print(f"{args.articles} articles, {events} events in {took:.0f}s "
          f"({args.articles / took:.1f} articles/s); peak RSS {peak_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
