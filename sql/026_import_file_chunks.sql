-- 026_import_file_chunks.sql: the original file of an import (issue 4) is
-- kept in chunks instead of one bytea value. One value was sent as one
-- hex-encoded text parameter (twice the file's size), which PostgreSQL's
-- 1 GB limit on a protocol message refused for files above about 500 MB
-- (the 350 MB evaluations file of a 300,000-staff city went over it once
-- its statement was added). cgi/import.c now sends each chunk (8 MiB by
-- default) as a binary parameter, in the import's own transaction, and the
-- HR screen's commit reads them back in order and checks the length and
-- the SHA-256 recorded in import_history before it imports the bytes.

CREATE TABLE import_file_chunk (
    import_id bigint NOT NULL REFERENCES import_history(id) ON DELETE CASCADE,
    seq       int NOT NULL CHECK (seq >= 0),     -- 0, 1, 2... in file order
    data      bytea COMPRESSION lz4 NOT NULL CHECK (length(data) > 0),
    PRIMARY KEY (import_id, seq)
);

ALTER TABLE import_history ADD COLUMN file_size bigint CHECK (file_size >= 0);

-- Existing rows: their content in 8 MiB chunks (none for an empty file).
INSERT INTO import_file_chunk (import_id, seq, data)
SELECT h.id, g.n, substring(h.content FROM g.n * 8388608 + 1 FOR 8388608)
  FROM import_history h,
       generate_series(0, ceil(length(h.content) / 8388608.0)::int - 1) AS g(n);
UPDATE import_history SET file_size = length(content);
ALTER TABLE import_history ALTER COLUMN file_size SET NOT NULL;
ALTER TABLE import_history DROP COLUMN content;

GRANT SELECT, INSERT ON import_file_chunk TO tms_app;
