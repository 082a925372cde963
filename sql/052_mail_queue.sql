-- 052_mail_queue.sql: outgoing mail (survey reminders) as a queue.
-- A request only inserts rows: the worker role may INSERT the message
-- columns (never a status) and read the rows back for HR's status screen.
-- `tmsctl mail-send` (cgi/mailq.c, schema owner) claims due rows with
-- FOR UPDATE SKIP LOCKED, runs wishes.mail_command for each with a timeout
-- and `--` before the address, and records the outcome here.
--
-- next_at is when a row is next due: a queued row at once, a claimed one
-- when its lease ends (a sender that died), a failed one after its back-off;
-- NULL once sent or given up. status: queued (not yet tried), sent, failed
-- (last_error says why; retried while next_at is set).
-- Its functions are defined once, in their current form, in
-- sql/functions/wishes.sql.
CREATE TABLE mail_queue (
    id          bigserial PRIMARY KEY,
    queued_by   bigint REFERENCES account(id) ON DELETE SET NULL,
    queued_at   timestamptz NOT NULL DEFAULT now(),
    staff_id    bigint REFERENCES staff(id) ON DELETE SET NULL,
    address     text NOT NULL,
    template    text NOT NULL CHECK (template ~ '^[a-z_]{1,40}$'),  -- what the message is: wish_reminder
    round_id    bigint REFERENCES wish_round(id) ON DELETE CASCADE, -- its subject (wish_reminder)
    subject     text NOT NULL,
    body        text NOT NULL,
    status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
    attempts    int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_at     timestamptz DEFAULT now(),
    last_error  text,
    sent_at     timestamptz,
    CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    CHECK (status <> 'sent' OR next_at IS NULL),
    CHECK (status <> 'queued' OR next_at IS NOT NULL)
);
CREATE INDEX mail_queue_due ON mail_queue (next_at, id) WHERE next_at IS NOT NULL;
CREATE INDEX mail_queue_round ON mail_queue (round_id, staff_id);
CREATE TRIGGER mail_queue_notify AFTER INSERT ON mail_queue
  FOR EACH STATEMENT EXECUTE FUNCTION mail_queue_notify();

GRANT SELECT ON mail_queue TO tms_app;
GRANT INSERT (queued_by, staff_id, address, template, round_id, subject, body) ON mail_queue TO tms_app;
GRANT USAGE ON SEQUENCE mail_queue_id_seq TO tms_app;
