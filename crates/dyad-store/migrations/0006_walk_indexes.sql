-- Schema 6: the indexes of an actor's events in list order also carry each
-- event's sentence (`doc_id`, `sentence_idx`), so a text filter that walks
-- an actor's events against a set of matching sentences reads the index
-- alone.
DROP INDEX events_source_party;
DROP INDEX events_target_party;
CREATE INDEX events_source_party ON events (source_party, sort_date DESC, id, doc_id, sentence_idx);
CREATE INDEX events_target_party ON events (target_party, sort_date DESC, id, doc_id, sentence_idx);
