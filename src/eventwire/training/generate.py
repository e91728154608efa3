"""Generate labelled training sentences from the project's own templates.

``templates.json`` holds trigger phrasings per PLOVER category and mode;
``slots.json`` holds the fillers (actors, places, topics) and the reporting frames
(``officials said ...``, ``according to ...``). Template syntax:

* ``(a|b|c)`` picks one alternative; ``(a)?`` is optional; groups may nest.
* ``*word*`` marks the trigger token (one is picked if several are marked).
* ``~word~`` marks an embedded event word that belongs to the same event
  (``threatened to ~attack~``); it is also emitted as a trigger with the
  *governing* label, which teaches the classifier that the governor decides.
* ``{SLOT}`` is filled from ``slots.json``; ``{has}``, ``{was}``, ``{is}`` agree
  in number with the first actor slot of the clause.

Every example records the character offsets of its trigger. The output is a pure
function of ``(n, seed)``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import asdict, dataclass
from typing import Any

from ..data import load_json
from ..errors import DataFileError

DEFAULT_SEED = 20240611
DEFAULT_SIZE = 24000
EMBEDDED_SHARE = 0.35  # chance that an embedded ~word~ also yields an example
_GROUP = re.compile(r"\(([^()]*)\)(\?)?")
_SLOT = re.compile(r"\{([A-Za-z0-9]+)\}")
_AGREEMENT = {"has": ("has", "have"), "was": ("was", "were"), "is": ("is", "are")}
# Slots whose filler is a grammatical subject candidate (sets {has}/{was} number).
_ACTOR_SLOTS = frozenset({"A", "R", "GOV", "GOVP", "FORCES", "POLICE", "CROWD", "PEOPLE",
                          "CAPTIVES", "ORG", "C"})


@dataclass(frozen=True, slots=True)
class Example:
    """One generated sentence with its trigger span and labels."""

    text: str
    start: int
    end: int
    category: str
    mode: str | None
    template: str
    embedded: bool = False

    @property
    def trigger(self) -> str:
        return self.text[self.start:self.end]


@dataclass(frozen=True, slots=True)
class TemplateGroup:
    category: str
    mode: str | None
    templates: tuple[str, ...]


def _load(name: str, schema: str) -> Any:
    return load_json(__package__ or "eventwire.training", name, schema)


def load_groups() -> tuple[TemplateGroup, ...]:
    """The template groups of ``templates.json``, checked for markers."""
    raw = _load("templates.json", "eventwire.training-templates/1")
    groups = []
    for entry in raw["groups"]:
        templates = tuple(entry["t"])
        for template in templates:
            if "*" not in template or template.count("(") != template.count(")"):
                raise DataFileError(f"templates.json: bad template {template!r}")
        groups.append(TemplateGroup(entry["cat"], entry.get("mode"), templates))
    return tuple(groups)


def load_slots() -> dict[str, Any]:
    """Slot fillers and frames of ``slots.json``."""
    data: dict[str, Any] = _load("slots.json", "eventwire.training-slots/1")
    return data


class Filler:
    """Fills ``{SLOT}`` references with random fillers, tracking subject number."""

    def __init__(self, slots: dict[str, Any], rng: random.Random) -> None:
        self.slots = slots
        self.rng = rng
        self.lists: dict[str, list[str]] = {
            "A": slots["gov_sg"] * 3 + slots["gov_pl"] + slots["orgs"] + slots["opposition"],
            "R": slots["gov_sg"] * 2 + slots["gov_pl"] + slots["orgs"] + slots["opposition"]
            + slots["forces_sg"],
            "GOV": slots["gov_sg"] * 2 + slots["gov_pl"],
            "GOVP": slots["officials"],
            "FORCES": slots["forces_sg"] + slots["forces_pl"] * 2,
            "POLICE": slots["police"], "CROWD": slots["crowd"], "PEOPLE": slots["people"],
            "CAPTIVES": slots["captives"], "ORG": slots["orgs"], "SPK": slots["speakers"],
            "CITY": slots["cities"], "CAP": slots["capitals"], "N": slots["numbers"],
            "M": slots["money"], "T": slots["times"], "T2": slots["times"],
            "TOPIC": slots["topics"], "DEAL": slots["deals"], "ISSUE": slots["issues"],
            "NAME": slots["names"], "AGENCY": slots["agencies"],
            "PLACE": slots["cities"] * 2 + slots["regions"] + ["{C}"] * 12,
        }
        self.plural: bool | None = None

    def fill(self, text: str) -> str:
        """Fill every slot of ``text`` left to right."""
        self.plural = None
        return _SLOT.sub(self._one, text)

    def _one(self, match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _AGREEMENT:
            before = match.string[:match.start()]
            plural = self.plural
            if plural is None or " and " in before:
                plural = bool(plural) or before.rstrip().endswith("s") or " and " in before
            return _AGREEMENT[name][1 if plural else 0]
        country, demonym = self.rng.choice(self.slots["countries"])
        if name == "C":
            value = country
        elif name == "D":
            value = demonym
        elif name in self.lists:
            value = self.rng.choice(self.lists[name])
        else:
            raise DataFileError(f"templates.json: unknown slot {{{name}}}")
        plural = value.endswith("#pl")
        value = value.removesuffix("#pl")
        value = value.replace("{C}", country).replace("{D}", demonym)
        value = _SLOT.sub(lambda m: self.rng.choice(self.lists[m.group(1)]).removesuffix("#pl"),
                          value)
        if name in _ACTOR_SLOTS and self.plural is None:
            self.plural = plural
        return value


def expand(template: str, rng: random.Random) -> str:
    """Resolve ``(a|b)`` alternatives and ``(x)?`` options, innermost first."""
    def pick(match: re.Match[str]) -> str:
        if match.group(2) == "?":
            return match.group(1) if rng.random() < 0.5 else ""
        return rng.choice(match.group(1).split("|"))

    previous = None
    while previous != template:
        previous, template = template, _GROUP.sub(pick, template)
    return template


def _strip_markers(text: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Remove ``*..*`` and ``~..~`` markers, returning their spans in the clean text."""
    out: list[str] = []
    spans: dict[str, list[tuple[int, int]]] = {"*": [], "~": []}
    open_at: dict[str, int] = {}
    length = 0
    for char in text:
        if char in spans:
            if char in open_at:
                spans[char].append((open_at.pop(char), length))
            else:
                open_at[char] = length
            continue
        out.append(char)
        length += 1
    return "".join(out), spans["*"], spans["~"]


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).replace(" ,", ",").replace(" .", ".").strip()
    return text.replace("..", ".")


def _frame(core: str, filler: Filler, rng: random.Random) -> str:
    frames = filler.slots["frames"]
    frame = rng.choices([f["text"] for f in frames], weights=[f["weight"] for f in frames])[0]
    core_plural = filler.plural
    framed: str = filler.fill(frame.replace("{core}", "\x00"))
    filler.plural = core_plural
    return framed.replace("\x00", core)


def generate(n: int = DEFAULT_SIZE, seed: int = DEFAULT_SEED) -> list[Example]:
    """About ``n`` labelled examples, balanced over the 16 categories."""
    rng = random.Random(seed)
    groups = load_groups()
    filler = Filler(load_slots(), rng)
    by_category: dict[str, list[TemplateGroup]] = {}
    for group in groups:
        by_category.setdefault(group.category, []).append(group)
    categories = sorted(by_category)
    examples: list[Example] = []
    while len(examples) < n:
        category = categories[len(examples) % len(categories)]
        options = by_category[category]
        group = rng.choices(options, weights=[len(g.templates) for g in options])[0]
        index = rng.randrange(len(group.templates))
        core = filler.fill(expand(group.templates[index], rng))
        marked = _frame(core, filler, rng)
        text, triggers, embedded = _strip_markers(_tidy(marked))
        if not triggers:
            continue
        text = text[0].upper() + text[1:]
        tag = f"{category}/{group.mode or '-'}/{index}"
        start, end = rng.choice(triggers)
        examples.append(Example(text, start, end, category, group.mode, tag))
        for start, end in embedded:
            if rng.random() < EMBEDDED_SHARE:
                examples.append(Example(text, start, end, category, group.mode, tag, True))
    return examples[:n]


def main(argv: list[str] | None = None) -> int:
    """Print generated examples as JSON lines (for inspection)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    for example in generate(args.n, args.seed):
        record = asdict(example) | {"trigger": example.trigger}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
