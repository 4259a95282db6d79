-- dyad store schema, version 3: quotes (who said what), one row per quote of
-- a document's analysis. Spans are byte offsets into documents.text; a quote
-- its cue interrupts keeps its first part's start and its last part's end.
-- Documents stored before this version have no quote rows until re-ingested.

CREATE TABLE quotes (
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,          -- position in the analysis' quotes
    date           TEXT,                      -- the document's date, YYYY-MM-DD
    kind           TEXT NOT NULL,             -- direct | indirect | mixed | partial | transcript
    content_start  INTEGER NOT NULL,
    content_end    INTEGER NOT NULL,
    text           TEXT NOT NULL,             -- the content, parts joined by " … "
    cue_text       TEXT NOT NULL,
    speaker_text   TEXT,
    speaker_name   TEXT,                      -- the resolved name ("Sergey Ryabkov" for "he")
    speaker_code   TEXT,                      -- CAMEO actor code
    speaker_entity INTEGER,
    about_text     TEXT,
    about_name     TEXT,
    about_code     TEXT,
    rule           TEXT NOT NULL,
    reason         TEXT NOT NULL,
    UNIQUE (doc_id, idx)
) STRICT;

CREATE INDEX quotes_speaker_name ON quotes (speaker_name);
CREATE INDEX quotes_speaker_code ON quotes (speaker_code);
CREATE INDEX quotes_date ON quotes (date);
