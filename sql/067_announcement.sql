-- 067_announcement.sql: お知らせ (announcements) that admin posts for a
-- period, shown on every user's home page from starts_at until ends_at:
-- planned stops, version upgrades (§9(3)①). cgi/h_announce.c.

CREATE TABLE announcement (
    id          bigserial PRIMARY KEY,
    title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    body        text NOT NULL CHECK (length(body) <= 2000),
    starts_at   timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    created_by  bigint REFERENCES account(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX announcement_period_idx ON announcement (ends_at, starts_at);

GRANT SELECT, INSERT, DELETE ON announcement TO tms_app;
GRANT USAGE ON SEQUENCE announcement_id_seq TO tms_app;
