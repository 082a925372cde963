-- 063_totp.sql: what the second factor (cgi/totp.c, cgi/h_totp.c) needs
-- beside account.totp_secret / totp_enrolled_at / totp_last_step (061).
--
-- 1. Recovery codes: ten per enrolment, each usable once. They are made
--    like the one-time codes of account_code (cgi/accounts.c: 100 bits,
--    only their HMAC-SHA256 under the server secret kept); a use sets used_at in
--    one statement (UPDATE ... WHERE used_at IS NULL RETURNING), so two
--    concurrent uses of one code cannot both pass.
-- 2. Wrong codes per session: after a few, the session ends and the
--    password is asked again (its throttling then applies), so the six
--    digits cannot be guessed through one session.

CREATE TABLE totp_recovery (
    id          bigserial PRIMARY KEY,
    account_id  bigint NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    code_hash   text NOT NULL CHECK (length(code_hash) = 64),
    created_at  timestamptz NOT NULL DEFAULT now(),
    used_at     timestamptz,
    UNIQUE (account_id, code_hash)
);

ALTER TABLE session ADD COLUMN totp_failures int NOT NULL DEFAULT 0;

GRANT SELECT, INSERT, UPDATE, DELETE ON totp_recovery TO tms_app;
GRANT USAGE ON SEQUENCE totp_recovery_id_seq TO tms_app;
