"""Event dates: exact-resolution rate on the project's date test set, and scan speed.

The rate is the share of ``tests/data/dates.jsonl`` resolved to the expected date and
precision. Speed is ``find_dates`` on 3,000-character articles cut from real news
(the shared dev sets when present beside the checkout, else the bundled samples),
one core, best of several runs after a warm-up. Prints mentions/s and ms per article.
Usage: python bench/dates.py [--shared ../shared] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from eventwire.when import find_dates
from eventwire.when.evaluate import load_cases, score

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "dates.jsonl"
ARTICLE_CHARS = 3000
PUBLISHED = date(2020, 1, 4)


def news_texts(shared: Path) -> tuple[str, list[str]]:
    """Real news texts: the shared dev sets if available, else the bundled samples."""
    sources = [shared / "benchmarks" / "geoparse" / "gwn_dev.jsonl",
               shared / "benchmarks" / "plv" / "dev.jsonl"]
    if not all(path.is_file() for path in sources):
        sources = [ROOT / "samples" / "articles.jsonl"]
    texts: list[str] = []
    for path in sources:
        with path.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    return ", ".join(p.name for p in sources), texts


def articles_of(texts: list[str], size: int) -> list[str]:
    """The texts run together and cut into articles of about ``size`` characters."""
    whole = "\n\n".join(texts)
    out, start = [], 0
    while len(whole) - start >= size:
        end = whole.rfind(" ", start, start + size)  # cut between words
        end = end if end > start else start + size
        out.append(whole[start:end])
        start = end
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=ROOT.parent / "shared", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    result = score(load_cases(CASES))
    exact = len(result.outcomes) - len(result.misses)
    print("== dates ==")
    print(f"test set: {len(result.outcomes)} cases, exact resolution "
          f"{result.exact_rate:.3f} ({exact}/{len(result.outcomes)}; target 0.95)")
    for miss in result.misses:
        case = miss.case
        print(f"  miss: {case['sentence']!r} {case['expression']!r} published "
              f"{case['published']}: expected {case['expected_date']} {case['precision']}, "
              f"got {miss.got_date} {miss.got_precision}")

    source, texts = news_texts(args.shared)
    articles = articles_of(texts, ARTICLE_CHARS)
    for article in articles[:20]:
        find_dates(article, PUBLISHED)  # warm-up: load the word lists, compile the scan
    best, mentions = float("inf"), 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        mentions = sum(len(find_dates(article, PUBLISHED)) for article in articles)
        best = min(best, time.perf_counter() - start)
    print(f"speed: {len(articles)} articles of ~{ARTICLE_CHARS} chars from {source}, "
          f"{mentions} mentions")
    print(f"  {best / len(articles) * 1000:.2f} ms per article, {mentions / best:,.0f} mentions/s, "
          f"{len(articles) / best:,.0f} articles/s (best of {args.repeat})")


if __name__ == "__main__":
    main()
