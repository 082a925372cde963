-- 062_throttle.sql: sign-in delays that cannot lock the city out (issue 13).
-- One row per (login, address) that failed, and one per login for every
-- address together (client_addr = ''). A row says how many failures it has
-- seen (forgotten after login.forget_minutes without one) and until when a
-- sign-in of that login (from that address, or from anywhere) is answered
-- "wait N seconds" without checking the password. The delay grows with the
-- failures and is capped at login.max_delay_seconds (at most 60): after it,
-- a correct password always passes. Failures of many logins from one address
-- (a city hall's NAT) only delay each of those logins from it, never another
-- login. The logic is in cgi/throttle.c; admin sees and clears the rows at
-- /admin/throttle. They replace login_failure (001).
CREATE TABLE login_throttle (
    login        text NOT NULL CHECK (length(login) BETWEEN 1 AND 200),
    client_addr  text NOT NULL,          -- '' : the login's row for all addresses
    failures     integer NOT NULL CHECK (failures >= 0),
    last_failure timestamptz NOT NULL,
    until        timestamptz NOT NULL,
    PRIMARY KEY (login, client_addr)
);
CREATE INDEX login_throttle_until_idx ON login_throttle (until);

GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttle TO tms_app;

DROP TABLE login_failure;
