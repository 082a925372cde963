-- 001_foundation.sql: accounts, server-side sessions and login throttling.
-- Runs as the owner role; the application role tms_app gets only what it needs.

CREATE TABLE account (
    id            bigserial PRIMARY KEY,
    login         text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9._-]{2,63}$'),
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    role          text NOT NULL CHECK (role IN ('admin', 'hr', 'general')),
    password_hash text NOT NULL CHECK (password_hash LIKE 'pbkdf2_sha256$%'),
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a session token is stored: a database reader cannot
-- hijack sessions.
CREATE TABLE session (
    token_hash  text PRIMARY KEY CHECK (length(token_hash) = 64),
    account_id  bigint NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    client_addr text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    last_seen   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX session_account_idx ON session (account_id);
CREATE INDEX session_created_idx ON session (created_at);

CREATE TABLE login_failure (
    id          bigserial PRIMARY KEY,
    login       text NOT NULL,
    client_addr text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_login_idx ON login_failure (login, at);
CREATE INDEX login_failure_addr_idx ON login_failure (client_addr, at);

GRANT SELECT, INSERT, UPDATE ON account TO tms_app;
GRANT USAGE ON SEQUENCE account_id_seq TO tms_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON session TO tms_app;
GRANT SELECT, INSERT, DELETE ON login_failure TO tms_app;
GRANT USAGE ON SEQUENCE login_failure_id_seq TO tms_app;
