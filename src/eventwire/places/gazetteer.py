"""The gazetteer: GeoNames places in one SQLite file, looked up by name key.

One table of places and one of names keep memory small (the file is read through
SQLite's page cache, nothing is loaded whole), so a worker process opens it in
milliseconds and many processes can read it at once.

Where the file lives: ``$EVENTWIRE_GAZETTEER`` if set, else
``$XDG_DATA_HOME/eventwire/gazetteer.sqlite`` (``~/.local/share/...``). When it is
missing it is built from the bundled sources (:mod:`.build`) on first use.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DataFileError
from .names import name_key

log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    pid INTEGER PRIMARY KEY,
    geonameid INTEGER UNIQUE,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT,
    admin1_code TEXT,
    population INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (key TEXT NOT NULL, pid INTEGER NOT NULL, PRIMARY KEY (key, pid))
    WITHOUT ROWID;
CREATE TABLE countries (iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, name TEXT NOT NULL,
    pid INTEGER NOT NULL, capital TEXT);
CREATE TABLE admin1 (country_code TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
    pid INTEGER, PRIMARY KEY (country_code, code));
"""

# Resolution levels of the PLOVER location object: 1 country (or wider), 2 first-order
# region, 3 second-order region, 4 city or town, 5 below a city.
_ADMIN_LEVEL = {"ADM1": 2, "ADM1H": 2, "ADM2": 3, "ADM2H": 3, "ADM3": 3, "ADM4": 3, "ADM5": 3}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    pid: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str | None  # ISO-2 as in GeoNames
    admin1_code: str | None
    population: int

    @property
    def resolution(self) -> int:
        if self.feature_class == "A" and self.feature_code.startswith(("PCL", "TERR")):
            return 1
        if self.feature_code in _ADMIN_LEVEL:
            return _ADMIN_LEVEL[self.feature_code]
        if self.feature_class == "P":
            return 5 if self.feature_code == "PPLX" else 4
        if self.feature_class in ("S", "R", "V") or self.feature_code in ("ST", "PRK", "AIRP"):
            return 5
        return 1  # continents, seas, wide regions

    @property
    def is_country(self) -> bool:
        return self.resolution == 1 and self.feature_class == "A"


def default_path() -> Path:
    given = os.environ.get("EVENTWIRE_GAZETTEER")
    if given:
        return Path(given)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "eventwire" / "gazetteer.sqlite"


class Gazetteer:
    """Read access to a gazetteer file. Cheap to create; opens lazily; picklable."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self._local = threading.local()

    def __getstate__(self) -> dict[str, str]:
        return {"path": str(self.path)}

    def __setstate__(self, state: dict[str, str]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            self._local.conn = conn
            self._local.lookup = lru_cache(maxsize=20_000)(self._lookup)
        return conn

    def _open(self) -> sqlite3.Connection:
        """Open read-only; build first when missing, rebuild when built from other
        bundled data (unless it holds an imported dump, which a rebuild would lose)."""
        from .build import build_default, bundle_fingerprint

        if not self.path.exists():
            log.warning("building the gazetteer at %s (once, about 15 s)", self.path)
            build_default(self.path)
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        version, bundle = _meta(conn, "schema_version"), _meta(conn, "bundle")
        if version is None:
            conn.close()
            raise DataFileError(f"{self.path} is not an eventwire gazetteer (no metadata); "
                                "move it away or point --gazetteer / $EVENTWIRE_GAZETTEER "
                                "elsewhere")
        if version == SCHEMA_VERSION and bundle == bundle_fingerprint():
            return conn
        if version != SCHEMA_VERSION and version is not None and _meta(conn, "imported"):
            conn.close()
            raise DataFileError(
                f"gazetteer {self.path} has schema {version!r}, this eventwire needs "
                f"{SCHEMA_VERSION!r}; rebuild it with 'eventwire gazetteer build' and "
                "import your GeoNames dump again")
        if version == SCHEMA_VERSION and _meta(conn, "imported"):
            log.warning("gazetteer %s was built from older bundled data; "
                        "'eventwire gazetteer build' refreshes it", self.path)
            return conn
        conn.close()
        log.warning("rebuilding the gazetteer at %s for this eventwire version", self.path)
        build_default(self.path)
        return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)

    def lookup(self, text: str) -> list[Place]:
        """Every place whose name or alternate name has the key of ``text``."""
        self.db  # noqa: B018 - opens the connection and its cache
        return list(self._local.lookup(name_key(text)))

    def _lookup(self, key: str) -> tuple[Place, ...]:
        rows = self.db.execute(
            "SELECT p.* FROM names n JOIN places p ON p.pid = n.pid WHERE n.key = ?", (key,))
        return tuple(Place(*row) for row in rows)

    def country(self, iso2: str | None) -> Place | None:
        if not iso2:
            return None
        row = self.db.execute("SELECT p.* FROM countries c JOIN places p ON p.pid = c.pid "
                              "WHERE c.iso2 = ?", (iso2,)).fetchone()
        return Place(*row) if row else None

    @lru_cache(maxsize=512)  # noqa: B019 - gazetteers live as long as the process
    def iso3(self, iso2: str | None) -> str | None:
        if not iso2:
            return None
        row = self.db.execute("SELECT iso3 FROM countries WHERE iso2 = ?", (iso2,)).fetchone()
        return row[0] if row else None

    @lru_cache(maxsize=4096)  # noqa: B019
    def admin1_name(self, iso2: str | None, code: str | None) -> str | None:
        if not iso2 or not code:
            return None
        row = self.db.execute("SELECT name FROM admin1 WHERE country_code = ? AND code = ?",
                              (iso2, code)).fetchone()
        return row[0] if row else None

    def info(self) -> dict[str, str | int]:
        """Size and provenance, for ``eventwire gazetteer info``."""
        meta = dict(self.db.execute("SELECT key, value FROM meta").fetchall())
        places = self.db.execute("SELECT count(*) FROM places").fetchone()[0]
        names = self.db.execute("SELECT count(*) FROM names").fetchone()[0]
        return {"path": str(self.path), "places": places, "names": names, **meta}

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None
