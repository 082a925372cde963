-- sql/demo/50-wishes.sql: demo career wishes survey (意向調査) for the demo
-- city of generate.sql: the FY2025 round (2025-11-04 .. 2025-11-28, closed)
-- with answers from about 88 % of the staff, so that the April 2026
-- rotation gives a wish-fulfilment rate, and the FY2026 round
-- (2026-11-02 .. 2026-12-18) with about 65 % submitted and 8 % drafts.
--
--   psql -v ON_ERROR_STOP=1 -v seed=42 -f sql/demo/50-wishes.sql
--
-- * Does nothing when a demo round is already there or the city is empty.
-- * Deterministic: every choice is a hash of (seed, staff number, item).
-- * Confidential questions (visibility: hr in etc/survey.yaml: family or
--   health circumstances) are left EMPTY here: they are sealed with
--   AES-256-GCM under the application's key file, which SQL cannot do and
--   which must never meet plaintext in the database. Demo users can fill
--   them in through the form, which seals them.
-- * The fixture staff D0001..D0007 answer the FY2025 round only, so the
--   open round shows them the reminder banner and tests start clean.

\set ON_ERROR_STOP 1
\if :{?seed}
\else
\set seed 42
\endif

SELECT EXISTS (SELECT 1 FROM wish_round WHERE title LIKE '%（デモ）')
    OR NOT EXISTS (SELECT 1 FROM staff) AS wishes_skip \gset
\if :wishes_skip
\quit
\endif

BEGIN;
CREATE FUNCTION pg_temp.r(seed int, key text) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ((hashtextextended(key, seed) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$;
\set rr_body 'SELECT pg_temp.r(' :seed ', key)'
CREATE FUNCTION pg_temp.rr(key text) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS :'rr_body';
CREATE FUNCTION pg_temp.pick(arr text[], key text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT arr[1 + floor(pg_temp.rr(key) * cardinality(arr))::int] $$;

INSERT INTO wish_round (fiscal_year, title, opens_on, closes_on, target_kind, closed_at)
VALUES (2025, '令和7年度 意向調査（デモ）', '2025-11-04', '2025-11-28', 'all', '2025-11-28 17:15+09'),
       (2026, '令和8年度 意向調査（デモ）', '2026-11-02', '2026-12-18', 'all', NULL);

-- Who answers what: targets on the round's last (or today's) date.
CREATE TEMP TABLE demo_ans ON COMMIT DROP AS
WITH r AS (
  SELECT id, fiscal_year, opens_on, least(closes_on, DATE '2026-11-28') AS d
  FROM wish_round WHERE title LIKE '%（デモ）'
), t AS (
  SELECT r.id AS round_id, r.fiscal_year AS fy, r.opens_on, r.d, a.staff_id, a.unit_id,
         s.staff_no, pg_temp.rr('wish:' || r.fiscal_year || ':' || s.staff_no) AS x
  FROM r JOIN appointment a ON a.is_main AND a.valid @> r.d
  JOIN staff s ON s.id = a.staff_id
  WHERE s.hire_date <= r.d AND (s.retire_date IS NULL OR s.retire_date >= r.d)
)
SELECT t.*,
       CASE WHEN t.fy = 2025 THEN CASE WHEN t.x < 0.88 OR t.staff_no BETWEEN 'D0001' AND 'D0007' THEN 'submitted' END
            WHEN t.staff_no BETWEEN 'D0001' AND 'D0007' THEN NULL
            WHEN t.x < 0.65 THEN 'submitted' WHEN t.x < 0.73 THEN 'draft' END AS status
FROM t;
DELETE FROM demo_ans WHERE status IS NULL;

INSERT INTO wish_answer (round_id, staff_id, status, created_at, updated_at, submitted_at)
SELECT round_id, staff_id, status,
       opens_on + make_interval(days => floor(x * 20)::int, hours => 9),
       opens_on + make_interval(days => floor(x * 20)::int, hours => 12),
       CASE WHEN status = 'submitted' THEN opens_on + make_interval(days => floor(x * 20)::int, hours => 12) END
FROM demo_ans;

-- Units one may wish for: 課 and 係 on the round's date (not 出向先).
CREATE TEMP TABLE demo_units ON COMMIT DROP AS
SELECT r.id AS round_id, u.code, row_number() OVER (PARTITION BY r.id ORDER BY u.code) AS n
FROM wish_round r JOIN org_unit_version v ON v.valid @> least(r.closes_on, DATE '2026-11-28')
JOIN org_unit u ON u.id = v.unit_id
WHERE r.title LIKE '%（デモ）' AND v.kind IN ('課', '係');
CREATE INDEX ON demo_units (round_id, n);	-- looked up per answer below
ANALYZE demo_units;

CREATE TEMP TABLE demo_vals ON COMMIT DROP AS
WITH a AS (
  SELECT d.*, w.id AS answer_id,
         CASE WHEN pg_temp.rr('choice:' || d.fy || d.staff_no) < 0.45 THEN 'stay'
              WHEN pg_temp.rr('choice:' || d.fy || d.staff_no) < 0.65 THEN 'any' ELSE 'units' END AS choice,
         (SELECT u.code FROM appointment n JOIN org_unit u ON u.id = n.unit_id
          WHERE n.staff_id = d.staff_id AND n.is_main AND n.valid @> make_date(d.fy + 1, 4, 1)
          AND n.unit_id <> d.unit_id) AS moved_to,
         (SELECT count(*) FROM demo_units du WHERE du.round_id = d.round_id) AS nu
  FROM demo_ans d JOIN wish_answer w ON w.round_id = d.round_id AND w.staff_id = d.staff_id
), u AS (
  SELECT a.*,
    CASE WHEN a.moved_to IS NOT NULL AND pg_temp.rr('hit:' || a.fy || a.staff_no) < 0.5 THEN a.moved_to
         ELSE (SELECT code FROM demo_units du WHERE du.round_id = a.round_id
               AND du.n = 1 + floor(pg_temp.rr('u1:' || a.fy || a.staff_no) * a.nu)::int) END AS u1,
    (SELECT code FROM demo_units du WHERE du.round_id = a.round_id
     AND du.n = 1 + floor(pg_temp.rr('u2:' || a.fy || a.staff_no) * a.nu)::int) AS u2,
    (SELECT code FROM demo_units du WHERE du.round_id = a.round_id
     AND du.n = 1 + floor(pg_temp.rr('u3:' || a.fy || a.staff_no) * a.nu)::int) AS u3
  FROM a
)
SELECT answer_id, q, v FROM u, LATERAL (VALUES
  ('transfer.choice', choice),
  ('transfer.unit1', CASE WHEN choice = 'units' THEN u1 END),
  ('transfer.reason1', CASE WHEN choice = 'units' THEN pg_temp.pick(ARRAY[
     'これまでの窓口業務の経験を生かしたい。', '企画立案の経験を積みたい。',
     '資格を生かせる業務に就きたい。', '地域の課題に直接関わる仕事がしたい。',
     '財政・予算の知識を身に付けたい。'], 'r1:' || fy || staff_no) END),
  ('transfer.unit2', CASE WHEN choice = 'units' AND pg_temp.rr('h2:' || fy || staff_no) < 0.6
     AND u2 IS DISTINCT FROM u1 THEN u2 END),
  ('transfer.unit3', CASE WHEN choice = 'units' AND pg_temp.rr('h2:' || fy || staff_no) < 0.3
     AND u3 IS DISTINCT FROM u1 AND u3 IS DISTINCT FROM u2 THEN u3 END),
  ('duties', pg_temp.pick(ARRAY['防災・危機管理', 'DX推進・業務改善', '子育て支援',
     '観光振興', '税務（課税）', '用地・契約', NULL, NULL], 'du:' || fy || staff_no)),
  ('plan', pg_temp.pick(ARRAY['3年以内に係長級の昇任試験を受けたい。',
     '現在の業務を深め、後輩の指導ができるようになりたい。',
     '複数の部署を経験して視野を広げたい。', NULL], 'pl:' || fy || staff_no)),
  ('training', pg_temp.pick(ARRAY['政策形成研修', 'データ活用研修', 'ファシリテーション研修',
     NULL, NULL], 'tr:' || fy || staff_no)),
  ('qualifications', pg_temp.pick(ARRAY['ITパスポート', '社会福祉士', '簿記2級', NULL, NULL, NULL],
     'qu:' || fy || staff_no)),
  ('posting', CASE WHEN pg_temp.rr('po:' || fy || staff_no) < 0.15 THEN 'yes'
     WHEN pg_temp.rr('po:' || fy || staff_no) < 0.5 THEN 'maybe' ELSE 'no' END),
  ('free', CASE WHEN pg_temp.rr('fr:' || fy || staff_no) < 0.2
     THEN '特にありません。引き続きよろしくお願いします。' END)
) AS x(q, v)
WHERE v IS NOT NULL;

INSERT INTO wish_value (answer_id, question, value) SELECT answer_id, q, v FROM demo_vals;

-- Comments of a unit head on a few FY2025 answers: the most senior head of
-- the person's unit other than the person. The two most senior heads of each
-- unit are read once (not once per answer: the city can have 300,000 staff).
INSERT INTO wish_comment (round_id, staff_id, author_staff_id, body, updated_at)
SELECT DISTINCT ON (d.round_id, d.staff_id) d.round_id, d.staff_id, hh.staff_id,
       pg_temp.pick(ARRAY['本人の希望を尊重したい。', '現所属での育成を継続したい。',
                          '異動の時期として適当と考える。'], 'cm:' || d.staff_no),
       '2025-12-05 10:00+09'
FROM demo_ans d
JOIN (SELECT * FROM (
        SELECT x.unit_id, x.d, a.staff_id,
               row_number() OVER (PARTITION BY x.unit_id, x.d ORDER BY p.rank DESC, a.staff_id) AS k
        FROM (SELECT DISTINCT unit_id, d FROM demo_ans WHERE fy = 2025) x
        JOIN appointment a ON a.unit_id = x.unit_id AND a.valid @> x.d
        JOIN position p ON p.code = a.position_code AND p.is_head) t
      WHERE k <= 2) hh ON hh.unit_id = d.unit_id AND hh.d = d.d AND hh.staff_id <> d.staff_id
WHERE d.fy = 2025 AND d.status = 'submitted' AND pg_temp.rr('c:' || d.staff_no) < 0.3
ORDER BY d.round_id, d.staff_id, hh.k;
COMMIT;
