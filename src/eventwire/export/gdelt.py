"""``gdelt``: a tab-separated table in the 61 columns of the GDELT 2.0 event file.

A header line names the columns (:data:`GDELT_COLUMNS`); every line has all 61 cells,
empty where eventwire knows nothing (ethnic and religion codes, AvgTone, ADM2 codes,
actor geography). Tabs and line breaks inside values become spaces. How each column
is filled:

* ``GLOBALEVENTID`` — integer, the first 63 bits of a BLAKE2b hash of the event ``id``
  (stable across runs and exports).
* ``SQLDATE`` (YYYYMMDD), ``MonthYear`` (YYYYMM), ``Year``, ``FractionDate``
  (YYYY.FFFF, the share of the year before that day) — from the event ``date``; empty
  when it has none.
* ``Actor1*`` / ``Actor2*`` — the first actor / first recipient (GDELT is dyadic).
  ``CountryCode`` is the ISO-3 actor code; a group code (IGO, UNO, EUR, NGO, MNC,
  IMG) gives ``Type1Code`` and ``KnownGroupCode`` instead; otherwise ``Type1Code`` is
  the CAMEO type of the PLOVER sector (``data/cameo.json``: GOV, MIL, COP, REB, OPP,
  JUD, BUS, JRN→MED, MED→HLH, …). ``Code`` concatenates country-or-group, known group
  and type (``RUSMIL``, ``IGOUNO``). ``Name`` is the entity text as written.
* ``IsRootEvent`` — 1 when the event comes from the headline or the first sentence
  after it (``text_info.sequence`` ≤ 1), else 0.
* ``EventCode`` / ``EventBaseCode`` / ``EventRootCode`` — the CAMEO code mapped from
  the PLOVER category, mode and context (see :mod:`eventwire.export.cameo`).
* ``QuadClass`` — the PLOVER ``quad_code`` (1 verbal cooperation … 4 material conflict).
* ``GoldsteinScale`` — the Goldstein-like weight of the CAMEO root (-10..10, one decimal).
* ``NumMentions``, ``NumSources`` — from the row (else from ``mentions``, else 1);
  ``NumArticles`` — distinct ``doc_id`` among the mentions (at least 1).
* ``ActionGeo_Type`` — 0 no resolved place, 1 country, 2 US state, 3 US city,
  4 world city, 5 world state; PLOVER resolution 2–3 (regions) counts as a state,
  4–5 (towns and below) as a city.
* ``ActionGeo_CountryCode`` — **ISO-3**, as everywhere in eventwire, not GDELT's FIPS
  10-4. ``ActionGeo_ADM1Code`` — the ISO-3 code for a country-level place, else the
  admin-1 *name* (the gazetteer keeps names, not codes). ``ActionGeo_FullName`` —
  place, region, country name. ``Lat``/``Long`` decimal degrees; ``FeatureID`` the
  GeoNames id.
* ``DATEADDED`` — the article's ``published`` date as YYYYMMDD000000 (empty without one).
* ``SOURCEURL`` — ``source_url``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from typing import Any, TextIO

from ..data import load_data
from ..errors import UsageError
from .cameo import actor_group, actor_type, cameo_event
from .rows import canonical_row

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long",
        "FeatureID")

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR), *(f"Actor2{name}" for name in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO), *(f"Actor2Geo_{name}" for name in _GEO),
    *(f"ActionGeo_{name}" for name in _GEO),
    "DATEADDED", "SOURCEURL",
)

US = "USA"


def global_event_id(event_id: str) -> int:
    """A stable non-negative 63-bit integer for an event id."""
    digest = hashlib.blake2b(event_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


@cache
def _country_names() -> dict[str, str]:
    return {c["iso3"]: c["name"] for c in load_data("places/countries.json")["countries"]}


def _day(iso: str, event_id: str, name: str) -> date:
    try:
        return date.fromisoformat(iso)
    except ValueError as exc:
        raise UsageError(f"event {event_id}: {name} {iso!r} is not a YYYY-MM-DD date") from exc


def _date_columns(iso: str | None, event_id: str) -> dict[str, Any]:
    if not iso:
        return {}
    day = _day(iso, event_id, "date")
    days_in_year = date(day.year, 12, 31).timetuple().tm_yday
    fraction = day.year + (day.timetuple().tm_yday - 1) / days_in_year
    return {"SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"),
            "Year": day.year, "FractionDate": f"{fraction:.4f}"}


def _actor_columns(prefix: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    if not entities:
        return {}
    entity = entities[0]
    code, sector_type = entity["code"], actor_type(entity["sector"])
    group = actor_group(code)
    if group:
        country, known, type1 = "", group["known_group"], group["type"]
        type2 = sector_type if sector_type != type1 else ""
    else:
        country = code if isinstance(code, str) and len(code) == 3 and code.isalpha() else ""
        known, type1, type2 = "", sector_type, ""
    return {f"{prefix}Code": type1 + known + type2 if group else country + type1,
            f"{prefix}Name": entity["entity_text"], f"{prefix}CountryCode": country,
            f"{prefix}KnownGroupCode": known, f"{prefix}Type1Code": type1,
            f"{prefix}Type2Code": type2}


def geo_type(resolution: int | None, country: str | None) -> int:
    """GDELT's geographic type for a PLOVER resolution (1 country … 5 below a town)."""
    if resolution is None:
        return 0
    if resolution <= 1:
        return 1
    if resolution <= 3:
        return 2 if country == US else 5
    return 3 if country == US else 4


def _geo_columns(prefix: str, loc: dict[str, Any] | None) -> dict[str, Any]:
    if not loc or loc["lat"] is None or loc["lon"] is None:
        return {f"{prefix}Type": 0}
    country, resolution = loc["country_code"], loc["resolution"]
    parts = [loc["resolved_place"] or loc["extracted_place"]]
    if resolution is not None and resolution >= 3:
        parts.append(loc["admin1"])
    if resolution is None or resolution >= 2:
        parts.append(_country_names().get(country or "", country))
    names = [p for i, p in enumerate(parts) if p and p not in parts[:i]]
    return {f"{prefix}Type": geo_type(resolution, country),
            f"{prefix}FullName": ", ".join(names), f"{prefix}CountryCode": country,
            f"{prefix}ADM1Code": country if resolution == 1 else loc["admin1"],
            f"{prefix}Lat": loc["lat"], f"{prefix}Long": loc["lon"],
            f"{prefix}FeatureID": loc["geonameid"]}


def _counts(r: dict[str, Any]) -> dict[str, int]:
    mentions = r["mentions"]
    sources = {m["source"] or m["url"] for m in mentions} - {None}
    docs = {m["doc_id"] for m in mentions} - {None}
    return {"NumMentions": r["num_mentions"] if r["num_mentions"] is not None
            else len(mentions) or 1,
            "NumSources": r["num_sources"] if r["num_sources"] is not None
            else len(sources) or 1,
            "NumArticles": len(docs) or 1}


def gdelt_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The GDELT 2.0 columns of one canonical row (missing columns are empty)."""
    r = canonical_row(row)
    out: dict[str, Any] = {"GLOBALEVENTID": global_event_id(str(r["id"]))}
    out.update(_date_columns(r["date"], str(r["id"])))
    out.update(_actor_columns("Actor1", r["actor"]))
    out.update(_actor_columns("Actor2", r["recipient"]))
    sequence = (r["text_info"] or {}).get("sequence")
    out["IsRootEvent"] = int(sequence is not None and sequence <= 1)
    cameo = cameo_event(r["event"] or "", r["mode"], r["context"])
    if cameo:
        out.update(EventCode=cameo.code, EventBaseCode=cameo.base,
                   EventRootCode=cameo.root, GoldsteinScale=f"{cameo.goldstein:.1f}")
    out["QuadClass"] = r["quad_code"]
    out.update(_counts(r))
    out.update(_geo_columns("ActionGeo_", r["event_loc"]))
    out["Actor1Geo_Type"] = out["Actor2Geo_Type"] = 0
    if r["published"]:
        published = _day(r["published"], str(r["id"]), "published")
        out["DATEADDED"] = published.strftime("%Y%m%d") + "000000"
    out["SOURCEURL"] = r["source_url"]
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines())


def write_gdelt(rows: Iterable[Mapping[str, Any]], stream: TextIO) -> int:
    """Write ``rows`` as GDELT-2.0-like TSV with a header line; return the count."""
    stream.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for row in rows:
        record = gdelt_record(row)
        stream.write("\t".join(_cell(record.get(name)) for name in GDELT_COLUMNS) + "\n")
        count += 1
    return count
