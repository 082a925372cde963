-- database.sql: the roles and the database of tms, made by PostgreSQL's
-- superuser; every statement does nothing when its work is done already.
--   runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 < /usr/share/tms/etc/database.sql
-- scripts/tms runs it at every start of its cluster; the schema itself comes
-- from `tmsctl migrate`, as tms_owner. The workers connect as tms_app.
SELECT 'CREATE ROLE tms_owner LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tms_owner')\gexec
SELECT 'CREATE ROLE tms_app LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tms_app')\gexec
SELECT 'CREATE DATABASE tms OWNER tms_owner ENCODING ''UTF8''' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'tms')\gexec
\c tms
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tms_app;
