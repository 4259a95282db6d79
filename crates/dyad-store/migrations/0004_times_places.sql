-- dyad store schema, version 4: when and where. Temporal expressions and
-- place mentions get tables of their own; events and quotes get their own
-- date (`date` now holds the first day of the event's or quote's date, which
-- is the document's date when the text gives none, as `date_from` says) and
-- place. Documents keep how their date was found.
-- Rows stored before this version keep the document's date and no place
-- until re-ingested.

ALTER TABLE documents ADD COLUMN date_confidence REAL NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN date_reason TEXT NOT NULL DEFAULT '';

ALTER TABLE events ADD COLUMN date_value TEXT;                -- TIMEX3 value (2022-01-12, 2022-W02)
ALTER TABLE events ADD COLUMN date_from TEXT NOT NULL DEFAULT 'document';  -- text | document
ALTER TABLE events ADD COLUMN place_name TEXT;
ALTER TABLE events ADD COLUMN place_geonameid INTEGER;
ALTER TABLE events ADD COLUMN place_country TEXT;             -- ISO alpha-2
ALTER TABLE events ADD COLUMN lat REAL;
ALTER TABLE events ADD COLUMN lon REAL;

ALTER TABLE quotes ADD COLUMN date_value TEXT;
ALTER TABLE quotes ADD COLUMN date_from TEXT NOT NULL DEFAULT 'document';
ALTER TABLE quotes ADD COLUMN place_name TEXT;
ALTER TABLE quotes ADD COLUMN lat REAL;
ALTER TABLE quotes ADD COLUMN lon REAL;

CREATE TABLE times (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    type      TEXT NOT NULL,                 -- DATE | TIME | DURATION | SET
    value     TEXT NOT NULL,                 -- TIMEX3 value
    first_day TEXT,                          -- YYYY-MM-DD, for dates and times
    last_day  TEXT,
    UNIQUE (doc_id, idx)
) STRICT;

CREATE TABLE places (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    role      TEXT NOT NULL,                 -- literal | demonym | metonym
    geonameid INTEGER,
    name      TEXT NOT NULL,
    feature   TEXT NOT NULL,
    country   TEXT NOT NULL,                 -- ISO alpha-2, '' for none
    lat       REAL NOT NULL,
    lon       REAL NOT NULL,
    UNIQUE (doc_id, idx)
) STRICT;

CREATE INDEX times_first_day ON times (first_day);
CREATE INDEX places_geonameid ON places (geonameid);
CREATE INDEX places_name ON places (name);
CREATE INDEX events_place ON events (place_geonameid);
