"""Coder behaviour on sentences written for these tests (real spaCy, real data files)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import extract
from eventwire.model import Event


def events_of(text: str, published: date | None = date(2020, 1, 1), **kw: object) -> list[Event]:
    return extract(text, published=published, **kw)  # type: ignore[arg-type]


def only(text: str, **kw: object) -> Event:
    found = events_of(text, **kw)
    assert len(found) == 1, [(e.event, e.event_text) for e in found]
    return found[0]


def codes(entities: object) -> set[str | None]:
    return {e.code for e in entities}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Kenyan police arrested twelve opposition activists in Nairobi on Monday.", "COERCE"),
        ("Israeli warplanes bombed a weapons depot near Damascus overnight.", "ASSAULT"),
        ("The European Union imposed new sanctions on Belarus over the crackdown.", "SANCTION"),
        ("Thousands of teachers marched through the streets of Santiago to demand higher pay.",
         "PROTEST"),
        ("The foreign ministers of India and Pakistan held talks in Astana on Thursday.",
         "CONSULT"),
        ("Japan and South Korea agreed to share military intelligence, officials said.", "AGREE"),
        ("Japan and South Korea signed a defence cooperation agreement in Tokyo.", "SUPPORT"),
        ("The rebels released forty hostages after weeks of negotiations.", "RETREAT"),
        ("The World Food Programme delivered food aid to families in northern Yemen.", "AID"),
        ("The Chinese government condemned the visit as a grave provocation.", "ACCUSE"),
        ("Parliament rejected the government's budget proposal by a wide margin.", "REJECT"),
    ],
)
def test_common_categories(text: str, category: str) -> None:
    found = events_of(text)
    assert found, "no event coded"
    top = max(found, key=lambda e: e.confidence)
    assert top.event == category


def test_threat_to_retaliate_is_threaten_not_assault() -> None:
    event = only("Iran threatened to retaliate against the United States.")
    assert event.event == "THREATEN"
    assert codes(event.actor) == {"IRN"}


def test_reported_shelling_keeps_event_and_records_attribution() -> None:
    event = only("Officials in Aleppo said the Syrian army shelled the town overnight.")
    assert event.event == "ASSAULT"
    assert codes(event.actor) == {"SYR"}
    assert event.attribution is not None
    assert event.attribution.cue == "said"
    assert "Officials" in event.attribution.entity_text


def test_denial_is_not_an_event() -> None:
    assert events_of("The ministry denied any involvement in the bombing.") == []
    # denying someone something is a refusal, and is coded
    refusal = only("The ministry denied entry visas to the visiting journalists.")
    assert refusal.event == "REJECT"


def test_negated_event_dropped_unless_asked_for() -> None:
    text = "Turkish troops did not attack the village, the governor said."
    assert events_of(text) == []
    flagged = events_of(text, include_unrealised=True)
    assert [e.event for e in flagged] == ["ASSAULT"]
    assert "negation" in flagged[0].auxiliary


def test_hypothetical_event_dropped() -> None:
    text = "If Russian forces crossed the border, NATO would deploy troops to Poland."
    realised = [e for e in events_of(text) if e.event in {"ASSAULT", "MOBILIZE"}]
    assert realised == []
    # the condition is not an event; the conditioned deployment is NATO's threat
    assert [(e.event, codes(e.actor)) for e in events_of(text)] == [("THREATEN", {"IGO"})]


def test_future_plan_is_flagged_future() -> None:
    event = only("The United States will send more troops to the region, the Pentagon said.")
    assert event.event == "MOBILIZE"
    assert "future" in event.auxiliary
    assert codes(event.actor) == {"USA"}


def test_capital_stands_for_government() -> None:
    event = only("Washington accused Beijing of stealing trade secrets.")
    assert event.event == "ACCUSE"
    assert codes(event.actor) == {"USA"}
    assert codes(event.recipient) == {"CHN"}


def test_compound_actor_is_a_list() -> None:
    event = only("France and Germany condemned the coup in Niger.")
    assert codes(event.actor) == {"FRA", "DEU"}


def test_office_holder_in_term_is_government() -> None:
    event = only("President Trump blamed Iran for the attack on the embassy.",
                 published=date(2019, 12, 31))
    assert event.event == "ACCUSE"
    assert [(e.code, e.sector) for e in event.actor] == [("USA", "GOV")]
    assert codes(event.recipient) == {"IRN"}


def test_pronoun_resolves_to_earlier_actor() -> None:
    text = ("Iraqi Prime Minister Adel Abdul-Mahdi spoke in Baghdad on Monday.\n\n"
            "He urged the protesters to leave the embassy compound.")
    found = [e for e in events_of(text) if e.event == "REQUEST"]
    assert found and codes(found[0].actor) == {"IRQ"}


def test_offsets_point_at_the_words() -> None:
    title = "Police detain activists"
    text = "LAGOS (Wire) — Nigerian police detained five activists in Lagos on Friday."
    found = events_of(text, title=title)
    assert found
    full = f"{title}\n\n{text}"
    for event in found:
        assert full[event.trigger.start:event.trigger.end] == event.event_text
        for entity in (*event.actor, *event.recipient):
            assert full[entity.start:entity.end] == entity.entity_text
        assert full[event.text_info.start:event.text_info.end] == event.sentence


def test_headline_and_body_telling_one_story_give_one_event() -> None:
    title = "Nigerian police detain five activists"
    text = "LAGOS (Wire) — Nigerian police detained five activists in Lagos on Friday."
    found = events_of(text, title=title)
    assert [e.event for e in found] == ["COERCE"]
    assert found[0].arrested == 5


def test_author_bio_gives_no_event() -> None:
    bio = ("Jane Okafor is a correspondent who covers conflict and protests in West Africa. "
           "Follow her on social media.")
    assert events_of(bio) == []
    news = "Ghanaian police arrested nine protesters in Accra on Monday.\n\n"
    assert [e.event for e in events_of(news + bio)] == ["COERCE"]


def test_ids_are_stable_across_runs() -> None:
    text = "Egyptian security forces arrested dozens of protesters in Cairo."
    first = [e.id for e in events_of(text)]
    second = [e.id for e in events_of(text)]
    assert first and first == second


def test_saying_someone_was_responsible_is_an_accusation() -> None:
    event = only("Pakistani officials said the Taliban were responsible for the bombing.")
    assert event.event == "ACCUSE"
    assert codes(event.actor) == {"PAK"}
    assert codes(event.recipient) == {"AFG"}
    assert event.event_text == "were responsible"


def test_warning_of_future_action_is_a_threat_but_a_report_is_not() -> None:
    assert only("The interior minister warned that police will crush any further rallies.",
                ).event == "THREATEN"
    assert events_of("Health officials warned that cholera cases were rising in the camps.") == []


def test_years_are_not_casualty_counts() -> None:
    found = events_of("Militants who took the town in 2023 killed 14 villagers on Sunday.")
    assert [e.dead for e in found if e.event == "ASSAULT"] == [14]


def test_home_country_is_the_most_named_not_the_dateline() -> None:
    text = ("BRUSSELS (Wire) — The European Union imposed sanctions on Nicaragua on Monday.\n\n"
            "Nicaraguan authorities arrested two opposition leaders last week.\n\n"
            "The government in Managua has jailed critics since 2021. Police detained "
            "three more students on Sunday.")
    police = [e for e in events_of(text, published=date(2022, 8, 1))
              if e.event == "COERCE" and e.actor and e.actor[0].entity_text == "Police"]
    assert police and police[0].actor[0].code == "NIC"


def test_obligation_reported_by_a_state_is_its_request() -> None:
    event = only("Russia said Sudan must return the helicopter.")
    assert event.event == "REQUEST"
    assert codes(event.actor) == {"RUS"} and codes(event.recipient) == {"SDN"}
    assert event.attribution is None


def test_blame_keeps_its_speaker_when_a_source_is_cited() -> None:
    event = only("Pakistani officials said the Taliban were behind the attack, "
                 "according to Reuters.")
    assert event.event == "ACCUSE" and codes(event.actor) == {"PAK"}


def test_years_ago_marks_background_only_for_its_own_clause() -> None:
    assert "historical" in only("Rebels attacked the town two years ago.").auxiliary
    clash = [e for e in events_of("Rebels, who attacked the town two years ago, clashed "
                                  "with police on Monday.") if e.event_text == "clashed"]
    assert clash and "historical" not in clash[0].auxiliary


def test_two_attacks_by_different_sides_stay_two_events() -> None:
    found = events_of("Government troops killed 30 rebels, and rebels killed 2 soldiers.")
    assert sorted(e.dead for e in found if e.event == "ASSAULT") == [2, 30]


def test_counts_belong_to_their_own_clause() -> None:
    found = {e.event: e for e in events_of(
        "Police arrested 5 protesters after 2 soldiers were killed in clashes.")}
    assert found["COERCE"].arrested == 5 and found["COERCE"].dead is None


def test_pronoun_in_reported_speech_is_the_speaker() -> None:
    text = ("Islamic State militants attacked a checkpoint in Mosul on Sunday.\n\n"
            "The Iraqi army said it killed 12 fighters in a counter-attack.")
    kills = [e for e in events_of(text) if e.event_text == "killed"]
    assert kills and codes(kills[0].actor) == {"IRQ"}


def test_texts_without_ids_get_distinct_event_ids() -> None:
    first = only("Police arrested 5 men in Nairobi.")
    second = only("Police arrested 9 men in Nairobi.")
    assert first.id != second.id


def test_accepting_a_compromise_formula_is_agree() -> None:
    top = max(events_of("Ethiopia accepted a compromise formula for ending its border "
                        "dispute with Eritrea."), key=lambda e: e.confidence)
    assert top.event == "AGREE" and codes(top.actor) == {"ETH"}


def test_forcing_an_organisation_out_of_a_country_is_sanction_expel() -> None:
    event = only("The junta forced the Norwegian aid agency out of the country last week.")
    assert event.event == "SANCTION" and event.mode == ("expel",)


def test_mobilizing_lobby_groups_is_not_a_military_move() -> None:
    assert all(e.event != "MOBILIZE" for e in events_of(
        "Turkey has mobilized its diaspora groups in Germany to back the referendum."))
    assert only("The Russian army mobilized reservists along the border.").event == "MOBILIZE"


def test_aspectual_verb_anchors_its_event_noun() -> None:
    event = only("NATO accelerated the withdrawal of its troops from Kabul on Monday.")
    assert event.event == "RETREAT" and event.mode == ("withdraw",)


def test_a_mission_of_observers_is_observers() -> None:
    event = only("Bolivia received a mission of observers from the Organization of "
                 "American States.")
    assert event.event == "RETREAT" and event.mode == ("access",)


def test_helping_to_do_something_is_that_thing() -> None:
    top = max(events_of("Qatar mobilized lobbyists in Washington to help support the peace "
                        "plan."), key=lambda e: e.confidence)
    assert top.event == "SUPPORT" and codes(top.actor) == {"QAT"}
    assert only("Turkish engineers helped rebuild the bridge in Mosul.").event == "AID"
