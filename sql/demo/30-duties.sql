-- sql/demo/30-duties.sql: demo duty register (事務分掌) for the demo city of
-- generate.sql: duties for every unit (named by unit where the work is
-- well known, e.g. 住民記録係: 住民基本台帳事務, 印鑑登録事務; by kind
-- otherwise), their history through the city's reorganisations (replayed
-- with duty_follow_succession), assignments of each unit's staff per fiscal
-- year FY2017..FY2026 (主担当 round-robin, 副担当 for most duties, shares
-- summing to about 1.0 per person with some over- and under-allocated),
-- and tasks around FY2026.
--
-- * Deterministic: choices are hashes of (seed, key), like generate.sql; the
--   reference date is the same fixed 2026-11-28.
-- * A no-op when any duty exists (scripts/tms runs it on every `up`).
-- * Set-based; one transaction.

\set ON_ERROR_STOP 1
\if :{?seed}
\else
\set seed 42
\endif
SELECT EXISTS (SELECT 1 FROM duty) AS duties_present \gset
\if :duties_present
\echo 'demo/30-duties.sql: duties already present, nothing to do'
\quit
\endif

BEGIN;
SET LOCAL jit = off;

\set rr_body 'SELECT ((hashtextextended(key, ' :seed ') >> 11) & 9007199254740991)::float8 / 9007199254740992.0'
CREATE FUNCTION pg_temp.rr(key text) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS :'rr_body';

-- ---------------------------------------------------------------- catalogue
-- Duties of well-known units: unit name, order, duty, legal basis, category, person-years.
CREATE TEMP TABLE d_cat (uname text, ord int, name text, legal text, category text, workload numeric) ON COMMIT DROP;
INSERT INTO d_cat VALUES
  ('住民記録係', 1, '住民基本台帳事務', '住民基本台帳法', '自治事務', 2.0),
  ('住民記録係', 2, '印鑑登録事務', '釧路市印鑑条例', '自治事務', 0.8),
  ('住民記録係', 3, '転入・転出・転居届の受付', '住民基本台帳法', '自治事務', 1.5),
  ('住民記録係', 4, 'マイナンバーカード交付事務', '行政手続における特定の個人を識別するための番号の利用等に関する法律', '法定受託事務', 1.2),
  ('戸籍係', 1, '戸籍届出の受理・審査', '戸籍法', '法定受託事務', 2.0),
  ('戸籍係', 2, '戸籍謄抄本の交付', '戸籍法', '法定受託事務', 1.0),
  ('戸籍係', 3, '人口動態調査', '統計法', '法定受託事務', 0.3),
  ('証明発行係', 1, '住民票・各種証明書の交付', '住民基本台帳法', '自治事務', 1.5),
  ('証明発行係', 2, 'コンビニ交付の運用', '', '自治事務', 0.3),
  ('市民税係', 1, '個人住民税の賦課', '地方税法', '自治事務', 3.0),
  ('市民税係', 2, '法人市民税の賦課', '地方税法', '自治事務', 1.0),
  ('市民税係', 3, '税務証明の発行', '地方税法', '自治事務', 0.5),
  ('土地係', 1, '土地の評価・固定資産税の賦課', '地方税法', '自治事務', 2.0),
  ('家屋係', 1, '家屋の評価・固定資産税の賦課', '地方税法', '自治事務', 2.0),
  ('収納係', 1, '市税の収納管理', '地方税法', '自治事務', 2.0),
  ('収納係', 2, '口座振替・コンビニ収納の管理', '', '自治事務', 0.5),
  ('納税管理係', 1, '滞納整理', '国税徴収法', '自治事務', 2.0),
  ('人事係', 1, '職員の任用・人事異動', '地方公務員法', '内部管理事務', 1.5),
  ('人事係', 2, '職員採用試験', '地方公務員法', '内部管理事務', 0.8),
  ('人事係', 3, '人事評価制度の運用', '地方公務員法', '内部管理事務', 0.5),
  ('給与係', 1, '給与・手当の支給', '釧路市職員の給与に関する条例', '内部管理事務', 2.0),
  ('厚生係', 1, '職員の健康管理・福利厚生', '労働安全衛生法', '内部管理事務', 1.0),
  ('文書法制係', 1, '例規の審査・公布', '地方自治法', '内部管理事務', 1.0),
  ('文書法制係', 2, '情報公開・個人情報保護', '釧路市情報公開条例', '自治事務', 0.8),
  ('契約係', 1, '入札・契約事務', '地方自治法', '内部管理事務', 2.0),
  ('防災係', 1, '地域防災計画の策定', '災害対策基本法', '自治事務', 0.8),
  ('防災係', 2, '避難所運営・防災訓練', '災害対策基本法', '自治事務', 1.0),
  ('財政係', 1, '予算編成', '地方自治法', '内部管理事務', 2.0),
  ('財政係', 2, '決算統計・財政状況の公表', '地方財政法', '内部管理事務', 0.8),
  ('企画係', 1, '総合計画の進行管理', '', '自治事務', 1.0),
  ('広報広聴係', 1, '広報くしろの編集・発行', '', '自治事務', 1.2),
  ('広報広聴係', 2, '市民の声・広聴', '', '自治事務', 0.5),
  ('システム管理係', 1, '基幹系システムの運用', '', '内部管理事務', 1.5),
  ('システム管理係', 2, '情報セキュリティ対策', '', '内部管理事務', 0.8),
  ('ネットワーク係', 1, '庁内ネットワークの管理', '', '内部管理事務', 1.0),
  ('国保資格係', 1, '国民健康保険の資格管理', '国民健康保険法', '自治事務', 2.0),
  ('国保給付係', 1, '国民健康保険の給付', '国民健康保険法', '自治事務', 1.5),
  ('年金係', 1, '国民年金の届出受付', '国民年金法', '法定受託事務', 1.0),
  ('保護第一係', 1, '生活保護の決定・実施（第一地区）', '生活保護法', '法定受託事務', 4.0),
  ('保護第二係', 1, '生活保護の決定・実施（第二地区）', '生活保護法', '法定受託事務', 4.0),
  ('介護保険係', 1, '介護保険の資格・賦課', '介護保険法', '自治事務', 2.0),
  ('介護保険係', 2, '要介護認定', '介護保険法', '自治事務', 1.5),
  ('児童手当係', 1, '児童手当の支給', '児童手当法', '自治事務', 1.5),
  ('児童手当係', 2, '児童扶養手当の支給', '児童扶養手当法', '法定受託事務', 1.0),
  ('保育係', 1, '保育所の入所調整', '児童福祉法', '自治事務', 1.5),
  ('母子保健係', 1, '乳幼児健康診査', '母子保健法', '自治事務', 1.5),
  ('母子保健係', 2, '妊産婦への保健指導', '母子保健法', '自治事務', 1.0),
  ('感染症対策係', 1, '予防接種の実施', '予防接種法', '自治事務', 1.5),
  ('学務係', 1, '学齢簿の編製・就学事務', '学校教育法施行令', '自治事務', 1.0),
  ('学校給食係', 1, '学校給食の運営', '学校給食法', '自治事務', 1.5),
  ('選挙係', 1, '選挙の管理・執行', '公職選挙法', '法定受託事務', 1.5),
  ('選挙係', 2, '選挙人名簿の調製', '公職選挙法', '法定受託事務', 0.5),
  ('監査係', 1, '定期監査・例月出納検査', '地方自治法', '自治事務', 1.5),
  ('出納係', 1, '公金の出納・保管', '地方自治法', '内部管理事務', 1.5),
  ('審査係', 1, '支出負担行為・支出命令の審査', '地方自治法', '内部管理事務', 1.5),
  ('議事係', 1, '本会議・委員会の運営', '地方自治法', '内部管理事務', 1.5),
  ('農地係', 1, '農地転用の許可事務', '農地法', '法定受託事務', 1.0),
  ('除雪対策係', 1, '道路除雪計画・除雪作業', '道路法', '自治事務', 2.0),
  ('建築審査係', 1, '建築確認', '建築基準法', '自治事務', 1.5),
  ('住宅管理係', 1, '市営住宅の入居・管理', '公営住宅法', '自治事務', 1.5);

-- ---------------------------------------------------------------- duties
-- Every unit but secondment destinations that exists by the reference date,
-- named as in its first version; duties begin when the unit does (FY2017 at
-- the earliest). A unit with sub-units gets the coordinating duties only.
CREATE TEMP TABLE d_unit ON COMMIT DROP AS
SELECT DISTINCT ON (v.unit_id) v.unit_id, u.code, v.name, v.kind, lower(v.valid) AS since,
       EXISTS (SELECT 1 FROM org_unit_version c WHERE c.parent_id = v.unit_id) AS has_sub
FROM org_unit_version v JOIN org_unit u ON u.id = v.unit_id
WHERE v.kind <> '出向先' AND lower(v.valid) <= date '2026-11-28'
ORDER BY v.unit_id, lower(v.valid);

CREATE TEMP TABLE d_list ON COMMIT DROP AS
SELECT u.unit_id, u.code, u.since, c.ord, c.name, c.legal, c.category, c.workload
FROM d_unit u JOIN d_cat c ON c.uname = u.name
UNION ALL
SELECT u.unit_id, u.code, u.since, g.ord, g.name, g.legal, g.category, g.workload
FROM d_unit u CROSS JOIN LATERAL (VALUES
    (1, CASE WHEN u.kind IN ('部', '局', '本部', '委員会', '事務局') THEN u.name || '内の総合調整'
             ELSE u.name || 'の庶務・予算経理' END, '地方自治法', '内部管理事務', 0.5),
    (2, CASE WHEN u.kind IN ('部', '局', '本部', '委員会', '事務局') THEN '所管事務の進行管理'
             ELSE '所管事務の調整・議会対応' END, '', '内部管理事務', 0.3)) g(ord, name, legal, category, workload)
WHERE u.has_sub
UNION ALL
SELECT u.unit_id, u.code, u.since, g.ord, g.name, g.legal, g.category, g.workload
FROM d_unit u CROSS JOIN LATERAL (
    SELECT * FROM (VALUES
      ('所', 1, '保育の実施', '児童福祉法', '自治事務', 3.0),
      ('所', 2, '園児の健康・安全管理', '児童福祉法', '自治事務', 1.0),
      ('所', 3, '施設の維持管理', '', '内部管理事務', 0.5),
      ('署', 1, '消防・救急活動', '消防組織法', '自治事務', 4.0),
      ('署', 2, '火災予防査察', '消防法', '自治事務', 1.0),
      ('署', 3, '防火指導・防災訓練', '消防法', '自治事務', 0.5),
      ('館', 1, '施設の管理運営', '社会教育法', '自治事務', 1.5),
      ('館', 2, '資料の収集・整理・保存', '図書館法', '自治事務', 1.0),
      ('館', 3, '普及啓発・講座の開催', '社会教育法', '自治事務', 0.5),
      ('係', 1, NULL, '', '自治事務', 1.0),
      ('係', 2, NULL, '', '自治事務', 0.5),
      ('係', 3, NULL, '', '内部管理事務', 0.3),
      ('室', 1, NULL, '', '自治事務', 1.0),
      ('室', 2, NULL, '', '内部管理事務', 0.3),
      ('課', 1, NULL, '', '自治事務', 1.0),
      ('課', 2, NULL, '', '内部管理事務', 0.3)
    ) k(kind, ord, name, legal, category, workload)
    WHERE k.kind = u.kind
  ) g0 CROSS JOIN LATERAL (SELECT g0.ord, coalesce(g0.name, CASE g0.ord
      WHEN 1 THEN regexp_replace(u.name, '(係|室|課)$', '') || 'に関する事務'
      WHEN 2 THEN regexp_replace(u.name, '(係|室|課)$', '') || '関係の窓口・相談対応'
      ELSE u.name || 'の庶務・統計報告' END) AS name, g0.legal, g0.category, g0.workload) g
WHERE NOT u.has_sub AND NOT EXISTS (SELECT 1 FROM d_cat c WHERE c.uname = u.name);

INSERT INTO duty (id, name, legal_basis, description, category, workload, start_date, status)
SELECT row_number() OVER (ORDER BY code COLLATE "C", ord), name, legal,
       name || 'に関すること（' || (SELECT v.name FROM org_unit_version v WHERE v.unit_id = l.unit_id
                                  ORDER BY lower(v.valid) LIMIT 1) || '）。',
       category, workload, greatest(since, date '2017-04-01'), '実施中'
FROM d_list l;
SELECT setval('duty_id_seq', (SELECT max(id) FROM duty));
INSERT INTO duty_unit (duty_id, unit_id, valid)
SELECT row_number() OVER (ORDER BY code COLLATE "C", ord), unit_id,
       daterange(greatest(since, date '2017-04-01'), NULL)
FROM d_list;

-- The reorganisations, in date order: merged and transferred units hand
-- their duties to the successor (the 2027-04-01 merger is already decided).
SELECT count(duty_follow_succession(from_unit, to_unit, on_date, kind))
FROM (SELECT * FROM org_unit_succession ORDER BY on_date, from_unit, to_unit) s;

-- ---------------------------------------------------------------- assignments
-- Per fiscal year: each duty's unit on April 1 and the staff whose main
-- appointment is there. Duties go round-robin over the unit's staff (ordered
-- by a stable hash, so people keep their duties while they stay).
CREATE TEMP TABLE d_fy ON COMMIT DROP AS
SELECT d.id AS duty_id, y AS fy, du.unit_id,
       (row_number() OVER (PARTITION BY du.unit_id, y ORDER BY d.id) - 1)::int AS di
FROM duty d CROSS JOIN generate_series(2017, 2026) y
JOIN duty_unit du ON du.duty_id = d.id AND du.valid @> make_date(y, 4, 1);

CREATE TEMP TABLE d_staff ON COMMIT DROP AS
SELECT a.unit_id, y AS fy, a.staff_id,
       (row_number() OVER (PARTITION BY a.unit_id, y ORDER BY pg_temp.rr('duty-staff:' || a.staff_id || ':' || a.unit_id), a.staff_id) - 1)::int AS si,
       count(*) OVER (PARTITION BY a.unit_id, y)::int AS k
FROM generate_series(2017, 2026) y
JOIN appointment a ON a.is_main AND a.valid @> make_date(y, 4, 1)
JOIN staff s ON s.id = a.staff_id AND staff_active(s, make_date(y, 4, 1))
WHERE a.unit_id IN (SELECT unit_id FROM d_fy);
CREATE INDEX ON d_staff (unit_id, fy, si);

-- Each person takes duty (si mod nd): the first nd people are 主担当, the
-- others 副担当; when a unit has fewer people than duties, the rest go
-- round-robin as 主担当 too; most people also back up the next duty.
CREATE TEMP TABLE d_asg ON COMMIT DROP AS
WITH nd AS (SELECT unit_id, fy, count(*)::int AS nd FROM d_fy GROUP BY unit_id, fy),
x AS (
SELECT f.duty_id, f.fy, s.staff_id, CASE WHEN s.si < n.nd THEN '主担当' ELSE '副担当' END AS role
FROM d_staff s JOIN nd n ON n.unit_id = s.unit_id AND n.fy = s.fy
JOIN d_fy f ON f.unit_id = s.unit_id AND f.fy = s.fy AND f.di = s.si % n.nd
UNION ALL
SELECT f.duty_id, f.fy, s.staff_id, '主担当'
FROM d_fy f JOIN d_staff s ON s.unit_id = f.unit_id AND s.fy = f.fy AND f.di >= s.k AND s.si = f.di % s.k
UNION ALL   -- most people also back up the next duty
SELECT f.duty_id, f.fy, s.staff_id, '副担当'
FROM d_staff s JOIN nd n ON n.unit_id = s.unit_id AND n.fy = s.fy AND n.nd > 1
JOIN d_fy f ON f.unit_id = s.unit_id AND f.fy = s.fy AND f.di = (s.si + 1) % n.nd
WHERE pg_temp.rr('duty-second:' || s.staff_id || ':' || s.fy) < 0.6
)
SELECT DISTINCT ON (duty_id, fy, staff_id) duty_id, fy, staff_id, role
FROM x ORDER BY duty_id, fy, staff_id, role;   -- 主担当 sorts first
-- a few duties are left without 主担当 this year (for the risk view)
DELETE FROM d_asg WHERE fy = 2026 AND role = '主担当' AND pg_temp.rr('duty-nomain:' || duty_id) < 0.03;

-- Shares: each person's assignments of a year split 1.0 (主担当 weigh
-- twice 副担当), the remainder on the last so the sum is exact; a few
-- people are over- (+0.2) or under-allocated (x0.7).
CREATE TEMP TABLE d_share ON COMMIT DROP AS
WITH w AS (
  SELECT a.*, CASE role WHEN '主担当' THEN 2 ELSE 1 END AS wt,
         sum(CASE role WHEN '主担当' THEN 2 ELSE 1 END) OVER (PARTITION BY staff_id, fy) AS wsum,
         row_number() OVER (PARTITION BY staff_id, fy ORDER BY role, duty_id DESC) AS rn,
         count(*) OVER (PARTITION BY staff_id, fy) AS n
  FROM d_asg a
), s AS (
  SELECT w.*, greatest(round(wt::numeric / wsum, 2), 0.05) AS base FROM w
), fixed AS (
  SELECT s.*, CASE WHEN rn = 1 THEN greatest(1 - coalesce(sum(base) OVER (PARTITION BY staff_id, fy) - base, 0), 0.05)
                   ELSE base END AS share0,
         pg_temp.rr('duty-load:' || staff_id || ':' || fy) AS h
  FROM s
)
SELECT duty_id, fy, staff_id, role,
       least(1.00, greatest(0.05, CASE WHEN h < 0.06 AND rn = 1 THEN share0 + 0.2
                                       WHEN h >= 0.06 AND h < 0.12 THEN round(share0 * 0.7, 2)
                                       ELSE share0 END))::numeric(3,2) AS share
FROM fixed;

-- consecutive years with the same role and share make one span; the
-- current one stays open (planned transfers are not announced by it)
INSERT INTO duty_assignment (duty_id, staff_id, role, share, valid)
SELECT g.duty_id, g.staff_id, g.role, g.share,
       daterange(make_date(g.y0, 4, 1),
                 CASE WHEN st.retire_date IS NOT NULL AND st.retire_date < coalesce(make_date(g.y1 + 1, 4, 1), 'infinity') - 1
                      THEN st.retire_date + 1
                      WHEN g.y1 = 2026 THEN NULL ELSE make_date(g.y1 + 1, 4, 1) END)
FROM (
  SELECT duty_id, staff_id, role, share, min(fy) AS y0, max(fy) AS y1
  FROM (SELECT *, fy - row_number() OVER (PARTITION BY duty_id, staff_id, role, share ORDER BY fy) AS grp FROM d_share) x
  GROUP BY duty_id, staff_id, role, share, grp
) g JOIN staff st ON st.id = g.staff_id
WHERE st.retire_date IS NULL OR st.retire_date >= make_date(g.y0, 4, 1);

-- ---------------------------------------------------------------- tasks
-- One or two tasks per duty in force on the reference date, within FY2026,
-- with progress as of that date (some overdue, some due soon, some on hold).
CREATE TEMP TABLE d_task ON COMMIT DROP AS
WITH base AS (
  SELECT d.id AS duty_id, n,
         (ARRAY['年間事務計画の策定', '定例報告の作成', '制度改正への対応', '窓口マニュアルの改訂',
                '次年度予算要求の準備', '決算資料の作成', '事務の点検・改善', '関係機関との調整',
                '研修資料の作成', '統計調査への回答', '市民向け案内の更新', '引継書の整備'])
           [1 + floor(pg_temp.rr('duty-task-t:' || d.id || ':' || n) * 12)::int] AS title,
         date '2026-04-01' + floor(pg_temp.rr('duty-task-s:' || d.id || ':' || n) * 300)::int AS s,
         14 + floor(pg_temp.rr('duty-task-d:' || d.id || ':' || n) * 120)::int AS len,
         pg_temp.rr('duty-task-x:' || d.id || ':' || n) AS h
  FROM duty d JOIN duty_unit du ON du.duty_id = d.id AND du.valid @> date '2026-11-28'
  CROSS JOIN generate_series(1, 2) n
  WHERE n = 1 OR pg_temp.rr('duty-task-n:' || d.id) < 0.5
)
SELECT duty_id, n, title, s AS start_date, least(s + len, date '2027-03-31') AS due_date, h FROM base;

INSERT INTO duty_task (duty_id, title, start_date, due_date, progress, status, notes)
SELECT duty_id, title, start_date, due_date,
       CASE WHEN st = '完了' THEN 100 WHEN st = '未着手' THEN 0
            WHEN due_date < date '2026-11-28' THEN 60 + floor(h * 30)::int
            ELSE least(90, (10 * round(10.0 * (date '2026-11-28' - start_date) / greatest(due_date - start_date, 1))))::int END,
       st, CASE WHEN st = '保留' THEN '関係課の方針決定待ち' ELSE '' END
FROM (SELECT t.*, CASE WHEN t.start_date > date '2026-11-28' THEN '未着手'
                       WHEN t.h < 0.05 THEN '保留'
                       WHEN t.due_date < date '2026-11-28' AND t.h >= 0.15 THEN '完了'
                       ELSE '進行中' END AS st
      FROM d_task t) x
ORDER BY duty_id, n;

-- assignees: the duty's current 主担当, and one 副担当 on every other task
-- (the first 副担当 of each duty read once, not once per row: the city
-- can have 300,000 staff)
INSERT INTO duty_task_assignee (task_id, staff_id)
WITH sub AS (SELECT b.duty_id, min(b.staff_id) AS staff_id FROM duty_assignment b
             WHERE b.role = '副担当' AND b.valid @> date '2026-11-28' GROUP BY b.duty_id)
SELECT DISTINCT k.id, a.staff_id
FROM duty_task k JOIN duty_assignment a ON a.duty_id = k.duty_id AND a.valid @> date '2026-11-28'
LEFT JOIN sub ON sub.duty_id = k.duty_id
WHERE a.role = '主担当' OR (k.id % 2 = 0 AND a.staff_id = sub.staff_id);

SELECT 'duties' AS what, count(*) FROM duty
UNION ALL SELECT 'duty_unit', count(*) FROM duty_unit
UNION ALL SELECT 'duty_assignment', count(*) FROM duty_assignment
UNION ALL SELECT 'duty_task', count(*) FROM duty_task
UNION ALL SELECT 'duty_task_assignee', count(*) FROM duty_task_assignee;

COMMIT;
