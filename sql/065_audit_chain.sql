-- 065_audit_chain.sql: the audit trail as a hash chain (cgi/auditchain.c).
--
-- Every row inserted from now on gets a chain position (audit_log.seq,
-- 1, 2, 3 ... without gaps) and a MAC in audit_mac:
--     mac(n) = HMAC-SHA256(K, mac(n-1) || canon(row n))
-- K is paths.audit_key, a file the database never sees (made like
-- secret.key by scripts/tms and the package). canon() is the jsonb text of
-- the row's columns (AUDIT_CANON in cgi/audit_sql.c; the same expression is
-- written below for the genesis). The chain's order is the one of its head,
-- audit_chain (one row): an insert takes its row lock (UPDATE ... seq + 1)
-- in the transaction of the insert, so concurrent inserts queue on it and
-- each chains from the one before.
--
-- Rows older than this migration (seq NULL, id <= genesis_id) are covered
-- as a whole: mac(0) is the SHA-256 of their canonical texts in id order,
-- and mac(1) chains from it, so a change to any of them breaks row 1's MAC
-- (tmsctl audit verify recomputes the digest). The digest itself is not
-- keyed: until row 1 exists, the old rows are not protected.
--
-- Retention (cgi/retention.c) deletes rows older than its period as the
-- schema owner: the pre-chain rows first, then chained rows from the start,
-- and moves base_seq/base_mac; the deletion is itself an audit row.
--
-- tms_app may insert into audit_log and audit_mac and move the head; it
-- can change or delete neither a row nor a MAC.

ALTER TABLE audit_log ADD COLUMN seq bigint UNIQUE;

CREATE TABLE audit_mac (
    seq  bigint PRIMARY KEY,
    mac  bytea NOT NULL CHECK (length(mac) = 32)
);

CREATE TABLE audit_chain (
    id          int PRIMARY KEY CHECK (id = 1),
    seq         bigint NOT NULL,            -- the last chained row
    mac         bytea NOT NULL,             -- its MAC (the genesis digest at 0)
    genesis_id  bigint NOT NULL,            -- rows up to this id are in the digest
    genesis     bytea NOT NULL,             -- the digest (a hint: row 1's MAC is the proof)
    started_at  timestamptz NOT NULL DEFAULT now(),
    -- retention (tmsctl retention run) removes the oldest rows: the chain
    -- then starts at base_seq, from the MAC of the row before it
    base_seq    bigint NOT NULL DEFAULT 1,
    base_mac    bytea
);

INSERT INTO audit_chain (id, seq, mac, genesis_id, genesis)
SELECT 1, 0, d.digest, d.genesis_id, d.digest FROM (
SELECT sha256(convert_to(coalesce(string_agg(jsonb_build_array(l.id, l.seq,
           to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
           l.actor_account_id, l.actor_staff_id, l.actor_role, l.action,
           l.subject_staff_id, l.target, l.detail, l.client_addr, l.result)::text,
           E'\n' ORDER BY l.id), ''), 'UTF8'))
       AS digest, coalesce(max(l.id), 0) AS genesis_id
  FROM audit_log l) d;

GRANT SELECT, INSERT ON audit_mac TO tms_app;
GRANT SELECT, UPDATE (seq, mac) ON audit_chain TO tms_app;
