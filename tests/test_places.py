"""Geoparsing, event location and event dates on project-written articles.

Everything runs on the real spaCy model and the real default gazetteer; the import
tests work on a copy of that gazetteer so the user's file is never touched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire import Article, Coded, Event, Pipeline
from eventwire.cli import main
from eventwire.errors import DataFileError
from eventwire.model import PlaceMention
from eventwire.places.build import import_geonames
from eventwire.places.gazetteer import Gazetteer

EVENT_LOC_FIELDS = {"extracted_place", "resolved_place", "geonameid", "lat", "lon",
                    "country_code", "admin1", "feature_code", "resolution", "start", "end",
                    "basis"}
PLACE_RECORD_FIELDS = {"doc_id", "start", "end", "text", "geonameid", "resolved_place", "lat",
                       "lon", "country_code", "admin1", "feature_code", "field", "kind",
                       "resolution", "confidence"}
SATURDAY = date(2024, 3, 9)

# An invented Vermont village for the import tests: not in the default gazetteer.
VILLAGE = "Pellsbury"
VILLAGE_ID = 98765431
VILLAGE_LAT, VILLAGE_LON = 43.95212, -72.81347
VILLAGE_STORY = ("Floodwater cut off the village of Pellsbury in Vermont on Monday, and "
                 "rescue crews reached stranded families by boat.")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def default_gazetteer() -> Path:
    gazetteer = Gazetteer()
    gazetteer.db  # noqa: B018 - builds the default gazetteer if it is missing
    gazetteer.close()
    return gazetteer.path


@pytest.fixture
def gazetteer_copy(default_gazetteer: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(default_gazetteer, copy)
    return copy


def places_of(pipeline: Pipeline, text: str, title: str | None = None) -> list[PlaceMention]:
    result = next(pipeline.places([Article("t", text, title=title)]))
    assert isinstance(result, Coded), result
    return result.places


def coded(pipeline: Pipeline, article: Article) -> Coded:
    result = next(pipeline.code_many([article]))
    assert isinstance(result, Coded), result
    return result


def events_of(pipeline: Pipeline, text: str, published: date | None = SATURDAY) -> list[Event]:
    return pipeline.code(Article("e", text, published=published))


def mention(places: list[PlaceMention], text: str) -> PlaceMention:
    found = [m for m in places if m.text == text]
    assert len(found) == 1, f"{text!r} in {[m.text for m in places]}"
    return found[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def geonames_line(geonameid: int, name: str, lat: str, lon: str, *, country: str = "US",
                  admin1: str = "VT", population: str = "310") -> str:
    """One line of a GeoNames dump: the 19 tab-separated columns of allCountries.txt."""
    return "\t".join([
        str(geonameid), name, name, "", lat, lon, "P", "PPL", country, "", admin1, "027",
        "", "", population, "", "412", "America/New_York", "2023-06-14",
    ]) + "\n"


# -- resolution with the article as context ------------------------------------------

def test_paris_alone_is_the_french_capital(pipeline: Pipeline) -> None:
    places = places_of(pipeline, "Thousands of farmers drove tractors into Paris on Monday "
                                 "to protest against higher diesel taxes.")
    paris = mention(places, "Paris").place
    assert paris is not None
    assert (paris.country_code, paris.feature_code) == ("FRA", "PPLC")


def test_paris_texas_is_in_texas(pipeline: Pipeline) -> None:
    places = places_of(pipeline, "A tornado tore the roofs off dozens of homes in Paris, "
                                 "Texas, late on Sunday, the county sheriff said.")
    paris = mention(places, "Paris").place
    assert paris is not None
    assert (paris.country_code, paris.admin1) == ("USA", "Texas")
    assert 33 < paris.lat < 34 and -96 < paris.lon < -95


def test_georgia_in_an_article_about_tbilisi_is_the_country(pipeline: Pipeline) -> None:
    places = places_of(pipeline, "Opposition supporters rallied in Tbilisi against the "
                                 "foreign agents law. Police in Georgia detained dozens of "
                                 "demonstrators outside parliament.")
    georgia = mention(places, "Georgia").place
    assert georgia is not None
    assert (georgia.country_code, georgia.resolution) == ("GEO", 1)


@pytest.mark.parametrize("text", [
    "Teachers marched through downtown Atlanta on Friday. Lawmakers in Georgia are debating "
    "a bill that would cut school funding by a tenth.",
    "ATLANTA (AP) - Thousands of teachers marched to the state Capitol on Friday to oppose "
    "a bill that would cut school funding in Georgia.",
])
def test_georgia_in_an_article_about_atlanta_is_the_us_state(pipeline: Pipeline,
                                                             text: str) -> None:
    georgia = mention(places_of(pipeline, text), "Georgia").place
    assert georgia is not None
    assert (georgia.country_code, georgia.feature_code) == ("USA", "ADM1")


def test_springfield_illinois_is_in_illinois(pipeline: Pipeline) -> None:
    places = places_of(pipeline, "Residents of Springfield, Illinois, protested outside "
                                 "city hall on Thursday over a sharp rise in water rates.")
    springfield = mention(places, "Springfield").place
    assert springfield is not None
    assert (springfield.country_code, springfield.admin1) == ("USA", "Illinois")
    assert springfield.resolution == 4


def test_dateline_is_a_mention_resolved_to_its_city(pipeline: Pipeline) -> None:
    places = places_of(pipeline, "KHARTOUM (Reuters) - Paramilitary fighters shelled a "
                                 "crowded market on Tuesday, killing at least nine people, "
                                 "medics said.")
    dateline = mention(places, "KHARTOUM")
    assert (dateline.kind, dateline.start, dateline.end) == ("dateline", 0, 8)
    assert dateline.place is not None
    assert (dateline.place.resolved_place, dateline.place.country_code) == ("Khartoum", "SDN")


# -- kinds of mention -----------------------------------------------------------------

def test_demonym_is_a_reference_not_an_event_place(pipeline: Pipeline) -> None:
    text = "Iraqi protesters burned tyres and blocked roads on Sunday."
    iraqi = mention(places_of(pipeline, text), "Iraqi")
    assert iraqi.kind == "demonym" and not iraqi.literal
    assert iraqi.place is not None and iraqi.place.country_code == "IRQ"
    events = events_of(pipeline, text)
    assert events and all(e.event_loc is None for e in events)


def test_demonym_gives_way_to_the_named_town(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Iraqi protesters burned tyres and blocked roads in Basra "
                                 "on Sunday.")
    assert events
    assert {(e.event_loc or {}).get("extracted_place") for e in events} == {"Basra"}


def test_capital_that_speaks_is_a_metonym_not_a_place(pipeline: Pipeline) -> None:
    text = "Washington said it would impose new sanctions on the country's central bank."
    washington = mention(places_of(pipeline, text), "Washington")
    assert washington.kind == "metonym" and not washington.literal
    events = events_of(pipeline, text)
    assert events and all(e.event_loc is None for e in events)


def test_plural_demonym_is_not_a_place_mention(pipeline: Pipeline) -> None:
    places = places_of(pipeline, "Iraqis queued for hours on Sunday to vote in the "
                                 "provincial elections.")
    assert not [m for m in places if m.text.startswith("Iraqi")]


def test_both_towns_of_a_pair_are_found(pipeline: Pipeline) -> None:
    places = places_of(pipeline, "French farmers blocked motorways around Lyon and Grenoble "
                                 "on Monday.")
    grenoble = mention(places, "Grenoble").place
    assert grenoble is not None and grenoble.country_code == "FRA"


# -- unknown names --------------------------------------------------------------------

def test_unknown_town_keeps_its_span_unresolved(pipeline: Pipeline,
                                                default_gazetteer: Path) -> None:
    assert Gazetteer(default_gazetteer).lookup(VILLAGE) == []
    places = places_of(pipeline, VILLAGE_STORY)
    village = mention(places, VILLAGE)
    assert VILLAGE_STORY[village.start:village.end] == VILLAGE
    assert village.place is None and village.confidence == 0.0
    record = village.to_dict("t")
    assert record["lat"] is None and record["lon"] is None and record["geonameid"] is None
    vermont = mention(places, "Vermont").place
    assert vermont is not None and vermont.country_code == "USA"


def test_unknown_village_after_village_of_is_reported(pipeline: Pipeline,
                                                      default_gazetteer: Path) -> None:
    name = "Qaryat Zamburah"
    assert Gazetteer(default_gazetteer).lookup(name) == []
    text = ("Gunmen abducted twelve farmers in the village of Qaryat Zamburah on "
            "Wednesday, local officials said.")
    village = mention(places_of(pipeline, text), name)
    assert text[village.start:village.end] == name
    assert village.place is None


# -- offsets --------------------------------------------------------------------------

OFFSET_ARTICLES = [
    Article("o1", "BAGHDAD (Reuters) - Iraqi security forces fired on protesters in "
                  "Nasiriyah and Basra on Friday, killing four, while Washington urged "
                  "restraint and Iran's foreign ministry condemned the crackdown."),
    Article("o2", "Riot police in Santiago, Chile, detained 120 students who occupied a "
                  "university building.\n\nIn Valparaíso, dock workers walked out in "
                  "solidarity, and Argentine unions sent messages of support from Buenos "
                  "Aires."),
    Article("o3", "Police in Nairobi arrested forty protesters on Friday.\n\nThe "
                  "demonstrators had marched from Uhuru Park toward parliament before "
                  "officers blocked Kenyatta Avenue.",
            title="Kenyan police arrest dozens of protesters in Nairobi"),
    Article("o4", "Ukrainian drones struck an oil depot in Russia's Bryansk region "
                  "overnight, the regional governor said, and air raid alerts sounded "
                  "across Kyiv, Kharkiv and Odesa.",
            title="Drones hit Bryansk depot as sirens sound in Kyiv"),
]


def test_every_mention_slices_to_its_text(pipeline: Pipeline) -> None:
    results = list(pipeline.places(OFFSET_ARTICLES))
    total = 0
    for article, result in zip(OFFSET_ARTICLES, results, strict=True):
        assert isinstance(result, Coded), result
        assert result.places, article.doc_id
        for m in result.places:
            assert article.full_text[m.start:m.end] == m.text, (article.doc_id, m)
            total += 1
    assert total >= 15


def test_records_count_offsets_from_the_body_and_mark_the_title(pipeline: Pipeline) -> None:
    fields = set()
    for article in OFFSET_ARTICLES[2:]:
        result = next(pipeline.places([article]))
        assert isinstance(result, Coded) and article.title
        assert article.body_offset == len(article.title) + 2
        for m in result.places:
            record = m.to_dict(article.doc_id, article.body_offset)
            source = article.title if record["field"] == "title" else article.text
            assert source[record["start"]:record["end"]] == record["text"], record
            assert set(record) == PLACE_RECORD_FIELDS
            fields.add(record["field"])
    assert fields == {"title", "text"}


# -- event location -------------------------------------------------------------------

def test_place_in_the_events_clause(pipeline: Pipeline) -> None:
    text = "Police fired tear gas at protesters in Kisumu on Tuesday, witnesses said."
    events = events_of(pipeline, text)
    loc = next(e for e in events if e.event == "ASSAULT").event_loc
    assert loc is not None
    assert (loc["basis"], loc["extracted_place"], loc["country_code"]) == ("clause", "Kisumu",
                                                                           "KEN")
    assert text[loc["start"]:loc["end"]] == "Kisumu"


def test_sentence_without_a_place_takes_the_dateline(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "KHARTOUM (Reuters) - Paramilitary fighters shelled a "
                                 "crowded market, killing at least nine people, medics said.")
    assert events
    for event in events:
        loc = event.event_loc
        assert loc is not None
        assert (loc["basis"], loc["resolved_place"], loc["country_code"]) == (
            "dateline", "Khartoum", "SDN")


def test_a_place_named_before_province_is_a_location(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Government forces shelled villages in Idlib province "
                                 "overnight, a monitoring group said.")
    attack = next(e for e in events if e.event == "ASSAULT")
    assert attack.event_loc is not None
    assert (attack.event_loc["basis"], attack.event_loc["resolved_place"],
            attack.event_loc["country_code"]) == ("clause", "Idlib", "SYR")


def test_places_in_what_was_said_do_not_place_the_saying(pipeline: Pipeline) -> None:
    # The accusation and the threat happen where they are made, not in the places they
    # talk about: neither "to Russia" nor the "if" clause's Seoul is their location.
    events = events_of(pipeline, "WASHINGTON (Reuters) - The United States accused China of "
                                 "supplying drones to Russia. Pyongyang threatened to retaliate "
                                 "if troops deployed near Seoul.")
    verbal = [e for e in events if e.event in ("ACCUSE", "THREATEN")]
    assert len(verbal) == 2
    for event in verbal:
        assert event.event_loc is not None
        assert event.event_loc["basis"] == "dateline", event.event_loc


def test_a_date_describing_the_actor_is_not_the_events_date(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "President Ivan Duque, who took office last month, "
                                 "welcomed the release of the hostages.")
    welcome = next(e for e in events if e.event == "SUPPORT")
    assert (welcome.date, welcome.date_basis) == (SATURDAY, "published")


def test_actor_is_not_its_own_location(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Russia attacked power stations overnight with drones and "
                                 "missiles, officials said.")
    assert any(e.event == "ASSAULT" for e in events)
    assert all(e.event_loc is None for e in events)


def test_actor_country_leaves_the_dateline_to_place_the_event(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "KYIV (Reuters) - Russia attacked power stations overnight "
                                 "with drones and missiles, officials said.")
    attack = next(e for e in events if e.event == "ASSAULT")
    assert attack.event_loc is not None
    assert (attack.event_loc["basis"], attack.event_loc["resolved_place"]) == ("dateline",
                                                                               "Kyiv")


def test_article_without_places_has_no_event_location(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Police arrested forty people after a protest outside the "
                                 "town hall turned violent, a spokesman said.")
    assert events
    assert all(e.event_loc is None for e in events)


def test_every_event_loc_has_the_plover_fields(pipeline: Pipeline) -> None:
    articles = [
        Article("l1", "Police fired tear gas at protesters in Kisumu on Tuesday.",
                published=SATURDAY),
        *OFFSET_ARTICLES,
    ]
    locs = [e.event_loc for a in articles for e in coded(pipeline, a).events if e.event_loc]
    assert len(locs) >= 4
    for loc in locs:
        assert set(loc) == EVENT_LOC_FIELDS, loc
        assert loc["basis"] in {"clause", "sentence", "dateline", "paragraph"}


# -- event dates ----------------------------------------------------------------------

def test_weekday_resolves_to_the_latest_such_day(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Police fired tear gas at protesters in Kisumu on Tuesday, "
                                 "witnesses said.")
    attack = next(e for e in events if e.event == "ASSAULT")
    assert (attack.date, attack.date_basis, attack.date_raw) == (date(2024, 3, 5), "weekday",
                                                                 "Tuesday")


def test_no_date_words_falls_back_to_publication(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Police arrested forty people after a protest turned "
                                 "violent, a spokesman said.")
    assert events
    assert {(e.date, e.date_basis) for e in events} == {(SATURDAY, "published")}


def test_no_publication_date_gives_no_date(pipeline: Pipeline) -> None:
    events = events_of(pipeline, "Police arrested forty people after a protest turned "
                                 "violent, a spokesman said.", published=None)
    assert events
    assert all(e.date is None for e in events)


# -- gazetteer import -----------------------------------------------------------------

def test_imported_village_resolves_with_its_geonameid(gazetteer_copy: Path) -> None:
    dump = gazetteer_copy.parent / "VT.txt"
    dump.write_text(geonames_line(VILLAGE_ID, VILLAGE, str(VILLAGE_LAT), str(VILLAGE_LON))
                    + geonames_line(VILLAGE_ID + 1, "Hollisford", "44.10230", "-72.60412"),
                    encoding="utf-8")
    assert import_geonames(gazetteer_copy, dump) == 2
    places = places_of(Pipeline(gazetteer=gazetteer_copy), VILLAGE_STORY)
    village = mention(places, VILLAGE).place
    assert village is not None
    assert village.geonameid == VILLAGE_ID
    assert (village.lat, village.lon) == (VILLAGE_LAT, VILLAGE_LON)
    assert (village.country_code, village.admin1, village.feature_code) == ("USA", "Vermont",
                                                                            "PPL")


@pytest.mark.parametrize(("bad_line", "number"), [
    ("\t".join(["98765440", "Short Row", "Short Row", "", "44.0", "-72.7", "P"]) + "\n", 3),
    (geonames_line(98765440, "Latitude Town", "abc", "-72.7"), 3),
])
def test_bad_line_names_its_number_and_leaves_the_gazetteer(
        gazetteer_copy: Path, bad_line: str, number: int) -> None:
    dump = gazetteer_copy.parent / "bad.txt"
    dump.write_text(geonames_line(VILLAGE_ID, VILLAGE, "43.9", "-72.8")
                    + geonames_line(VILLAGE_ID + 1, "Hollisford", "44.1", "-72.6")
                    + bad_line, encoding="utf-8")
    before = sha256(gazetteer_copy)
    with pytest.raises(DataFileError, match=rf"bad\.txt line {number}\b"):
        import_geonames(gazetteer_copy, dump)
    assert sha256(gazetteer_copy) == before
    assert Gazetteer(gazetteer_copy).lookup(VILLAGE) == []
    assert sorted(p.name for p in gazetteer_copy.parent.iterdir()) == [
        "bad.txt", "gazetteer.sqlite"]  # no temporary file left behind


def test_cli_import_of_a_bad_file_fails_naming_the_line(gazetteer_copy: Path) -> None:
    dump = gazetteer_copy.parent / "bad.txt"
    dump.write_text("# a GeoNames extract\n"
                    + geonames_line(VILLAGE_ID, VILLAGE, "43.9", "-72.8")
                    + geonames_line(VILLAGE_ID + 1, "Hollisford", "north", "-72.6"),
                    encoding="utf-8")
    before = sha256(gazetteer_copy)
    result = CliRunner().invoke(main, ["gazetteer", "import", str(dump),
                                       "--path", str(gazetteer_copy)])
    assert result.exit_code != 0
    assert "line 3" in result.stderr and "unchanged" in result.stderr
    assert sha256(gazetteer_copy) == before


# -- eventwire places -----------------------------------------------------------------

def test_cli_places_jsonl(tmp_path: Path) -> None:
    title = "Farmers block roads near Lyon"
    body = ("LYON (Wire) - French farmers blocked motorways around Lyon and Grenoble on "
            "Monday with tractors and burning hay bales.\n\nPolice said convoys were also "
            "heading for Paris, and Spanish growers staged a similar protest in Zaragoza.")
    path = tmp_path / "farmers.txt"
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["places", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 6
    for record in records:
        assert set(record) == PLACE_RECORD_FIELDS
        assert record["doc_id"] == str(path)
        source = title if record["field"] == "title" else body
        assert source[record["start"]:record["end"]] == record["text"]
    by_text = {r["text"]: r for r in records if r["field"] == "text"}
    assert by_text["Zaragoza"]["country_code"] == "ESP"
    assert by_text["Lyon"]["admin1"] == "Auvergne-Rhône-Alpes"
    assert by_text["LYON"]["kind"] == "dateline"
    assert by_text["French"]["kind"] == "demonym"



def test_a_file_that_is_not_a_gazetteer_is_refused_not_overwritten(tmp_path: Path) -> None:
    import sqlite3

    from eventwire.errors import DataFileError
    from eventwire.places.gazetteer import Gazetteer

    other = tmp_path / "notes.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.execute("INSERT INTO notes VALUES ('my field notes')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(DataFileError, match="not an eventwire gazetteer"):
        Gazetteer(other).lookup("Paris")
    assert other.read_bytes() == before


def test_places_in_a_shouted_headline_keep_their_words(pipeline: Pipeline) -> None:
    places = places_of(pipeline, "POLICE CLASH WITH PROTESTERS IN NAIROBI AND MOMBASA AS "
                                 "KENYA FUEL PRICES SOAR")
    found = {m.text: m.place.country_code for m in places if m.place}
    assert found == {"NAIROBI": "KEN", "MOMBASA": "KEN", "KENYA": "KEN"}
