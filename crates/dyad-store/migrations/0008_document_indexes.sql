-- Schema 8: the list of documents and the counts of `dyad stats` read small
-- indexes, not the documents table, whose rows hold each document's text
-- and analysis (most of the file). The list's order (latest ingested first,
-- then id) is one index, so a page of one row no longer makes SQLite scan
-- and sort every document; the number of tokens and the formats are
-- covered by another. PostgreSQL keeps large values out of line and has the
-- first index since its schema 5.
DROP INDEX documents_ingested;
CREATE INDEX documents_ingested ON documents (ingested_at DESC, id DESC);
CREATE INDEX documents_stats ON documents (format, n_tokens);
