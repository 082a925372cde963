-- 031_duties_version.sql: duties and their assignments move the data
-- version (sql/009) like every other table a cached page reads, so the
-- profile's 担当業務の履歴 can be served from the workers' result cache.
-- Tasks are not included: their progress changes often and no cached page
-- reads them.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['duty', 'duty_unit', 'duty_assignment'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I'
                   ' FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()',
                   t || '_data_version', t);
  END LOOP;
END
$$;
