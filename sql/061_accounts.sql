-- 061_accounts.sql: accounts for every staff member (issue 13): activation
-- and reset codes, the sign-in stages of a session, second-factor columns.
-- Tables and columns only; the logic is in prepared statements (cgi/*_sql.c).

-- An issued account has no password until its activation code is used once
-- as the initial password; it must then set one (must_change_password).
ALTER TABLE account ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE account
    ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
    ADD COLUMN password_changed_at  timestamptz,
    ADD COLUMN last_login_at        timestamptz,
    -- TOTP key sealed with AES-256-GCM (never plain), when enrolment ends,
    -- and the last time step accepted (a code is not accepted twice)
    ADD COLUMN totp_secret          bytea,
    ADD COLUMN totp_enrolled_at     timestamptz,
    ADD COLUMN totp_last_step       bigint;

-- One-time codes: activation of an issued account, or a reset by hr/admin.
-- Only the HMAC-SHA256 of the code under the server secret (kept outside the
-- database) is stored: the codes have >= 100 bits of entropy, so a keyed
-- hash needs no salt nor a slow KDF and 300,000 issue in seconds.
-- code_sealed holds the code sealed (AES-256-GCM, key derived from the
-- server secret) for the issuer's notices and CSV only during a short window
-- after issuing (cgi/accounts.c); it is set to NULL when the window ends or
-- the code is used, whichever comes first.
CREATE TABLE account_code (
    id           bigserial PRIMARY KEY,
    account_id   bigint NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    code_hash    text NOT NULL UNIQUE CHECK (length(code_hash) = 64),
    purpose      text NOT NULL CHECK (purpose IN ('activate', 'reset')),
    batch_id     bigint NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    issued_by    bigint REFERENCES account(id) ON DELETE SET NULL,
    code_sealed  bytea
);
CREATE INDEX account_code_account_idx ON account_code (account_id);
CREATE INDEX account_code_batch_idx ON account_code (batch_id);
CREATE INDEX account_code_sealed_idx ON account_code (created_at) WHERE code_sealed IS NOT NULL;
CREATE SEQUENCE account_code_batch_seq;

-- Sign-in stages: a session that is not 'ok' reaches only the pages of its
-- stage (cgi/dispatch.c, R_STAGE): set a password, enter or enrol TOTP.
ALTER TABLE session
    ADD COLUMN stage text NOT NULL DEFAULT 'ok'
        CHECK (stage IN ('ok', 'password', 'totp', 'enrol')),
    ADD COLUMN user_agent text,
    -- last password + second-factor check (step-up for sensitive actions)
    ADD COLUMN verified_at timestamptz NOT NULL DEFAULT now();

GRANT SELECT, INSERT, UPDATE, DELETE ON account_code TO tms_app;
GRANT USAGE ON SEQUENCE account_code_id_seq, account_code_batch_seq TO tms_app;

-- A listed staff number matches case-insensitively (typed d0002 for D0002).
CREATE INDEX staff_no_upper_idx ON staff (upper(staff_no));
