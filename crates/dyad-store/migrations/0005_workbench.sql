-- dyad store schema, version 5: what the workbench (dyad serve) filters and
-- aggregates on. Events and quotes get a sort key (`sort_date`: their date,
-- '' when they have none) so lists page by (sort_date, id); events get the
-- parties of their dyad (`source_party`, `target_party`: the first three
-- letters of the actor code, six for IGO/NGO/MNC codes); entities get a
-- table of their own. Indexes serve the filtered, paged event lists.

ALTER TABLE events ADD COLUMN sort_date TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN source_party TEXT;
ALTER TABLE events ADD COLUMN target_party TEXT;
UPDATE events SET sort_date = coalesce(date, ''),
    source_party = CASE WHEN substr(source_code, 1, 3) IN ('IGO', 'NGO', 'MNC') THEN substr(source_code, 1, 6) ELSE substr(source_code, 1, 3) END,
    target_party = CASE WHEN substr(target_code, 1, 3) IN ('IGO', 'NGO', 'MNC') THEN substr(target_code, 1, 6) ELSE substr(target_code, 1, 3) END;

ALTER TABLE quotes ADD COLUMN sort_date TEXT NOT NULL DEFAULT '';
UPDATE quotes SET sort_date = coalesce(date, '');

CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    kind       TEXT NOT NULL,                -- PER | ORG | LOC | NORP
    name       TEXT NOT NULL,
    title      TEXT,
    n_mentions INTEGER NOT NULL,
    UNIQUE (doc_id, idx)
) STRICT;

CREATE INDEX entities_name ON entities (kind, name);

DROP INDEX events_date;
DROP INDEX events_source;
DROP INDEX events_target;
DROP INDEX events_code;
CREATE INDEX events_sort ON events (sort_date DESC);
CREATE INDEX events_source_party ON events (source_party, sort_date DESC);
CREATE INDEX events_target_party ON events (target_party, sort_date DESC);
CREATE INDEX events_code ON events (code, sort_date DESC);
CREATE INDEX events_root ON events (root, sort_date DESC);
CREATE INDEX events_plover ON events (plover, sort_date DESC);
CREATE INDEX events_dyad ON events (source_party, target_party, sort_date DESC);
CREATE INDEX events_place_name ON events (lower(place_name), sort_date DESC);
CREATE INDEX events_source_root ON events (source_party, root, sort_date DESC);
CREATE INDEX events_target_root ON events (target_party, root, sort_date DESC);
CREATE INDEX events_source_plover ON events (source_party, plover, sort_date DESC);
CREATE INDEX events_target_plover ON events (target_party, plover, sort_date DESC);
CREATE INDEX events_place_country ON events (place_country, sort_date DESC);
CREATE INDEX events_sentence ON events (doc_id, sentence_idx);
DROP INDEX quotes_date;
CREATE INDEX quotes_sort ON quotes (sort_date DESC);
CREATE INDEX documents_ingested ON documents (ingested_at DESC);

-- Entities of documents stored before this version, from their analysis.
INSERT INTO entities (doc_id, idx, kind, name, title, n_mentions)
SELECT d.id, CAST(e.key AS INTEGER), json_extract(e.value, '$.kind'), json_extract(e.value, '$.name'),
       json_extract(e.value, '$.title'), coalesce(json_array_length(e.value, '$.mentions'), 0)
FROM documents d, json_each(d.analysis, '$.entities') e;
