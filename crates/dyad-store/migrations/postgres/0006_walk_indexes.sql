-- Schema 6 (as SQLite's migration 6): the indexes of an actor's events in
-- list order also carry each event's sentence, so a text filter that walks
-- an actor's events against a set of matching sentences reads the index
-- alone (an index-only scan).
DROP INDEX events_source_party;
DROP INDEX events_target_party;
CREATE INDEX events_source_party ON events (source_party, sort_date DESC, id) INCLUDE (doc_id, sentence_idx);
CREATE INDEX events_target_party ON events (target_party, sort_date DESC, id) INCLUDE (doc_id, sentence_idx);
-- And the events of a sentence carry their ids, sort keys and parties, so
-- gathering the events of the sentences that match rare words, for an
-- actor or a dyad, reads the index alone.
DROP INDEX events_sentence;
CREATE INDEX events_sentence ON events (doc_id, sentence_idx) INCLUDE (id, sort_date, source_party, target_party);
