-- Schema 7: sentences enter the full-text index once per stored batch, by
-- one statement the store runs after inserting them (see `insert.rs`), not
-- row by row from a trigger. FTS5 writes its pending terms to disk at every
-- statement that touches it, so the trigger made one small index segment
-- per sentence and then spent its time merging them.
DROP TRIGGER sentences_fts_insert;
