"""Cross-article deduplication on the generated corpus: pairwise precision and recall.

Codes the corpus made by ``tools/make_corpus.py`` (or its first ``--limit N``
articles) with ``Pipeline().code_many``, clusters the events with
``eventwire.dedup.cluster`` and scores the clusters against the corpus's ground truth
(``<corpus>.truth.jsonl``: the story each article tells and the story's category).

Pairs are pairs of coded events from two *different* articles:

* a **gold pair**: both articles tell the same story and both events are coded with
  the story's category (events of other categories in a story's articles are the
  coder's side findings; the truth says nothing about them, so their pairs within the
  story are not scored);
* a **wrong pair**: the articles tell different stories (any categories);
* a pair is **predicted** when both events are in one cluster.

precision = predicted gold pairs / predicted scored pairs (gold or wrong);
recall = predicted gold pairs / gold pairs. Pairs within one article are not scored.

Also prints the clustering time on the corpus's events, and on 200,000 mentions made
by copying them into later years (ids and dates shifted, so each day's block is as
full as in the corpus). The coded events are cached beside the corpus
(``<corpus>.events.jsonl``) so re-running after a rule change does not recode;
``--recode`` forces coding.

Usage: python bench/dedup.py [--corpus out/corpus.jsonl] [--limit N] [--recode]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eventwire.dedup import Cluster, Mention, cluster
from eventwire.model import Article, Coded
from eventwire.pipeline import Pipeline

SCALE_MENTIONS = 200_000


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if limit is not None and len(records) >= limit:
                break
    return records


def code_corpus(records: list[dict[str, Any]]) -> tuple[list[Mention], float, int]:
    """Every event of the articles as a Mention; the coding time; the failures."""
    articles = [Article(doc_id=r["id"], text=r["text"], title=r.get("title"),
                        published=date.fromisoformat(r["published"]), url=r.get("url"),
                        source=r.get("source")) for r in records]
    mentions: list[Mention] = []
    failures = 0
    start = time.perf_counter()
    for result in Pipeline().code_many(articles):
        if isinstance(result, Coded):
            mentions.extend(Mention.from_event(e, result.article) for e in result.events)
        else:
            failures += 1
    return mentions, time.perf_counter() - start, failures


def load_or_code(corpus: Path, limit: int | None, recode: bool) -> list[Mention]:
    records = read_jsonl(corpus, limit)
    digest = hashlib.sha256(corpus.read_bytes()).hexdigest()[:16]
    cache = corpus.with_suffix(".events.jsonl")
    key = {"corpus": digest, "articles": len(records)}
    if cache.exists() and not recode:
        with cache.open(encoding="utf-8") as handle:
            if json.loads(handle.readline()) == key:
                print(f"coded events: cached in {cache} (--recode to code again)")
                return [_mention(json.loads(line)) for line in handle]
    mentions, took, failures = code_corpus(records)
    print(f"coded {len(records)} articles in {took:.0f}s ({len(records) / took:.1f} "
          f"articles/s), {len(mentions)} events, {failures} failures")
    with cache.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(key) + "\n")
        for m in mentions:
            record = asdict(m)
            record.update(actors=sorted(m.actors), recipients=sorted(m.recipients),
                          date=m.date.isoformat() if m.date else None)
            handle.write(json.dumps(record) + "\n")
    return mentions


def _mention(record: dict[str, Any]) -> Mention:
    record.update(actors=frozenset(record["actors"]),
                  recipients=frozenset(record["recipients"]),
                  date=date.fromisoformat(record["date"]) if record["date"] else None)
    return Mention(**record)


def pair_scores(clusters: list[Cluster], truth: dict[str, dict[str, Any]]
                ) -> dict[str, float]:
    """Pairwise counts and precision/recall as the module docstring defines them."""
    def gold(m: Mention) -> bool:
        return m.category == truth[m.doc_id]["category"]

    def cross_doc_pairs(members: list[Mention]) -> int:
        per_doc = Counter(m.doc_id for m in members)
        total = sum(per_doc.values())
        return (total * total - sum(n * n for n in per_doc.values())) // 2

    by_story: dict[str, list[Mention]] = defaultdict(list)
    hit = wrong = 0
    for c in clusters:
        stories: dict[str, list[Mention]] = defaultdict(list)
        for m in c.mentions:
            stories[truth[m.doc_id]["story"]].append(m)
            if gold(m):
                by_story[truth[m.doc_id]["story"]].append(m)
        sizes = [len(v) for v in stories.values()]
        wrong += (sum(sizes) ** 2 - sum(n * n for n in sizes)) // 2
        hit += sum(cross_doc_pairs([m for m in v if gold(m)]) for v in stories.values())
    positives = sum(cross_doc_pairs(v) for v in by_story.values())
    return {"gold": positives, "predicted_gold": hit, "predicted_wrong": wrong,
            "precision": hit / (hit + wrong) if hit + wrong else 1.0,
            "recall": hit / positives if positives else 1.0}


def scaled(mentions: list[Mention], n: int) -> list[Mention]:
    """``n`` mentions: copies of ``mentions`` moved by whole years, with new ids."""
    out: list[Mention] = []
    copy = 0
    while len(out) < n:
        shift = timedelta(days=366 * copy)
        out.extend(replace(m, id=f"{m.id}~{copy}", doc_id=f"{m.doc_id}~{copy}",
                           date=m.date + shift if m.date else None)
                   for m in mentions[: n - len(out)])
        copy += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path("out/corpus.jsonl"))
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--recode", action="store_true")
    parser.add_argument("--no-scale", action="store_true",
                        help=f"skip the {SCALE_MENTIONS:,}-mention timing")
    args = parser.parse_args()
    truth_file = args.corpus.with_suffix(".truth.jsonl")
    if not args.corpus.exists() or not truth_file.exists():
        sys.exit(f"no corpus at {args.corpus}: run python tools/make_corpus.py first")
    truth = {t["id"]: t for t in read_jsonl(truth_file)}
    mentions = load_or_code(args.corpus, args.limit, args.recode)
    articles = len({m.doc_id for m in mentions})
    start = time.perf_counter()
    clusters = cluster(mentions)
    took = time.perf_counter() - start
    s = pair_scores(clusters, truth)
    stories = len({truth[m.doc_id]["story"] for m in mentions})
    print("== dedup (generated corpus) ==")
    print(f"{articles} articles with events, {len(mentions)} events, {stories} stories "
          f"-> {len(clusters)} clusters ({sum(c.num_mentions > 1 for c in clusters)} with "
          f"2+ mentions, largest {max((c.num_mentions for c in clusters), default=0)})")
    print(f"pairs: gold {s['gold']}, predicted gold {s['predicted_gold']}, "
          f"predicted wrong {s['predicted_wrong']}")
    print(f"pairwise precision {s['precision']:.3f} (target >= 0.9)  "
          f"recall {s['recall']:.3f} (target >= 0.8)")
    print(f"clustering {len(mentions)} events: {took:.2f}s")
    if not args.no_scale and mentions:
        big = scaled(mentions, SCALE_MENTIONS)
        start = time.perf_counter()
        n = len(cluster(big))
        print(f"clustering {len(big)} mentions: {time.perf_counter() - start:.2f}s "
              f"({n} clusters)")


if __name__ == "__main__":
    main()
