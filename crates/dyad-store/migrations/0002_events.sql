-- dyad store schema, version 2: events (who did what to whom), one row per
-- event of a document's analysis. Spans are byte offsets into documents.text.
-- Documents stored before this version have no event rows until re-ingested.

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,          -- position in the analysis' events
    date           TEXT,                      -- the document's date, YYYY-MM-DD
    code           TEXT NOT NULL,             -- CAMEO event code
    root           TEXT NOT NULL,             -- CAMEO root (2 digits)
    label          TEXT NOT NULL,
    quad           INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    plover         TEXT NOT NULL,
    plover_mode    TEXT NOT NULL,
    source_text    TEXT NOT NULL,
    source_code    TEXT,
    source_entity  INTEGER,
    target_text    TEXT,
    target_code    TEXT,
    target_entity  INTEGER,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   TEXT NOT NULL,
    sentence_idx   INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    modality       TEXT NOT NULL,             -- asserted | negated | future | conditional | demanded
    rule           TEXT NOT NULL,
    reason         TEXT NOT NULL,
    UNIQUE (doc_id, idx)
) STRICT;

CREATE INDEX events_source ON events (source_code);
CREATE INDEX events_target ON events (target_code);
CREATE INDEX events_code ON events (code);
CREATE INDEX events_date ON events (date);
