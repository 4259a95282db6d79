-- dyad store schema, version 1: documents, segments and sentences with
-- full-text search. Spans are byte offsets into documents.text.

CREATE TABLE documents (
    id           TEXT PRIMARY KEY,          -- content hash of text
    source       TEXT NOT NULL,             -- path, path:line or '-'
    external_id  TEXT,                      -- the input's own id (JSONL)
    format       TEXT NOT NULL,             -- text | html | jsonl
    url          TEXT,
    title        TEXT,
    author       TEXT,
    date         TEXT,                      -- YYYY-MM-DD
    date_source  TEXT NOT NULL,             -- cli | metadata | record | none
    text         TEXT NOT NULL,
    analysis     TEXT NOT NULL,             -- the wire JSON (docs/wire-format.md)
    wire_version INTEGER NOT NULL,
    n_sentences  INTEGER NOT NULL,
    n_tokens     INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL              -- UTC, RFC 3339
) STRICT;

CREATE INDEX documents_date ON documents (date);

CREATE TABLE segments (
    doc_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    kind    TEXT NOT NULL,                  -- chrome | headline | byline | article | transcript
    start   INTEGER NOT NULL,
    end     INTEGER NOT NULL,
    speaker TEXT,
    caps    INTEGER NOT NULL,
    rule    TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
) STRICT, WITHOUT ROWID;

CREATE INDEX segments_speaker ON segments (speaker) WHERE speaker IS NOT NULL;

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    segment_idx INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,              -- as written
    norm        TEXT NOT NULL,              -- analysis form: searched by FTS
    UNIQUE (doc_id, idx)
) STRICT;

CREATE VIRTUAL TABLE sentences_fts USING fts5 (
    norm,
    content = 'sentences',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts (rowid, norm) VALUES (new.id, new.norm);
END;

CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, norm) VALUES ('delete', old.id, old.norm);
END;
