"""Cross-article deduplication: each rule on hand-made mentions, the data file's
missing-field choices, order independence, incremental use, and one run through the
real pipeline."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import Article, Coded, Pipeline
from eventwire.data import load_data
from eventwire.dedup import (
    Cluster,
    DedupRules,
    Mention,
    cluster,
    cluster_into,
    date_window,
    haversine_km,
)
from eventwire.errors import DataFileError

DAY = date(2023, 5, 9)
KANO = (12.00012, 8.51672)
KADUNA = (10.52641, 7.43879)  # about 200 km from Kano


def kano_attack(id_: str, source: str | None, **changes: Any) -> Mention:
    """One report of the same attack: gunmen (NGA) on Nigerian police in Kano."""
    base = Mention(id=id_, doc_id=f"doc-{id_}", category="ASSAULT",
                   actors=frozenset({"NGA"}), recipients=frozenset({"NGA"}), date=DAY,
                   lat=KANO[0], lon=KANO[1], resolution=4, country="NGA",
                   sentence="Gunmen attacked a police station in Kano on Tuesday, "
                            "killing at least 12 officers.", source=source)
    return replace(base, **changes)


def report_b(**changes: Any) -> Mention:
    """Another outlet's report of it, a day later, in other words."""
    fields: dict[str, Any] = {"date": date(2023, 5, 10), "source": "Sahara Wire",
                              "sentence": "Armed men stormed a police post in Kano and "
                                          "killed a dozen policemen, officials said."}
    fields.update(changes)
    return kano_attack("b", fields.pop("source"), **fields)


def linked(a: Mention, b: Mention, rules: DedupRules | None = None) -> bool:
    return (rules or DedupRules.load()).links(a, b)


def rules_with(**fields: dict[str, Any]) -> DedupRules:
    data = copy.deepcopy(load_data("dedup.json"))
    for name, entry in fields.items():
        data[name].update(entry)
    return DedupRules.load(data)


def rules_with_top(**entries: Any) -> DedupRules:
    return DedupRules.load({**copy.deepcopy(load_data("dedup.json")), **entries})


# --- the rules, one at a time ------------------------------------------------------

def test_same_story_from_two_outlets_is_one_event() -> None:
    a, b = kano_attack("a", "Daily Post"), report_b()
    assert linked(a, b)
    (only,) = cluster([a, b])
    assert only.id == "a" and only.mention_ids == ("a", "b")
    assert only.num_mentions == 2 and only.num_sources == 2
    assert only.sources == ("Daily Post", "Sahara Wire")


def test_dates_more_than_a_day_apart_do_not_link() -> None:
    assert not linked(kano_attack("a", "X"), report_b(date=date(2023, 5, 11)))


def test_different_category_does_not_link() -> None:
    assert not linked(kano_attack("a", "X"), report_b(category="PROTEST"))


def test_places_beyond_50_km_do_not_link() -> None:
    assert haversine_km(*KANO, *KADUNA) > 50
    assert not linked(kano_attack("a", "X"), report_b(lat=KADUNA[0], lon=KADUNA[1]))


def test_nearby_places_link() -> None:
    assert linked(kano_attack("a", "X"), report_b(lat=KANO[0] + 0.1, lon=KANO[1]))


def test_disjoint_actors_or_recipients_do_not_link() -> None:
    a = kano_attack("a", "X")
    assert not linked(a, report_b(actors=frozenset({"NER"})))
    assert not linked(a, report_b(recipients=frozenset({"CMR"})))


def test_unlike_wording_lowers_the_score() -> None:
    rules = DedupRules.load()
    a, b = kano_attack("a", "X"), report_b()
    other = replace(b, sentence="Fighting spread to farms outside town.")
    assert rules.score(a, other) < rules.score(a, b)  # type: ignore[operator]
    strict = rules_with(wording={"min_similarity": 0.9})
    assert not strict.links(a, other)


def test_coarse_places_compare_by_country() -> None:
    a = kano_attack("a", "X")
    nigeria = report_b(lat=9.0, lon=8.0, resolution=1, country="NGA")
    assert linked(a, nigeria)
    assert not linked(a, replace(nigeria, country="NER"))


def test_symmetric_categories_pool_the_two_sides() -> None:
    meet = Mention("m1", "d1", "CONSULT", frozenset({"BRA"}), frozenset({"CHN"}), DAY,
                   sentence="Lula met Xi Jinping in Brasilia to discuss trade.")
    visit = Mention("m2", "d2", "CONSULT", frozenset({"CHN"}), frozenset({"BRA"}), DAY,
                    sentence="Xi Jinping visited Brasilia for talks with Lula on trade.")
    assert linked(meet, visit)
    assert not linked(replace(meet, category="ACCUSE"), replace(visit, category="ACCUSE"))


def test_generic_sentences_do_not_link_on_wording_alone() -> None:
    bare: dict[str, Any] = {"actors": frozenset(), "recipients": frozenset(), "lat": None,
                            "lon": None, "country": None,
                            "sentence": "The attackers fled before police arrived."}
    a, b = kano_attack("a", "X", **bare), report_b(**bare)
    assert load_data("dedup.json")["min_anchors"] >= 1
    assert not linked(a, b)
    assert linked(a, b, rules_with_top(min_anchors=0))


def test_two_events_of_one_sentence_are_one_report() -> None:
    text = "Sudan accused Iraq of spying and summoned its ambassador."
    right = Mention("e1", "d1", "ACCUSE", frozenset({"SDN"}), frozenset({"IRQ"}), DAY,
                    sentence=text)
    wrong_roles = replace(right, id="e2", recipients=frozenset({"SDN"}))
    assert linked(right, wrong_roles)
    elsewhere = replace(wrong_roles, doc_id="d2")  # same words in another article
    assert not linked(right, elsewhere)
    far = replace(wrong_roles, lat=KADUNA[0], lon=KADUNA[1], resolution=4)
    assert not linked(replace(right, lat=KANO[0], lon=KANO[1], resolution=4), far)
    assert [c.mention_ids for c in cluster([wrong_roles, right])] == [("e1", "e2")]


# --- missing fields behave as the data file says -----------------------------------

def test_missing_fields_follow_the_data_file() -> None:
    data = load_data("dedup.json")
    a = kano_attack("a", "X")
    undated = report_b(date=None)
    assert linked(a, undated) is (data["date"]["missing"] == "compatible")
    assert linked(a, report_b(lat=None, lon=None, country=None)) is (data["place"]["missing"]
                                                        == "compatible")
    assert linked(a, report_b(actors=frozenset())) is (data["actor"]["missing"]
                                                        == "compatible")


@pytest.mark.parametrize("field, change", [
    ("date", {"date": None}),
    ("place", {"lat": None, "lon": None, "country": None}),
    ("actor", {"actors": frozenset()}),
    ("recipient", {"recipients": frozenset()}),
    ("wording", {"sentence": ""}),
])
def test_each_missing_rule_is_switchable(field: str, change: dict[str, Any]) -> None:
    a, b = kano_attack("a", "X"), report_b(**change)
    lenient = rules_with(**{field: {"missing": "compatible", "missing_credit": 1.0}})
    strict = rules_with(**{field: {"missing": "incompatible"}})
    assert lenient.links(a, b)
    assert not strict.links(a, b)


def test_rules_file_is_checked() -> None:
    data = copy.deepcopy(load_data("dedup.json"))
    assert data["schema"] == "eventwire.dedup/1"
    with pytest.raises(DataFileError, match="schema"):
        DedupRules.load({**data, "schema": "eventwire.other/1"})
    with pytest.raises(DataFileError, match="missing"):
        DedupRules.load({**data, "date": {**data["date"], "missing": "maybe"}})
    del data["threshold"]
    with pytest.raises(DataFileError, match="threshold"):
        DedupRules.load(data)


# --- clustering as a whole -------------------------------------------------------------

def test_unrelated_events_stay_apart_and_ids_are_earliest_first() -> None:
    a, b = kano_attack("z", "X", date=date(2023, 5, 9)), report_b()
    far = report_b(lat=KADUNA[0], lon=KADUNA[1])
    far = replace(far, id="c", doc_id="doc-c")
    clusters = cluster([b, far, a])
    assert [c.mention_ids for c in clusters] == [("z", "b"), ("c",)]
    assert clusters[0].id == "z"  # earliest-dated, not the smallest id


def test_num_sources_falls_back_to_articles() -> None:
    a, b = kano_attack("a", None), report_b(source=None)
    c = replace(a, id="a2")  # a second event of the same article
    (only,) = cluster([a, b, c])
    assert only.num_mentions == 3 and only.num_sources == 2 and only.sources == ()


mentions = st.builds(
    Mention,
    id=st.uuids().map(str),
    doc_id=st.sampled_from(["d1", "d2", "d3", "d4"]),
    category=st.sampled_from(["ASSAULT", "PROTEST"]),
    actors=st.frozensets(st.sampled_from(["NGA", "NER", "KEN"]), max_size=2),
    recipients=st.frozensets(st.sampled_from(["NGA", "NER"]), max_size=1),
    date=st.one_of(st.none(), st.dates(date(2023, 5, 1), date(2023, 5, 4))),
    lat=st.one_of(st.none(), st.floats(11.5, 12.5)),
    lon=st.just(8.5),
    sentence=st.sampled_from(["gunmen attacked Kano", "armed men stormed a post in Kano",
                              "protesters marched in Kano", ""]),
    source=st.sampled_from(["A", "B", None]),
)


def as_sets(clusters: list[Cluster]) -> list[tuple[str, frozenset[str]]]:
    return sorted((c.id, frozenset(c.mention_ids)) for c in clusters)


@settings(max_examples=60, deadline=None)
@given(st.lists(mentions, max_size=25, unique_by=lambda m: m.id), st.randoms())
def test_order_and_batching_do_not_change_the_clusters(items: list[Mention],
                                                       rnd: Any) -> None:
    whole = cluster(items)
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert [c.mentions for c in cluster(shuffled)] == [c.mentions for c in whole]
    cut = rnd.randint(0, len(items))
    earlier = cluster(shuffled[:cut])
    assert as_sets(cluster_into(earlier, shuffled[cut:])) == as_sets(whole)


def test_incremental_use_needs_only_the_date_window() -> None:
    a, b = kano_attack("a", "X"), report_b()
    assert date_window([b]) == (date(2023, 5, 9), date(2023, 5, 11))
    assert date_window([replace(b, date=None)]) is None
    merged = cluster_into(cluster([a]), [b, b])  # adding a mention twice is harmless
    assert [c.mention_ids for c in merged] == [("a", "b")]


# --- end to end through the real pipeline ------------------------------------------

ARTICLES = [
    Article("wire-1", "KANO, Nigeria (Daily Post) — Gunmen attacked a police station in "
            "Kano on Tuesday, killing at least 12 officers, police said.",
            title="Gunmen kill 12 police officers in Kano", published=date(2023, 5, 9),
            source="Daily Post"),
    Article("wire-2", "Armed men stormed a police station in Kano on Tuesday and killed "
            "a dozen officers, officials said.", title="Dozen officers dead in Kano raid",
            published=date(2023, 5, 10), source="Sahara Wire"),
    Article("wire-3", "Thousands of people protested in Santiago on Monday against "
            "rising fuel prices.", title="Fuel protest in Santiago",
            published=date(2023, 5, 8), source="Andes Journal"),
    Article("wire-4", "Turkey imposed sanctions on three Syrian officials on Friday, "
            "the foreign ministry said.", title="Turkey sanctions Syrian officials",
            published=date(2023, 5, 12), source="Levant Post"),
    Article("wire-5", "Russia deployed additional troops to its border with Finland on "
            "Sunday, the defence ministry said.", title="Russian troops at the border",
            published=date(2023, 5, 14), source="Steppe Times"),
    Article("wire-6", "Police arrested 40 opposition supporters in Harare on Wednesday.",
            title="Arrests in Harare", published=date(2023, 5, 10), source="Metro Bulletin"),
]


def test_two_outlets_reporting_one_attack_make_one_event() -> None:
    items = [Mention.from_event(event, coded.article)
             for coded in Pipeline().code_many(ARTICLES) if isinstance(coded, Coded)
             for event in coded.events]
    clusters = cluster(items)
    attacks = [c for c in clusters
               if {m.doc_id for m in c.mentions} & {"wire-1", "wire-2"}]
    assert len(attacks) == 1
    (attack,) = attacks
    assert attack.category == "ASSAULT"
    assert attack.num_sources == 2 and attack.sources == ("Daily Post", "Sahara Wire")
    assert {m.doc_id for m in attack.mentions} == {"wire-1", "wire-2"}
    others = [c for c in clusters if c is not attack]
    assert all(len({m.doc_id for m in c.mentions}) == 1 for c in others)
