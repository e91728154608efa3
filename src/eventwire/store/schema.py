"""The store's tables, as numbered migrations.

A database records the migrations it has run in ``schema_migrations``; opening it
runs the ones it lacks, in order, each in its own transaction. Never edit a
released migration: add the next one.
"""

from __future__ import annotations

from collections.abc import Iterable

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "articles, events, actors, places, failures, corrections", """
CREATE TABLE articles (
    content_hash VARCHAR PRIMARY KEY,   -- sha256 of title + text: the identity of an article
    doc_id       VARCHAR NOT NULL,      -- the input's id or path, as first seen
    title        VARCHAR,
    text         VARCHAR NOT NULL,
    published    DATE,
    url          VARCHAR,
    source       VARCHAR,
    ingested_at  TIMESTAMP NOT NULL,
    n_events     INTEGER NOT NULL
);
CREATE TABLE events (
    id             VARCHAR PRIMARY KEY,
    content_hash   VARCHAR NOT NULL,
    doc_id         VARCHAR NOT NULL,
    event          VARCHAR NOT NULL,
    mode           VARCHAR[],
    context        VARCHAR[],
    quad_code      INTEGER,
    event_scale    DOUBLE,
    event_text     VARCHAR,
    sentence       VARCHAR,
    auxiliary      VARCHAR[],
    dead           INTEGER,
    injured        INTEGER,
    arrested       INTEGER,
    date           DATE,
    date_precision VARCHAR,
    date_basis     VARCHAR,
    confidence     DOUBLE,
    actor_codes    VARCHAR[],
    recipient_codes VARCHAR[],
    actor_sectors  VARCHAR[],
    recipient_sectors VARCHAR[],
    lat            DOUBLE,
    lon            DOUBLE,
    place_country  VARCHAR,
    cluster_id     VARCHAR,             -- the canonical event this one reports (dedup)
    record         JSON NOT NULL        -- the full PLOVER record, as coded
);
CREATE TABLE event_actors (
    event_id    VARCHAR NOT NULL,
    role        VARCHAR NOT NULL,       -- actor | recipient
    position    INTEGER NOT NULL,
    entity_text VARCHAR,
    code        VARCHAR,
    sector      VARCHAR,
    start_char  INTEGER,
    end_char    INTEGER
);
CREATE TABLE event_places (
    event_id        VARCHAR PRIMARY KEY,
    extracted_place VARCHAR,
    resolved_place  VARCHAR,
    geonameid       BIGINT,
    lat             DOUBLE,
    lon             DOUBLE,
    country_code    VARCHAR,
    admin1          VARCHAR,
    feature_code    VARCHAR,
    resolution      INTEGER,
    start_char      INTEGER,
    end_char        INTEGER,
    basis           VARCHAR
);
CREATE TABLE failures (
    input_name  VARCHAR NOT NULL,
    reason      VARCHAR NOT NULL,
    code        VARCHAR NOT NULL,
    first_seen  TIMESTAMP NOT NULL,
    last_seen   TIMESTAMP NOT NULL,
    attempts    INTEGER NOT NULL,
    PRIMARY KEY (input_name, code)
);
CREATE TABLE corrections (
    id          BIGINT PRIMARY KEY,
    event_id    VARCHAR NOT NULL,
    field       VARCHAR NOT NULL,
    old_value   JSON,
    new_value   JSON,
    author      VARCHAR,
    note        VARCHAR,
    created_at  TIMESTAMP NOT NULL
);
CREATE TABLE clusters (
    cluster_id    VARCHAR PRIMARY KEY,  -- the id of its canonical event
    event         VARCHAR NOT NULL,
    num_mentions  INTEGER NOT NULL,
    num_sources   INTEGER NOT NULL,
    first_date    DATE,
    sources       VARCHAR[]
);
-- no secondary indexes: DuckDB's per-block min/max (zone maps) serve range filters,
-- and ART indexes would slow the bulk inserts and the cluster_id updates.
"""),
    (2, "events.status: an analyst can mark an event wrong", """
ALTER TABLE events ADD COLUMN status VARCHAR DEFAULT 'ok';
"""),
    # canonical = (cluster_id IS NULL OR cluster_id = id), stored: a flag scans ~20x
    # faster than the expression over two strings
    (3, "events.canonical: whether the event is its cluster's canonical one", """
ALTER TABLE events ADD COLUMN canonical BOOLEAN DEFAULT true;
UPDATE events SET canonical = (cluster_id IS NULL OR cluster_id = id);
"""),
    # The code lists again as '|A|B|' strings (code_key): an actor filter is then
    # contains() on a string, several times faster than list_contains on a list. One
    # column per migration: DuckDB refuses to commit two ALTERs of an indexed table in
    # one transaction ("another transaction has altered this table").
    *((number, f"events.{key}: {codes} as one string", f"""
ALTER TABLE events ADD COLUMN {key} VARCHAR;
UPDATE events SET {key} = '|' || array_to_string({codes}, '|') || '|';
""") for number, key, codes in ((4, "actor_key", "actor_codes"),
                                 (5, "recipient_key", "recipient_codes"),
                                 (6, "actor_sector_key", "actor_sectors"),
                                 (7, "recipient_sector_key", "recipient_sectors"))),
]

LATEST = MIGRATIONS[-1][0]

KEY_DELIMITER = "|"


def code_key(codes: Iterable[str] | None) -> str | None:
    """A code list as the events' ``*_key`` columns hold it: ``['USA', 'RUS']`` is
    ``'|USA|RUS|'``, so ``contains(key, '|USA|')`` is "USA is one of the codes"."""
    if codes is None:
        return None
    return KEY_DELIMITER + KEY_DELIMITER.join(codes) + KEY_DELIMITER
