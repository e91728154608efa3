"""Generate a news corpus with known duplicate stories, for the dedup benchmark.

Stories are drawn from the project's templates (``tools/corpus_templates.json``): a
frame (attack, airstrike, protest, arrests, deployment, sanctions, talks, accusation,
agreement, withdrawal) with its PLOVER category, a country weighted by how often it is
in the news, a real town (resolved in the gazetteer for its coordinates), a date in
2023, numbers and an issue. A share of stories (``--dup-share``) is re-told by 2-6
different outlets, published the same or the next day, each with its own lead,
synonyms, number phrasing ("at least 12", "a dozen", or a count that differs a little),
title and details. No two stories have the same category within a day of each other
less than 100 km apart, so distinct stories are distinct real-world events.

Writes the articles as JSONL (``id, title, text, published, source, url``) and a ground
truth file beside it (``<out>.truth.jsonl``: per article its ``story`` id and the
story's ``category``, ``date``, ``country``, ``other`` country, ``town``, ``lat``,
``lon``). Deterministic for a given ``--seed``.

Usage: python tools/make_corpus.py [--articles 20000] [--seed 7] [-o out/corpus.jsonl]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from eventwire.dedup import haversine_km
from eventwire.places.gazetteer import Gazetteer

TEMPLATES = Path(__file__).with_name("corpus_templates.json")
FIRST_DAY, DAYS = date(2023, 1, 1), 365
DISTINCT_KM = 100.0
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
                8: "eight", 9: "nine", 10: "ten", 12: "a dozen", 20: "some 20"}
_CHOICE = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class Town:
    name: str
    lat: float
    lon: float


@dataclass
class Story:
    id: str
    frame: dict[str, Any]
    country: dict[str, Any]
    other: dict[str, Any] | None
    town: Town
    day: date
    slots: dict[str, Any]


def resolve_towns(countries: list[dict[str, Any]], gazetteer: Gazetteer) -> dict[str, Town]:
    """Each template town (and capital) as the most populous gazetteer place of that name
    in its country; names the gazetteer does not know are dropped with a warning."""
    towns: dict[str, Town] = {}
    for country in countries:
        for name in [*country["towns"], country["capital"]]:
            places = [p for p in gazetteer.lookup(name) if p.feature_class == "P"
                      and gazetteer.iso3(p.country_code) == country["iso3"]]
            if not places:
                print(f"warning: {name} ({country['iso3']}) not in the gazetteer; skipped",
                      file=sys.stderr)
                continue
            best = max(places, key=lambda p: p.population)
            towns[name] = Town(name, best.lat, best.lon)
    return towns


def fill(template: str, slots: dict[str, str], rng: random.Random) -> str:
    """Pick one alternative of every ``[a|b]`` and fill the ``{slot}`` names."""
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    return text.format(**slots)


def number_phrase(n: int, rng: random.Random) -> str:
    """How one outlet words a count: sometimes exact, sometimes hedged or spelled out."""
    options = [str(n), f"at least {n}", f"at least {n}", f"more than {max(n - 1, 1)}"]
    if n in NUMBER_WORDS:
        options.append(NUMBER_WORDS[n])
    return rng.choice(options)


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class CorpusMaker:
    def __init__(self, templates: dict[str, Any], towns: dict[str, Town], seed: int) -> None:
        self.t = templates
        self.rng = random.Random(seed)
        self.countries = [c for c in templates["countries"] if c["capital"] in towns]
        for c in self.countries:
            c["towns"] = [name for name in c["towns"] if name in towns]
        self.towns = towns
        self.placed: dict[tuple[str, date], list[Town]] = {}

    def story(self, number: int) -> Story:
        """A new story, distinct from every earlier one (see the module docstring)."""
        rng = self.rng
        while True:
            frame = rng.choice(self.t["frames"])
            country = rng.choices(self.countries, [c["weight"] for c in self.countries])[0]
            other = None
            if frame["scope"] == "interstate":
                other = rng.choice([c for c in self.countries if c is not country])
                town = self.towns[country["capital"]]
            else:
                town = self.towns[rng.choice(country["towns"])]
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            if self._distinct(frame["category"], day, town):
                break
        self.placed.setdefault((frame["category"], day), []).append(town)
        slots = {"n": rng.choice([3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 17, 20, 23, 25, 31]),
                 "issue": rng.choice(self.t["issues"]), "topic": rng.choice(self.t["topics"]),
                 "accusation": rng.choice(self.t["accusations"]),
                 "targets": rng.choice(self.t["targets"]),
                 "armed": rng.choice(country["armed"])}
        return Story(f"s{number:05d}", frame, country, other, town, day, slots)

    def _distinct(self, category: str, day: date, town: Town) -> bool:
        for offset in (-1, 0, 1):
            for seen in self.placed.get((category, day + timedelta(days=offset)), ()):
                if haversine_km(seen.lat, seen.lon, town.lat, town.lon) < DISTINCT_KM:
                    return False
        return True

    def telling(self, story: Story, outlet: str, lead_index: int) -> dict[str, Any]:
        """One outlet's article about ``story``."""
        rng, frame, country, other = self.rng, story.frame, story.country, story.other
        lag = rng.choice((0, 0, 1))
        published = story.day + timedelta(days=lag)
        weekday = story.day.strftime("%A")
        when = rng.choice([f"on {weekday}", f"on {weekday}"] + (
            ["yesterday", f"late on {weekday}"] if lag else [f"early on {weekday}"]))
        n = story.slots["n"]
        if rng.random() < 0.3:  # outlets disagree a little on counts
            n = max(2, n + rng.choice((-2, -1, 1, 2)))
        armed = story.slots["armed"] if rng.random() < 0.7 else rng.choice(country["armed"])
        num = number_phrase(n, rng)
        slots = {**story.slots, "n": str(n), "num": num, "num_cap": cap(num),
                 "when": when, "when_cap": cap(when), "armed": armed, "armed_cap": cap(armed),
                 "armed_title": cap(armed.split()[-1]) if rng.random() < 0.5 else cap(armed),
                 "adj": country["adj"], "country": country["name"],
                 "country_cap": cap(country["name"]), "leader": country["leader"],
                 "town": story.town.name, "capital": country["capital"],
                 "other": other["name"] if other else "", "other_adj": other["adj"] if other
                 else "", "other_leader": other["leader"] if other else ""}
        lead = fill(frame["leads"][lead_index % len(frame["leads"])], slots, rng)
        if rng.random() < 0.5:
            where = country["capital"] if frame["scope"] == "interstate" else story.town.name
            lead = f"{where.upper()}, {country['name']} ({outlet}) — {lead}"
        details = rng.sample(frame["details"], k=min(len(frame["details"]), rng.randint(1, 2)))
        return {"title": fill(rng.choice(frame["titles"]), slots, rng),
                "text": "\n\n".join([lead, " ".join(details)]),
                "published": published.isoformat(), "source": outlet}

    def corpus(self, n_articles: int, dup_share: float) -> tuple[list[dict[str, Any]],
                                                                   list[dict[str, Any]]]:
        rng = self.rng
        tellings: list[tuple[Story, dict[str, Any]]] = []
        number = 0
        while len(tellings) < n_articles:
            story = self.story(number)
            number += 1
            copies = rng.randint(2, 6) if rng.random() < dup_share else 1
            outlets = rng.sample(self.t["outlets"], copies)
            first_lead = rng.randrange(len(story.frame["leads"]))
            for k, outlet in enumerate(outlets):
                tellings.append((story, self.telling(story, outlet, first_lead + k)))
        tellings = tellings[:n_articles]
        rng.shuffle(tellings)
        articles, truth = [], []
        for i, (story, article) in enumerate(tellings):
            doc_id = f"c{i:06d}"
            slug = re.sub(r"[^a-z0-9]+", "-", article["title"].lower()).strip("-")
            host = re.sub(r"[^a-z0-9]+", "", article["source"].lower())
            articles.append({"id": doc_id, **article,
                             "url": f"https://{host}.example/{article['published']}/{slug}"})
            truth.append({"id": doc_id, "story": story.id, "frame": story.frame["name"],
                          "category": story.frame["category"], "date": story.day.isoformat(),
                          "country": story.country["iso3"],
                          "other": story.other["iso3"] if story.other else None,
                          "town": story.town.name, "lat": story.town.lat,
                          "lon": story.town.lon})
        return articles, truth


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def truth_path(corpus: Path) -> Path:
    """Where the ground truth of ``corpus`` lives: ``x.jsonl`` -> ``x.truth.jsonl``."""
    return corpus.with_suffix(".truth.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--dup-share", type=float, default=0.4,
                        help="share of stories told by 2-6 outlets (default 0.4)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--out", type=Path, default=Path("out/corpus.jsonl"))
    args = parser.parse_args()
    templates = json.loads(TEMPLATES.read_text(encoding="utf-8"))
    towns = resolve_towns(templates["countries"], Gazetteer())
    articles, truth = CorpusMaker(templates, towns, args.seed).corpus(args.articles,
                                                                       args.dup_share)
    write_jsonl(args.out, articles)
    write_jsonl(truth_path(args.out), truth)
    stories = len({t["story"] for t in truth})
    print(f"{len(articles)} articles, {stories} stories -> {args.out} "
          f"(truth: {truth_path(args.out)})")


if __name__ == "__main__":
    main()
