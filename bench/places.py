"""Geoparsing on the shared GeoWebNews dev set, and the gazetteer's load cost.

Runs ``eventwire places`` logic on each gold article's ``text`` (titles are left out:
the gold offsets are into ``text``), scores with the shared ``score_places.py``, and
measures opening the gazetteer in a fresh process (time to the first lookup, peak RSS).
Usage: python bench/places.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from eventwire.model import Article, Coded
from eventwire.pipeline import Pipeline

LOAD_PROBE = """
import time
def rss():  # this process's own peak (ru_maxrss would include the parent's, across exec)
    with open("/proc/self/status") as status:
        line = next(x for x in status if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024
t = time.perf_counter()
from eventwire.places.gazetteer import Gazetteer
before = rss()
g = Gazetteer()
hits = sum(len(g.lookup(n)) for n in ("Baghdad", "Springfield", "Georgia", "Goma", "Paris"))
took = time.perf_counter() - t
print(took, rss(), rss() - before, hits)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default="../shared", type=Path)
    args = parser.parse_args()
    gold_path = args.shared / "benchmarks" / "geoparse" / "gwn_dev.jsonl"
    scorer = args.shared / "benchmarks" / "score_places.py"
    if not gold_path.is_file():
        sys.exit(f"no GeoWebNews dev set under {args.shared}; pass --shared PATH")
    with gold_path.open(encoding="utf-8") as handle:
        gold = [json.loads(line) for line in handle]
    articles = [Article(doc_id=str(g["id"]), text=g["text"]) for g in gold]
    pipeline = Pipeline()
    pipeline.geoparser.gazetteer.db  # noqa: B018 - build it now if missing, not in the probe
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as out:
        for result in pipeline.places(articles):
            if isinstance(result, Coded):
                for mention in result.places:
                    out.write(json.dumps(mention.to_dict(result.article.doc_id)) + "\n")
    score = json.loads(subprocess.run([sys.executable, str(scorer), str(gold_path), out.name,
                                       "--json"], capture_output=True, text=True,
                                      check=True).stdout)
    Path(out.name).unlink()
    print("== geoparsing, GeoWebNews dev (200 articles, 2,599 toponyms) ==")
    for key in ("precision", "recall", "f1", "acc_161km", "median_error_km",
                "exact_geonameid", "end_to_end_161km"):
        print(f"{key:18s} {score[key]}")
    print("targets: f1 >= 0.75, acc_161km >= 0.85")
    probe = subprocess.run([sys.executable, "-c", LOAD_PROBE], capture_output=True, text=True,
                           check=True).stdout.split()
    print(f"gazetteer load (fresh process, import + open + 5 lookups): {float(probe[0]):.2f}s, "
          f"process peak RSS {float(probe[1]):.0f} MB, of which the gazetteer "
          f"{float(probe[2]):.0f} MB (targets <= 2 s, <= 500 MB)")


if __name__ == "__main__":
    main()
