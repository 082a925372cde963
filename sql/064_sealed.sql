-- 064_sealed.sql: sealed fields (issue 15). Free-text evaluation comments
-- and the bytes of stored import files are sealed with AES-256-GCM under
-- the wishes key ring (lib/seal.c, paths.wish_keys), like the HR-only
-- survey answers: the key lives in a file outside the database, so a
-- migration or a function cannot seal anything. The values already stored
-- in plain text are sealed by `tmsctl seal-existing` (scripts/tms runs it
-- after `migrate`), which also runs after every evaluations import; until
-- then readers accept either form (a row holds one: plain or sealed; an
-- evaluations import opens the sealed ones inside its transaction so that
-- the import compares plain text, and seals them again before it commits).

-- evaluation: comment_sealed = nonce || ciphertext || tag of the comment,
-- bound to (staff, fiscal year, period, kind); comment_key = the key's id.
ALTER TABLE evaluation
    ADD COLUMN comment_sealed bytea,
    ADD COLUMN comment_key int,
    ADD CONSTRAINT evaluation_comment_key CHECK ((comment_sealed IS NULL) = (comment_key IS NULL));
CREATE INDEX evaluation_comment_key_idx ON evaluation (comment_key) WHERE comment_key IS NOT NULL;
CREATE INDEX evaluation_comment_plain_idx ON evaluation (id) WHERE evaluator_comment IS NOT NULL;

-- import_file_chunk: data is sealed when key_id is set (bound to the
-- import and the chunk number); NULL: a chunk stored before this
-- migration or without a key ring, sealed by `tmsctl seal-existing`.
ALTER TABLE import_file_chunk ADD COLUMN key_id int;
ALTER TABLE import_file_chunk ALTER COLUMN data SET STORAGE EXTERNAL;  -- sealed bytes do not compress
CREATE INDEX import_file_chunk_key_idx ON import_file_chunk (key_id);
