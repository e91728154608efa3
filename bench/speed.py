"""Speed of the coding pipeline against bare spaCy parsing of the same texts.

Both run in this process on one core, on the same texts (real news from the shared
dev sets), after a warm-up. Prints the time ratio (pipeline / bare parse),
sentences/s and articles/s. Usage: python bench/speed.py [--shared ../shared]
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from eventwire.coding.coder import CoderSettings  # noqa: E402
from eventwire.model import Article, Coded  # noqa: E402
from eventwire.nlp.spacy_model import load_model  # noqa: E402
from eventwire.pipeline import Pipeline  # noqa: E402


def corpus(shared: Path, limit: int) -> list[Article]:
    articles = []
    for rel in ("geoparse/gwn_dev.jsonl", "plv/dev.jsonl"):
        with (shared / "benchmarks" / rel).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                articles.append(Article(doc_id=str(record["id"]), text=record["text"]))
    return articles[:limit]


def time_bare(texts: list[str]) -> tuple[float, int]:
    nlp = load_model()
    start = time.perf_counter()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))
    return time.perf_counter() - start, sentences


def time_pipeline(pipeline: Pipeline, articles: list[Article]) -> tuple[float, int]:
    start = time.perf_counter()
    events = sum(len(r.events) for r in pipeline.code_many(articles) if isinstance(r, Coded))
    return time.perf_counter() - start, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--limit", type=int, default=1244)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if not (args.shared / "benchmarks").is_dir():
        sys.exit(f"no benchmarks under {args.shared}; pass --shared PATH")
    articles = corpus(args.shared, args.limit)
    texts = [a.text for a in articles]
    pipelines = {"hybrid": Pipeline(), "rules": Pipeline(CoderSettings(use_classifier=False)),
                 "hybrid, no places/dates": Pipeline(situate=False)}
    for p in pipelines.values():
        time_pipeline(p, articles[:20])  # warm-up: load models and data
    time_bare(texts[:20])
    bare = min(time_bare(texts)[0] for _ in range(args.repeat))
    _, sentences = time_bare(texts)
    print("== speed (one core, same texts) ==")
    print(f"corpus: {len(articles)} articles, {sentences} sentences")
    print(f"bare en_core_web_sm parse: {bare:.2f}s  {sentences / bare:.0f} sentences/s")
    took: dict[str, float] = {}
    for name, pipeline in pipelines.items():
        took[name] = min(time_pipeline(pipeline, articles)[0] for _ in range(args.repeat))
        t = took[name]
        print(f"eventwire {name:7s}: {t:.2f}s  ratio {t / bare:.2f}x  "
              f"{sentences / t:.0f} sentences/s  {len(articles) / t:.1f} articles/s")
    without = took["hybrid, no places/dates"]
    extra = took["hybrid"] - without
    print(f"places and dates add {extra:.2f}s: {100 * extra / without:.1f}% of coding time "
          f"(parse included; target <= 20%), {100 * extra / max(without - bare, 1e-9):.1f}% "
          "of the coder's own time (parse excluded)")


if __name__ == "__main__":
    main()
