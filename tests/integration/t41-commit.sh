#!/bin/bash
# t41-commit.sh: db_commit() (lib/db.c) reports failure when PostgreSQL did
# not commit: a transaction aborted by an error (COMMIT answers ROLLBACK) or
# a deferred constraint failing at COMMIT. tmsctl rekey, the importer and
# the duty screens rely on it. Runs tests/db_commit_check (TAP) against the
# test stack's database as the schema owner.
: "${TMS_VAR:?}" "${TMS_BIN:?}"
. "$TMS_VAR/ports"
exec "$TMS_BIN/tests/db_commit_check" "host=$TMS_VAR/run/pg port=$PGPORT dbname=tms user=tms_owner"
