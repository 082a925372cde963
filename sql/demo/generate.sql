-- sql/demo/generate.sql: deterministic demo data for a city hall (modelled on
-- Kushiro City, about 3,000 staff): masters, about 200 units with 10 fiscal
-- years of history and a reorganisation decided for 2027-04-01, `scale`
-- staff with appointments, qualifications, training, skills, evaluations.
--
--   psql -v ON_ERROR_STOP=1 -v scale=3000 -v seed=42 -f sql/demo/generate.sql
--
-- * One transaction; refuses to run unless the staff table is empty.
-- * Deterministic: every pseudo-random choice is a hash of (seed, key), never
--   random(), so the same scale and seed give exactly the same rows and ids.
-- * Set-based throughout (the only loop is over the 11 fiscal years when the
--   heads of units are chosen): scale=3000 takes a few seconds, 300000 about
--   five minutes (mostly index and foreign-key maintenance).
-- * scale >= 1000: every unit needs a head on every date, about 200 at once.
-- * The reference date is fixed (2026-11-28, FY2026) so that the data do not
--   depend on the day they are loaded: history covers FY2017..FY2026 and a
--   reorganisation plus rotations are already decided for 2027-04-01.
-- * Masters (positions, job types, grades, qualifications, courses, skills)
--   are upserted; the organisation (org_unit*) is replaced, which is safe
--   because nothing but staff data refers to it and the staff table is empty.
-- * Helpers live in pg_temp and temporary tables are dropped at commit:
--   nothing stays in the schema.
--
-- Fixture staff for tests (fixed staff_no, active today, not moved in future):
--   D0001 人事 花子  主事 総務部 職員課 人事係                  (hr user)
--   D0002 釧路 太郎  主事 市民環境部 市民課 住民記録係 (= 係 X)  (general user)
--   D0003 情報 管理  主任 総務部 情報システム課                  (admin user)
--   D0004 北村 誠    課長 市民課 (head of the 課 containing X)   supervisor of D0002
--   D0005 森田 美咲  主任 住民記録係 (same unit as D0002, not a head)
--   D0006 大橋 健一  主査 建設部 道路維持課 維持係 (another 部)
--   D0007 佐々木 由美 係長 住民記録係 (head of X)

\set ON_ERROR_STOP 1
\if :{?scale}
\else
\set scale 3000
\endif
\if :{?seed}
\else
\set seed 42
\endif

BEGIN;
SET LOCAL jit = off;
SET LOCAL work_mem = '256MB';
SET LOCAL synchronous_commit = off;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM staff) THEN
    RAISE EXCEPTION 'demo/generate.sql: the staff table is not empty (% rows); demo data can only be generated into an empty staff table',
      (SELECT count(*) FROM staff);
  END IF;
END $$;

CREATE TEMP TABLE demo_param ON COMMIT DROP AS
SELECT (:'scale')::int AS scale, (:'seed')::int AS seed;

DO $$
BEGIN
  IF (SELECT scale FROM demo_param) NOT BETWEEN 1000 AND 2000000 THEN
    RAISE EXCEPTION 'demo/generate.sql: scale must be between 1000 and 2000000 (got %); about 200 unit heads are needed',
      (SELECT scale FROM demo_param);
  END IF;
END $$;

-- ---------------------------------------------------------------- helpers
-- r(seed, key): a pseudo-random number in [0,1), a pure function of its
-- arguments (53 bits of hashtextextended).
CREATE FUNCTION pg_temp.r(seed int, key text) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ((hashtextextended(key, seed) >> 11) & 9007199254740991)::float8 / 9007199254740992.0 $$;
-- rr(key): r() with this run's seed baked in; ri(key, n): an int in [0, n).
\set rr_body 'SELECT pg_temp.r(' :seed ', key)'
CREATE FUNCTION pg_temp.rr(key text) RETURNS float8
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS :'rr_body';
CREATE FUNCTION pg_temp.ri(key text, n int) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT floor(pg_temp.rr(key) * n)::int $$;
CREATE FUNCTION pg_temp.pick(arr text[], key text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT arr[1 + floor(pg_temp.rr(key) * cardinality(arr))::int] $$;
-- fiscal year (April to March) of a date
CREATE FUNCTION pg_temp.fy(d date) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT extract(year FROM d)::int - CASE WHEN extract(month FROM d) < 4 THEN 1 ELSE 0 END $$;
-- calendar year of the 3/31 on which a regular employee born in school year
-- bfy retires (定年 60, raised step by step from FY2023 to 65)
CREATE FUNCTION pg_temp.ret_year(bfy int) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN bfy <= 1961 THEN bfy + 61 WHEN bfy = 1962 THEN 2024
                  WHEN bfy <= 1964 THEN bfy + 63 WHEN bfy <= 1966 THEN bfy + 64
                  WHEN bfy <= 1968 THEN bfy + 65 ELSE bfy + 66 END $$;

-- ---------------------------------------------------------------- masters
INSERT INTO position (code, name, rank, is_head) VALUES
  ('kyoikucho',       '教育長',           95, true),
  ('bucho',           '部長',             90, true),
  ('kyokucho',        '局長',             90, true),
  ('shobocho',        '消防長',           90, true),
  ('jimukyokucho',    '事務局長',         85, true),
  ('kaikei_kanrisha', '会計管理者',       85, true),
  ('riji',            '理事',             85, false),
  ('jicho',           '次長',             80, false),
  ('kacho',           '課長',             70, true),
  ('shitsucho',       '室長',             70, true),
  ('shocho_fire',     '署長',             70, true),
  ('shocho',          '所長',             70, true),
  ('kancho',          '館長',             70, true),
  ('sanji',           '参事',             70, false),
  ('encho',           '園長',             65, true),
  ('kachohosa',       '課長補佐',         60, false),
  ('shirei',          '消防司令',         60, false),
  ('senmonin',        '専門員',           55, false),
  ('kakaricho',       '係長',             50, true),
  ('shusa',           '主査',             45, false),
  ('shireiho',        '消防司令補',       45, false),
  ('shunin',          '主任',             30, false),
  ('shicho',          '消防士長',         30, false),
  ('shuji',           '主事',             20, false),
  ('gishi',           '技師',             20, false),
  ('shoboshi',        '消防士',           20, false),
  ('gyomuin',         '業務員',           15, false),
  ('kaikei_nendo',    '会計年度任用職員', 10, false),
  ('rinji',           '臨時的任用職員',   10, false)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, rank = EXCLUDED.rank, is_head = EXCLUDED.is_head;

INSERT INTO job_type (code, name, sort_order) VALUES
  ('ippan', '一般事務', 10), ('doboku', '土木', 20), ('kenchiku', '建築', 30),
  ('denki', '電気', 40), ('kikai', '機械', 50), ('kagaku', '化学', 60),
  ('hokenshi', '保健師', 70), ('kangoshi', '看護師', 80), ('eiyoshi', '栄養士', 90),
  ('hoikushi', '保育士', 100), ('shakai_fukushi', '社会福祉', 110), ('shobo', '消防', 120),
  ('gino', '技能労務', 130), ('gakugeiin', '学芸員', 140), ('shisho', '司書', 150)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, sort_order = EXCLUDED.sort_order;

INSERT INTO grade (code, name, rank)
SELECT 'g' || n, n || '級', n FROM generate_series(1, 8) n
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, rank = EXCLUDED.rank;

INSERT INTO qualification (code, name, category, has_expiry) VALUES
  ('hokenshi',        '保健師',                       '医療・保健', false),
  ('kangoshi',        '看護師',                       '医療・保健', false),
  ('josanshi',        '助産師',                       '医療・保健', false),
  ('kanri_eiyoshi',   '管理栄養士',                   '医療・保健', false),
  ('eiyoshi',         '栄養士',                       '医療・保健', false),
  ('kyukyu',          '救急救命士',                   '医療・保健', false),
  ('shakai_fukushishi','社会福祉士',                  '福祉', false),
  ('seishin_hoken',   '精神保健福祉士',               '福祉', false),
  ('kaigo_fukushi',   '介護福祉士',                   '福祉', false),
  ('hoikushi',        '保育士',                       '福祉', false),
  ('fukushi_shuji',   '社会福祉主事任用資格',         '福祉', false),
  ('caremanager',     '介護支援専門員',               '福祉', true),
  ('shinrishi',       '公認心理師',                   '福祉', false),
  ('kenchikushi1',    '一級建築士',                   '建築・土木', false),
  ('kenchikushi2',    '二級建築士',                   '建築・土木', false),
  ('gijutsushi',      '技術士',                       '建築・土木', false),
  ('doboku_sekou1',   '一級土木施工管理技士',         '建築・土木', false),
  ('doboku_sekou2',   '二級土木施工管理技士',         '建築・土木', false),
  ('sokuryoshi',      '測量士',                       '建築・土木', false),
  ('sokuryoshiho',    '測量士補',                     '建築・土木', false),
  ('kenchiku_kijun',  '建築基準適合判定資格者',       '建築・土木', false),
  ('denki_koji1',     '第一種電気工事士',             '電気・機械', false),
  ('denki_shunin3',   '第三種電気主任技術者',         '電気・機械', false),
  ('kikenbutsu_ko',   '危険物取扱者（甲種）',         '電気・機械', false),
  ('kikenbutsu_otsu4','危険物取扱者（乙種第4類）',    '電気・機械', false),
  ('boiler2',         '二級ボイラー技士',             '電気・機械', false),
  ('shobo_setsubi',   '消防設備士',                   '電気・機械', false),
  ('futsu_menkyo',    '普通自動車免許',               '運転', true),
  ('ogata_menkyo',    '大型自動車免許',               '運転', true),
  ('ogata_tokushu',   '大型特殊自動車免許',           '運転', true),
  ('boki2',           '簿記2級',                      '事務', false),
  ('gyoseishoshi',    '行政書士',                     '事務', false),
  ('sharoshi',        '社会保険労務士',               '事務', false),
  ('takken',          '宅地建物取引士',               '事務', false),
  ('fp2',             '2級ファイナンシャル・プランニング技能士', '事務', false),
  ('kihon_joho',      '基本情報技術者',               '情報', false),
  ('oyo_joho',        '応用情報技術者',               '情報', false),
  ('riss',            '情報処理安全確保支援士',       '情報', true),
  ('itpass',          'ITパスポート',                 '情報', false),
  ('toeic730',        'TOEIC 730点以上',              '語学', false),
  ('eiken_jun1',      '実用英語技能検定準1級',        '語学', false),
  ('russian',         'ロシア語能力検定3級',          '語学', false),
  ('chinese',         '中国語検定2級',                '語学', false),
  ('gakugeiin',       '学芸員',                       '教育・文化', false),
  ('shisho',          '司書',                         '教育・文化', false),
  ('kyoin',           '教員免許状',                   '教育・文化', false),
  ('bosaishi',        '防災士',                       '防災', false)
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, has_expiry = EXCLUDED.has_expiry;

-- training courses; d_days = length in days, mode = who takes it when
CREATE TEMP TABLE m_course (code text, name text, category text, hours numeric, d_days int, mode text, jobs text[]) ON COMMIT DROP;
INSERT INTO m_course VALUES
  ('new',        '新規採用職員研修',                 '階層別', 35, 5,  'new',     NULL),
  ('new_follow', '新規採用職員フォローアップ研修',   '階層別', 7,  1,  'newf',    NULL),
  ('shunin',     '主任級研修',                       '階層別', 14, 2,  'promo',   NULL),
  ('shusa',      '主査級研修',                       '階層別', 14, 2,  'promo',   NULL),
  ('kakaricho',  '係長昇任者研修',                   '階層別', 14, 2,  'promo',   NULL),
  ('hosa',       '課長補佐研修',                     '階層別', 7,  1,  'promo',   NULL),
  ('kanri',      '管理職研修',                       '階層別', 14, 2,  'promo',   NULL),
  ('bucho',      '部長級マネジメント研修',           '階層別', 6,  1,  'promo',   NULL),
  ('security',   '情報セキュリティ研修（eラーニング）', '必修', 2, 30, 'annual',  NULL),
  ('privacy',    '個人情報保護研修',                 '必修',   2,  1,  'even',    NULL),
  ('harass',     'ハラスメント防止研修',             '必修',   3,  1,  'odd',     NULL),
  ('compliance', 'コンプライアンス研修',             '必修',   2,  1,  'elect',   NULL),
  ('jinken',     '人権研修',                         '必修',   3,  1,  'elect',   NULL),
  ('mental',     'メンタルヘルス研修',               '必修',   3,  1,  'elect',   NULL),
  ('setsugu',    '接遇研修',                         '一般',   6,  1,  'elect',   NULL),
  ('bosai',      '防災研修',                         '一般',   3,  1,  'elect',   NULL),
  ('kyumei',     '普通救命講習',                     '一般',   3,  1,  'elect',   NULL),
  ('hosei',      '法制執務研修',                     '専門',   12, 2,  'elect',   '{ippan}'),
  ('zaisei',     '地方財政研修',                     '専門',   6,  1,  'elect',   '{ippan}'),
  ('keiyaku',    '契約事務研修',                     '専門',   6,  1,  'elect',   '{ippan,doboku,kenchiku}'),
  ('kaikei',     '会計事務研修',                     '専門',   6,  1,  'elect',   '{ippan}'),
  ('zeimu',      '税務研修',                         '専門',   12, 2,  'elect',   '{ippan}'),
  ('seisaku',    '政策形成研修',                     '能力開発', 14, 2, 'elect',  '{ippan,shakai_fukushi,hokenshi}'),
  ('koho',       '広報研修',                         '専門',   6,  1,  'elect',   '{ippan}'),
  ('tokei',      '統計研修',                         '専門',   6,  1,  'elect',   '{ippan}'),
  ('yochi',      '用地交渉研修',                     '専門',   6,  1,  'elect',   '{ippan,doboku}'),
  ('doboku',     '土木技術研修',                     '専門',   12, 2,  'elect',   '{doboku}'),
  ('kenchiku',   '建築技術研修',                     '専門',   12, 2,  'elect',   '{kenchiku}'),
  ('setsubi',    '電気・機械設備研修',               '専門',   12, 2,  'elect',   '{denki,kikai,kagaku}'),
  ('hokenshido', '保健指導スキルアップ研修',         '専門',   6,  1,  'elect',   '{hokenshi,kangoshi,eiyoshi}'),
  ('gyakutai',   '児童虐待対応研修',                 '専門',   6,  1,  'elect',   '{shakai_fukushi,hoikushi,hokenshi}'),
  ('casework',   '生活保護ケースワーク研修',         '専門',   12, 2,  'elect',   '{shakai_fukushi}'),
  ('hoiku',      '保育実践研修',                     '専門',   6,  1,  'elect',   '{hoikushi}'),
  ('kyukyutai',  '救急隊員研修',                     '専門',   14, 2,  'elect',   '{shobo}'),
  ('present',    'プレゼンテーション研修',           '能力開発', 6, 1, 'elect',   NULL),
  ('facili',     'ファシリテーション研修',           '能力開発', 6, 1, 'elect',   NULL),
  ('logical',    'ロジカルシンキング研修',           '能力開発', 6, 1, 'elect',   NULL),
  ('excel',      'Excel活用研修',                    '能力開発', 6, 1, 'elect',   NULL),
  ('data',       'データ活用研修',                   '能力開発', 6, 1, 'elect',   NULL),
  ('dx',         'DX推進研修',                       '能力開発', 6, 1, 'elect',   NULL),
  ('rpa',        'RPA研修',                          '能力開発', 6, 1, 'elect',   '{ippan}'),
  ('eikaiwa',    '英会話研修',                       '能力開発', 20, 90, 'long',  NULL),
  ('tsushin',    '通信教育講座（地方自治法）',       '自己啓発', 30, 120, 'long', NULL),
  ('center',     '北海道市町村職員研修センター派遣研修', '派遣', 30, 5, 'elect',   NULL),
  ('jichidai',   '自治大学校派遣研修',               '派遣',   300, 60, 'long',   NULL),
  ('academy',    '市町村アカデミー派遣研修',         '派遣',   24, 4,  'long',    NULL);
INSERT INTO training_course (code, name, category, hours)
SELECT code, name, category, hours FROM m_course
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category, hours = EXCLUDED.hours;

-- skill tree: 10 fields, 5 skills each
CREATE TEMP TABLE m_skill (code text, name text, parent text, sort int) ON COMMIT DROP;
INSERT INTO m_skill
SELECT p.code, p.name, NULL, p.sort FROM (VALUES
  ('fin', '財務会計', 10), ('law', '法務', 20), ('counter', '窓口対応', 30),
  ('plan', '企画・政策立案', 40), ('ict', 'ICT', 50), ('lang', '語学', 60),
  ('civil', '土木設計', 70), ('health', '保健指導', 80), ('welfare', '福祉・相談支援', 90),
  ('disaster', '防災・消防', 100)) p(code, name, sort);
INSERT INTO m_skill
SELECT c.parent || '_' || c.sub, c.name, c.parent, c.sort FROM (VALUES
  ('fin', 'budget', '予算編成', 10), ('fin', 'settle', '決算・財務分析', 20), ('fin', 'pubacc', '公会計・固定資産台帳', 30),
  ('fin', 'contract', '契約・入札事務', 40), ('fin', 'tax', '税務（賦課・徴収）', 50),
  ('law', 'drafting', '法制執務', 10), ('law', 'ordinance', '条例・規則の立案', 20), ('law', 'appeal', '行政不服審査', 30),
  ('law', 'litigation', '訴訟対応', 40), ('law', 'privacy', '個人情報保護・情報公開', 50),
  ('counter', 'resident', '住民窓口', 10), ('counter', 'phone', '電話応対', 20), ('counter', 'foreign', '外国人住民への対応', 30),
  ('counter', 'complaint', '苦情・要望対応', 40), ('counter', 'sign', '手話', 50),
  ('plan', 'policy', '政策立案', 10), ('plan', 'stats', '統計・データ分析', 20), ('plan', 'pr', '広報・情報発信', 30),
  ('plan', 'facilitation', 'ファシリテーション', 40), ('plan', 'pm', 'プロジェクト管理', 50),
  ('ict', 'network', 'ネットワーク管理', 10), ('ict', 'db', 'データベース・SQL', 20), ('ict', 'security', '情報セキュリティ', 30),
  ('ict', 'programming', 'プログラミング', 40), ('ict', 'nocode', 'RPA・ノーコード', 50),
  ('lang', 'english', '英語', 10), ('lang', 'russian', 'ロシア語', 20), ('lang', 'chinese', '中国語', 30),
  ('lang', 'korean', '韓国語', 40), ('lang', 'easyjp', 'やさしい日本語', 50),
  ('civil', 'road', '道路設計', 10), ('civil', 'bridge', '橋梁設計・点検', 20), ('civil', 'river', '河川・港湾', 30),
  ('civil', 'estimate', '積算', 40), ('civil', 'supervise', '施工監理', 50),
  ('health', 'maternal', '母子保健', 10), ('health', 'checkup', '特定保健指導', 20), ('health', 'mental', '精神保健', 30),
  ('health', 'infection', '感染症対策', 40), ('health', 'nutrition', '栄養指導', 50),
  ('welfare', 'assistance', '生活保護ケースワーク', 10), ('welfare', 'disability', '障がい福祉', 20),
  ('welfare', 'elderly', '高齢者福祉・介護保険', 30), ('welfare', 'child', '児童福祉・子育て支援', 40),
  ('welfare', 'counsel', '相談支援・面接技法', 50),
  ('disaster', 'emergency', '救急救命', 10), ('disaster', 'prevention', '火災予防・査察', 20),
  ('disaster', 'plan', '防災計画・避難所運営', 30), ('disaster', 'hazmat', '危険物', 40),
  ('disaster', 'command', '通信指令', 50)) c(parent, sub, name, sort);
INSERT INTO skill (code, name, parent_code, sort_order)
SELECT code, name, parent, sort FROM m_skill ORDER BY parent NULLS FIRST, code
ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, parent_code = EXCLUDED.parent_code, sort_order = EXCLUDED.sort_order;

-- ---------------------------------------------------------------- organisation
-- One row per unit version. f/t: first fiscal year and first fiscal year no
-- longer covered (NULL: open). jobs: job types placed there (NULL: the
-- parent's). w: relative size. hp: head position (NULL: by kind). hmode:
-- NULL (own head), 'kenmu:CODE' (headed by the head of CODE as 兼務), 'none'.
CREATE TEMP TABLE m_org (code text, parent text, kind text, name text, sort int,
                         f int, t int, jobs text[], w int, hp text, hmode text) ON COMMIT DROP;
INSERT INTO m_org VALUES
  -- 総務部
  ('10',     NULL,   '部', '総務部', 10, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('1010',   '10',   '課', '総務課', 10, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('101010', '1010', '係', '総務係', 10, 2017, NULL, NULL, 3, NULL, NULL),
  ('101020', '1010', '係', '文書法制係', 20, 2017, NULL, NULL, 2, NULL, NULL),
  ('1020',   '10',   '課', '職員課', 20, 2017, NULL, '{ippan,hokenshi}', 1, NULL, NULL),
  ('102010', '1020', '係', '人事係', 10, 2017, NULL, '{ippan}', 3, NULL, NULL),
  ('102020', '1020', '係', '給与係', 20, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('102030', '1020', '係', '厚生係', 30, 2017, NULL, '{ippan,hokenshi}', 2, NULL, NULL),
  ('1030',   '10',   '課', '契約管理課', 30, 2017, NULL, '{ippan,doboku,kenchiku}', 1, NULL, NULL),
  ('103010', '1030', '係', '契約係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('103020', '1030', '係', '工事検査係', 20, 2017, NULL, '{doboku,kenchiku,denki,kikai}', 2, NULL, NULL),
  ('1040',   '10',   '課', '防災危機管理課', 40, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('104010', '1040', '係', '防災係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('104020', '1040', '係', '危機管理係', 20, 2017, NULL, NULL, 1, NULL, NULL),
  ('1050',   '10',   '課', '情報システム課', 50, 2017, NULL, '{ippan,denki}', 1, NULL, NULL),
  ('105010', '1050', '係', 'システム管理係', 10, 2017, NULL, NULL, 3, NULL, NULL),
  ('105020', '1050', '係', 'ネットワーク係', 20, 2017, NULL, NULL, 2, NULL, NULL),
  -- tax: 市民税課 and 資産税課 merge into the new 税務課 on 2021-04-01
  ('1060',   '10',   '課', '市民税課', 60, 2017, 2021, '{ippan}', 1, NULL, NULL),
  ('106010', '1060', '係', '市民税係', 10, 2017, 2021, '{ippan}', 4, NULL, NULL),
  ('106010', '1080', '係', '市民税係', 10, 2021, NULL, '{ippan}', 4, NULL, NULL),
  ('106020', '1060', '係', '諸税係', 20, 2017, 2021, '{ippan}', 2, NULL, NULL),
  ('106020', '1080', '係', '諸税係', 20, 2021, NULL, '{ippan}', 2, NULL, NULL),
  ('1070',   '10',   '課', '資産税課', 70, 2017, 2021, '{ippan,kenchiku}', 1, NULL, NULL),
  ('107010', '1070', '係', '土地係', 10, 2017, 2021, '{ippan}', 3, NULL, NULL),
  ('107010', '1080', '係', '土地係', 30, 2021, NULL, '{ippan}', 3, NULL, NULL),
  ('107020', '1070', '係', '家屋係', 20, 2017, 2021, '{ippan,kenchiku}', 3, NULL, NULL),
  ('107020', '1080', '係', '家屋係', 40, 2021, NULL, '{ippan,kenchiku}', 3, NULL, NULL),
  ('1080',   '10',   '課', '税務課', 60, 2021, NULL, '{ippan,kenchiku}', 1, NULL, NULL),
  ('1090',   '10',   '課', '納税課', 80, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('109010', '1090', '係', '納税管理係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('109020', '1090', '係', '収納係', 20, 2017, NULL, NULL, 4, NULL, NULL),
  -- 総合政策部 (企画課 renamed 政策推進課 on 2020-04-01; DX推進室 new on 2022-04-01)
  ('15',     NULL,   '部', '総合政策部', 20, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('1510',   '15',   '課', '企画課', 10, 2017, 2020, '{ippan}', 1, NULL, NULL),
  ('1510',   '15',   '課', '政策推進課', 10, 2020, NULL, '{ippan}', 1, NULL, NULL),
  ('151010', '1510', '係', '企画係', 10, 2017, NULL, NULL, 3, NULL, NULL),
  ('151020', '1510', '係', '広報広聴係', 20, 2017, NULL, NULL, 2, NULL, NULL),
  ('1520',   '15',   '課', '財政課', 20, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('152010', '1520', '係', '財政係', 10, 2017, NULL, NULL, 3, NULL, NULL),
  ('152020', '1520', '係', '資産経営係', 20, 2017, NULL, '{ippan,kenchiku}', 2, NULL, NULL),
  ('1530',   '15',   '課', '国際交流課', 30, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('1540',   '15',   '室', 'DX推進室', 40, 2022, NULL, '{ippan,denki}', 3, NULL, NULL),
  -- 市民環境部 (環境保全課 and 資源循環推進課 merge into 環境政策課 on 2027-04-01)
  ('20',     NULL,   '部', '市民環境部', 30, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('2010',   '20',   '課', '市民課', 10, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('201010', '2010', '係', '戸籍係', 10, 2017, NULL, NULL, 3, NULL, NULL),
  ('201020', '2010', '係', '住民記録係', 20, 2017, NULL, NULL, 4, NULL, NULL),
  ('201030', '2010', '係', '証明発行係', 30, 2017, NULL, NULL, 3, NULL, NULL),
  ('2020',   '20',   '課', '市民生活課', 20, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('202010', '2020', '係', '市民協働係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('202020', '2020', '係', '交通安全係', 20, 2017, NULL, NULL, 1, NULL, NULL),
  ('202030', '2020', '係', '消費生活係', 30, 2017, NULL, NULL, 1, NULL, NULL),
  ('2030',   '20',   '課', '環境保全課', 30, 2017, 2027, '{ippan,kagaku}', 1, NULL, NULL),
  ('203010', '2030', '係', '環境保全係', 10, 2017, 2027, '{ippan,kagaku}', 2, NULL, NULL),
  ('203010', '2050', '係', '環境保全係', 10, 2027, NULL, '{ippan,kagaku}', 2, NULL, NULL),
  ('203020', '2030', '係', '自然保護係', 20, 2017, 2027, '{ippan}', 1, NULL, NULL),
  ('203020', '2050', '係', '自然保護係', 20, 2027, NULL, '{ippan}', 1, NULL, NULL),
  ('2040',   '20',   '課', '資源循環推進課', 40, 2017, 2027, '{ippan,kikai}', 1, NULL, NULL),
  ('204010', '2040', '係', 'ごみ減量推進係', 10, 2017, 2027, '{ippan}', 2, NULL, NULL),
  ('204010', '2050', '係', 'ごみ減量推進係', 30, 2027, NULL, '{ippan}', 2, NULL, NULL),
  ('204020', '2040', '係', '施設管理係', 20, 2017, 2027, '{kikai,denki,gino,ippan}', 2, NULL, NULL),
  ('204020', '2050', '係', '施設管理係', 40, 2027, NULL, '{kikai,denki,gino,ippan}', 2, NULL, NULL),
  ('2050',   '20',   '課', '環境政策課', 30, 2027, NULL, '{ippan,kagaku,kikai}', 1, NULL, NULL),
  ('2060',   '20',   '課', '保険年金課', 50, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('206010', '2060', '係', '国保資格係', 10, 2017, NULL, NULL, 3, NULL, NULL),
  ('206020', '2060', '係', '国保給付係', 20, 2017, NULL, NULL, 2, NULL, NULL),
  ('206030', '2060', '係', '年金係', 30, 2017, NULL, NULL, 2, NULL, NULL),
  ('2070',   '20',   '所', '清掃工場', 60, 2017, NULL, '{kikai,denki,gino}', 4, NULL, NULL),
  -- 福祉部
  ('25',     NULL,   '部', '福祉部', 40, 2017, NULL, '{ippan,shakai_fukushi}', 1, NULL, NULL),
  ('2510',   '25',   '課', '福祉総務課', 10, 2017, NULL, '{ippan,shakai_fukushi}', 1, NULL, NULL),
  ('251010', '2510', '係', '総務係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('251020', '2510', '係', '地域福祉係', 20, 2017, NULL, '{ippan,shakai_fukushi}', 2, NULL, NULL),
  ('2520',   '25',   '課', '生活福祉課', 20, 2017, NULL, '{shakai_fukushi,ippan}', 1, NULL, NULL),
  ('252010', '2520', '係', '保護第一係', 10, 2017, NULL, NULL, 4, NULL, NULL),
  ('252020', '2520', '係', '保護第二係', 20, 2017, NULL, NULL, 4, NULL, NULL),
  ('252030', '2520', '係', '自立支援係', 30, 2017, NULL, '{shakai_fukushi,ippan,hokenshi}', 2, NULL, NULL),
  ('2530',   '25',   '課', '障がい福祉課', 30, 2017, NULL, '{shakai_fukushi,ippan}', 1, NULL, NULL),
  ('253010', '2530', '係', '障がい支援係', 10, 2017, NULL, '{shakai_fukushi,ippan,hokenshi}', 3, NULL, NULL),
  ('253020', '2530', '係', '障がい給付係', 20, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('2540',   '25',   '課', '介護高齢課', 40, 2017, NULL, '{ippan,shakai_fukushi}', 1, NULL, NULL),
  ('254010', '2540', '係', '介護保険係', 10, 2017, NULL, '{ippan}', 3, NULL, NULL),
  ('254020', '2540', '係', '高齢福祉係', 20, 2017, NULL, '{ippan,shakai_fukushi}', 2, NULL, NULL),
  ('254030', '2540', '係', '地域包括ケア係', 30, 2017, NULL, '{hokenshi,shakai_fukushi,kangoshi}', 2, NULL, NULL),
  -- こども保健部, renamed こども未来部 on 2023-04-01
  ('30',     NULL,   '部', 'こども保健部', 50, 2017, 2023, '{ippan,hoikushi}', 1, NULL, NULL),
  ('30',     NULL,   '部', 'こども未来部', 50, 2023, NULL, '{ippan,hoikushi}', 1, NULL, NULL),
  ('3010',   '30',   '課', 'こども支援課', 10, 2017, NULL, '{ippan,shakai_fukushi}', 1, NULL, NULL),
  ('301010', '3010', '係', '子育て支援係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('301020', '3010', '係', '児童手当係', 20, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('301030', '3010', '係', '家庭児童相談係', 30, 2017, NULL, '{shakai_fukushi,hokenshi}', 2, NULL, NULL),
  ('3020',   '30',   '課', 'こども育成課', 20, 2017, NULL, '{ippan,hoikushi}', 1, NULL, NULL),
  ('302010', '3020', '係', '保育係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('302020', '3020', '係', '幼児教育係', 20, 2017, NULL, NULL, 1, NULL, NULL),
  ('3030',   '30',   '所', '中央保育園', 30, 2017, NULL, '{hoikushi,eiyoshi,gino}', 4, 'encho', NULL),
  ('3040',   '30',   '所', '鳥取保育園', 40, 2017, NULL, '{hoikushi,gino}', 3, 'encho', NULL),
  ('3050',   '30',   '所', '星が浦保育園', 50, 2017, NULL, '{hoikushi,gino}', 3, 'encho', NULL),
  ('3060',   '30',   '所', '愛国保育園', 60, 2017, NULL, '{hoikushi,gino}', 3, 'encho', NULL),
  -- 健康推進部 (ワクチン接種推進室 FY2021-FY2023, then back into 健康推進課)
  ('35',     NULL,   '部', '健康推進部', 60, 2017, NULL, '{ippan,hokenshi}', 1, NULL, NULL),
  ('3510',   '35',   '課', '健康推進課', 10, 2017, NULL, '{hokenshi,ippan}', 1, NULL, NULL),
  ('351010', '3510', '係', '健康づくり係', 10, 2017, NULL, '{hokenshi,ippan,eiyoshi}', 3, NULL, NULL),
  ('351020', '3510', '係', '母子保健係', 20, 2017, NULL, '{hokenshi,kangoshi}', 3, NULL, NULL),
  ('351030', '3510', '係', '成人保健係', 30, 2017, NULL, '{hokenshi,kangoshi,eiyoshi}', 2, NULL, NULL),
  ('3520',   '35',   '課', '保健衛生課', 20, 2017, NULL, '{ippan,hokenshi}', 1, NULL, NULL),
  ('352010', '3520', '係', '感染症対策係', 10, 2017, NULL, '{hokenshi,kangoshi,ippan}', 2, NULL, NULL),
  ('352020', '3520', '係', '生活衛生係', 20, 2017, NULL, '{ippan,kagaku}', 2, NULL, NULL),
  ('3530',   '35',   '室', 'ワクチン接種推進室', 30, 2021, 2024, '{ippan,hokenshi,kangoshi}', 4, NULL, NULL),
  -- 産業振興部 (中心市街地活性化推進室 abolished on 2019-04-01)
  ('40',     NULL,   '部', '産業振興部', 70, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('4010',   '40',   '課', '商業労政課', 10, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('401010', '4010', '係', '商業振興係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('401020', '4010', '係', '労政係', 20, 2017, NULL, NULL, 1, NULL, NULL),
  ('4020',   '40',   '室', '中心市街地活性化推進室', 20, 2017, 2019, '{ippan}', 2, NULL, NULL),
  ('4030',   '40',   '課', '観光振興課', 30, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('403010', '4030', '係', '観光企画係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('403020', '4030', '係', '観光施設係', 20, 2017, NULL, '{ippan,kenchiku}', 1, NULL, NULL),
  ('4040',   '40',   '課', '農林課', 40, 2017, NULL, '{ippan,doboku}', 1, NULL, NULL),
  ('404010', '4040', '係', '農政係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('404020', '4040', '係', '林務係', 20, 2017, NULL, '{ippan,doboku}', 1, NULL, NULL),
  -- 水産港湾空港部
  ('45',     NULL,   '部', '水産港湾空港部', 80, 2017, NULL, '{ippan,doboku}', 1, NULL, NULL),
  ('4510',   '45',   '課', '水産課', 10, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('451010', '4510', '係', '水産振興係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('451020', '4510', '係', '漁港係', 20, 2017, NULL, '{doboku,ippan}', 1, NULL, NULL),
  ('4520',   '45',   '課', '港湾空港振興課', 20, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('452010', '4520', '係', '港湾振興係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('452020', '4520', '係', '空港係', 20, 2017, NULL, NULL, 1, NULL, NULL),
  ('4530',   '45',   '課', '港湾計画課', 30, 2017, NULL, '{doboku,ippan}', 2, NULL, NULL),
  -- 都市整備部
  ('50',     NULL,   '部', '都市整備部', 90, 2017, NULL, '{ippan,doboku,kenchiku}', 1, NULL, NULL),
  ('5010',   '50',   '課', '都市計画課', 10, 2017, NULL, '{ippan,doboku,kenchiku}', 1, NULL, NULL),
  ('501010', '5010', '係', '都市計画係', 10, 2017, NULL, '{ippan,doboku}', 2, NULL, NULL),
  ('501020', '5010', '係', '開発指導係', 20, 2017, NULL, '{doboku,kenchiku}', 1, NULL, NULL),
  ('5020',   '50',   '課', '建築指導課', 20, 2017, NULL, '{kenchiku}', 1, NULL, NULL),
  ('502010', '5020', '係', '建築審査係', 10, 2017, NULL, '{kenchiku}', 2, NULL, NULL),
  ('502020', '5020', '係', '指導係', 20, 2017, NULL, '{kenchiku,ippan}', 1, NULL, NULL),
  ('5030',   '50',   '課', '住宅課', 30, 2017, NULL, '{ippan,kenchiku}', 1, NULL, NULL),
  ('503010', '5030', '係', '住宅管理係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('503020', '5030', '係', '住宅整備係', 20, 2017, NULL, '{kenchiku,denki,kikai}', 2, NULL, NULL),
  ('5040',   '50',   '課', '公園緑化課', 40, 2017, NULL, '{doboku,ippan}', 2, NULL, NULL),
  -- 建設部
  ('55',     NULL,   '部', '建設部', 100, 2017, NULL, '{doboku,ippan}', 1, NULL, NULL),
  ('5510',   '55',   '課', '道路河川課', 10, 2017, NULL, '{doboku}', 1, NULL, NULL),
  ('551010', '5510', '係', '道路計画係', 10, 2017, NULL, NULL, 3, NULL, NULL),
  ('551020', '5510', '係', '河川係', 20, 2017, NULL, NULL, 2, NULL, NULL),
  ('5520',   '55',   '課', '道路維持課', 20, 2017, NULL, '{doboku,gino}', 1, NULL, NULL),
  ('552010', '5520', '係', '維持係', 10, 2017, NULL, NULL, 4, NULL, NULL),
  ('552020', '5520', '係', '除雪対策係', 20, 2017, NULL, '{doboku,gino,kikai}', 3, NULL, NULL),
  ('5530',   '55',   '課', '用地管理課', 30, 2017, NULL, '{ippan,doboku}', 1, NULL, NULL),
  ('553010', '5530', '係', '用地係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('553020', '5530', '係', '道路管理係', 20, 2017, NULL, '{ippan,doboku}', 2, NULL, NULL),
  -- 水道局 (上下水道)
  ('60',     NULL,   '局', '水道局', 110, 2017, NULL, '{ippan,doboku}', 1, NULL, NULL),
  ('6010',   '60',   '課', '総務課', 10, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('601010', '6010', '係', '総務係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('601020', '6010', '係', '経理係', 20, 2017, NULL, NULL, 2, NULL, NULL),
  ('6020',   '60',   '課', '料金課', 20, 2017, NULL, '{ippan}', 3, NULL, NULL),
  ('6030',   '60',   '課', '水道整備課', 30, 2017, NULL, '{doboku,denki,kikai}', 1, NULL, NULL),
  ('603010', '6030', '係', '配水係', 10, 2017, NULL, '{doboku}', 3, NULL, NULL),
  ('603020', '6030', '係', '浄水係', 20, 2017, NULL, '{kikai,denki,kagaku,gino}', 3, NULL, NULL),
  ('6040',   '60',   '課', '下水道課', 40, 2017, NULL, '{doboku,denki,kikai}', 1, NULL, NULL),
  ('604010', '6040', '係', '下水道計画係', 10, 2017, NULL, '{doboku}', 2, NULL, NULL),
  ('604020', '6040', '係', '処理場係', 20, 2017, NULL, '{kikai,denki,kagaku,gino}', 3, NULL, NULL),
  -- 市立病院事務局
  ('65',     NULL,   '事務局', '市立病院事務局', 120, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('6510',   '65',   '課', '経営管理課', 10, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('651010', '6510', '係', '庶務係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('651020', '6510', '係', '経理係', 20, 2017, NULL, NULL, 2, NULL, NULL),
  ('6520',   '65',   '課', '医事課', 20, 2017, NULL, '{ippan,kangoshi}', 1, NULL, NULL),
  ('652010', '6520', '係', '医事係', 10, 2017, NULL, '{ippan,kangoshi}', 3, NULL, NULL),
  ('652020', '6520', '係', '地域医療連携係', 20, 2017, NULL, '{kangoshi,shakai_fukushi,ippan}', 2, NULL, NULL),
  -- 消防本部
  ('70',     NULL,   '本部', '消防本部', 130, 2017, NULL, '{shobo,ippan}', 1, NULL, NULL),
  ('7010',   '70',   '課', '総務課', 10, 2017, NULL, '{shobo,ippan}', 1, NULL, NULL),
  ('701010', '7010', '係', '庶務係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('701020', '7010', '係', '職員係', 20, 2017, NULL, '{shobo}', 1, NULL, NULL),
  ('7020',   '70',   '課', '警防課', 20, 2017, NULL, '{shobo}', 1, NULL, NULL),
  ('702010', '7020', '係', '警防係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('702020', '7020', '係', '救急係', 20, 2017, NULL, NULL, 2, NULL, NULL),
  ('7030',   '70',   '課', '予防課', 30, 2017, NULL, '{shobo}', 1, NULL, NULL),
  ('703010', '7030', '係', '予防係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('703020', '7030', '係', '危険物係', 20, 2017, NULL, NULL, 1, NULL, NULL),
  ('7040',   '70',   '課', '通信指令課', 40, 2017, NULL, '{shobo}', 3, NULL, NULL),
  ('7050',   '70',   '署', '中央消防署', 50, 2017, NULL, '{shobo}', 1, NULL, NULL),
  ('705010', '7050', '係', '警備第一係', 10, 2017, NULL, NULL, 6, NULL, NULL),
  ('705020', '7050', '係', '警備第二係', 20, 2017, NULL, NULL, 6, NULL, NULL),
  ('7060',   '70',   '署', '東部消防署', 60, 2017, NULL, '{shobo}', 5, NULL, NULL),
  ('7070',   '70',   '署', '西部消防署', 70, 2017, NULL, '{shobo}', 4, NULL, NULL),
  ('7080',   '70',   '署', '阿寒消防署', 80, 2017, NULL, '{shobo}', 3, NULL, NULL),
  -- 教育委員会
  ('75',       NULL,     '委員会', '教育委員会', 140, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('7510',     '75',     '部', '学校教育部', 10, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('751010',   '7510',   '課', '教育総務課', 10, 2017, NULL, '{ippan,kenchiku}', 1, NULL, NULL),
  ('75101010', '751010', '係', '総務係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('75101020', '751010', '係', '学校施設係', 20, 2017, NULL, '{kenchiku,ippan,denki}', 2, NULL, NULL),
  ('751020',   '7510',   '課', '学校教育課', 20, 2017, NULL, '{ippan,eiyoshi}', 1, NULL, NULL),
  ('75102010', '751020', '係', '学務係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('75102020', '751020', '係', '学校給食係', 20, 2017, NULL, '{eiyoshi,ippan,gino}', 2, NULL, NULL),
  ('7520',     '75',     '部', '生涯学習部', 20, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('752010',   '7520',   '課', '生涯学習課', 10, 2017, NULL, '{ippan,gakugeiin}', 1, NULL, NULL),
  ('75201010', '752010', '係', '社会教育係', 10, 2017, NULL, '{ippan}', 2, NULL, NULL),
  ('75201020', '752010', '係', '文化振興係', 20, 2017, NULL, '{ippan,gakugeiin}', 1, NULL, NULL),
  ('752020',   '7520',   '館', '中央図書館', 20, 2017, NULL, '{shisho,ippan}', 3, NULL, NULL),
  ('752030',   '7520',   '館', '博物館', 30, 2017, NULL, '{gakugeiin,ippan}', 2, NULL, NULL),
  ('752040',   '7520',   '課', 'スポーツ課', 40, 2017, NULL, '{ippan}', 2, NULL, NULL),
  -- 行政委員会・議会の事務局, 会計室
  ('80',     NULL,   '事務局', '議会事務局', 150, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('8010',   '80',   '課', '総務課', 10, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('8020',   '80',   '課', '議事課', 20, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('802010', '8020', '係', '議事係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('802020', '8020', '係', '調査係', 20, 2017, NULL, NULL, 1, NULL, NULL),
  ('82',     NULL,   '事務局', '選挙管理委員会事務局', 160, 2017, NULL, '{ippan}', 1, NULL, 'kenmu:1010'),
  ('8210',   '82',   '係', '選挙係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('84',     NULL,   '事務局', '監査委員事務局', 170, 2017, NULL, '{ippan}', 1, NULL, NULL),
  ('8410',   '84',   '係', '監査係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('86',     NULL,   '事務局', '農業委員会事務局', 180, 2017, NULL, '{ippan}', 1, NULL, 'kenmu:4040'),
  ('8610',   '86',   '係', '農地係', 10, 2017, NULL, NULL, 1, NULL, NULL),
  ('88',     NULL,   '室', '会計室', 190, 2017, NULL, '{ippan}', 1, 'kaikei_kanrisha', NULL),
  ('8810',   '88',   '係', '審査係', 10, 2017, NULL, NULL, 2, NULL, NULL),
  ('8820',   '88',   '係', '出納係', 20, 2017, NULL, NULL, 2, NULL, NULL),
  -- secondment destinations (出向)
  ('X01',    NULL,   '出向先', '北海道庁（出向）', 900, 2017, NULL, '{}', 0, NULL, 'none'),
  ('X02',    NULL,   '出向先', '国土交通省北海道開発局（出向）', 910, 2017, NULL, '{}', 0, NULL, 'none'),
  ('X03',    NULL,   '出向先', '釧路広域連合（出向）', 920, 2017, NULL, '{}', 0, NULL, 'none');

-- jobs inherited from the parent version, head position by kind
UPDATE m_org c SET jobs = p.jobs
FROM m_org p WHERE c.jobs IS NULL AND p.code = c.parent AND p.f <= c.f AND (p.t IS NULL OR p.t > c.f);
UPDATE m_org SET hp = CASE kind WHEN '部' THEN 'bucho' WHEN '局' THEN 'kyokucho' WHEN '本部' THEN 'shobocho'
    WHEN '委員会' THEN 'kyoikucho' WHEN '事務局' THEN 'jimukyokucho' WHEN '課' THEN 'kacho'
    WHEN '室' THEN 'shitsucho' WHEN '署' THEN 'shocho_fire' WHEN '所' THEN 'shocho'
    WHEN '館' THEN 'kancho' WHEN 'センター' THEN 'shocho' WHEN '係' THEN 'kakaricho' END
WHERE hp IS NULL AND kind <> '出向先';

-- replace the organisation (only staff data refer to it, and there is none)
DELETE FROM org_unit_succession;
DELETE FROM org_unit_version;
DELETE FROM org_unit;
INSERT INTO org_unit (id, code)
SELECT row_number() OVER (ORDER BY code COLLATE "C"), code FROM (SELECT DISTINCT code FROM m_org) c;
INSERT INTO org_unit_version (id, unit_id, valid, name, kind, parent_id, sort_order)
SELECT row_number() OVER (ORDER BY m.code COLLATE "C", m.f), u.id,
       daterange(make_date(m.f, 4, 1), CASE WHEN m.t IS NULL THEN NULL ELSE make_date(m.t, 4, 1) END),
       m.name, m.kind, p.id, m.sort
FROM m_org m JOIN org_unit u ON u.code = m.code LEFT JOIN org_unit p ON p.code = m.parent;
INSERT INTO org_unit_succession (from_unit, to_unit, on_date, kind)
SELECT f.id, t.id, s.d, s.kind FROM (VALUES
  ('4020', '4010', date '2019-04-01', '移管'),
  ('1060', '1080', date '2021-04-01', '統合'),
  ('1070', '1080', date '2021-04-01', '統合'),
  ('3530', '3510', date '2024-04-01', '移管'),
  ('2030', '2050', date '2027-04-01', '統合'),
  ('2040', '2050', date '2027-04-01', '統合')) s(fc, tc, d, kind)
JOIN org_unit f ON f.code = s.fc JOIN org_unit t ON t.code = s.tc;

-- units per fiscal year 2017..2027 (all versions change on 4/1)
CREATE TEMP TABLE t_ufy ON COMMIT DROP AS
SELECT y, u.id AS unit_id, m.code, m.kind, m.jobs, m.w, m.hp, m.hmode,
       p.id AS parent_id,
       CASE WHEN m.hp IN ('bucho','kyokucho','shobocho','kyoikucho','jimukyokucho','kaikei_kanrisha') THEN 1
            WHEN m.hp = 'kakaricho' THEN 3 WHEN m.hp IS NOT NULL THEN 2 END AS lv,
       CASE WHEN m.code LIKE '70%' THEN 'fire' WHEN m.hp = 'encho' THEN 'hoiku' ELSE 'gen' END AS pool,
       coalesce(m.jobs[1], 'ippan') AS field,
       NOT EXISTS (SELECT 1 FROM m_org c WHERE c.parent = m.code AND c.f <= y AND (c.t IS NULL OR c.t > y)) AS is_leaf
FROM m_org m JOIN org_unit u ON u.code = m.code LEFT JOIN org_unit p ON p.code = m.parent,
     generate_series(2017, 2027) y
WHERE m.f <= y AND (m.t IS NULL OR m.t > y);
CREATE INDEX ON t_ufy (unit_id, y);

-- where a unit's staff go in a year in which it no longer exists
CREATE TEMP TABLE t_res ON COMMIT DROP AS
WITH RECURSIVE ch(unit_id, y, cur, depth) AS (
  SELECT u.id, y, u.id, 0 FROM org_unit u, generate_series(2017, 2027) y
  UNION ALL
  SELECT ch.unit_id, ch.y, s.to_unit, ch.depth + 1
  FROM ch JOIN org_unit_succession s ON s.from_unit = ch.cur AND s.on_date <= make_date(ch.y, 4, 1)
  WHERE ch.depth < 5
)
SELECT DISTINCT ON (ch.unit_id, ch.y) ch.unit_id, ch.y, ch.cur AS target
FROM ch JOIN t_ufy f ON f.unit_id = ch.cur AND f.y = ch.y
ORDER BY ch.unit_id, ch.y, ch.depth, ch.cur;
CREATE UNIQUE INDEX ON t_res (unit_id, y);

-- candidate units for non-heads: (year, job, class) -> numbered list,
-- weighted by size. staff: leaf units; hosa: 課-level units; jicho: 部-level.
CREATE TEMP TABLE t_cand ON COMMIT DROP AS
WITH base AS (
  SELECT u.y, j.job, c.pclass, u.unit_id, k
  FROM t_ufy u CROSS JOIN unnest(u.jobs) j(job)
  CROSS JOIN (VALUES ('staff'), ('hosa'), ('jicho')) c(pclass)
  CROSS JOIN LATERAL generate_series(1, CASE WHEN c.pclass = 'staff' THEN u.w ELSE 1 END) k
  WHERE u.kind <> '出向先'
    AND ((c.pclass = 'staff' AND u.is_leaf) OR (c.pclass = 'hosa' AND u.lv = 2)
         OR (c.pclass = 'jicho' AND u.lv = 1 AND u.kind IN ('部', '局', '本部')))
), alljobs AS (
  SELECT y, j.code AS job, c.pclass
  FROM generate_series(2017, 2027) y, job_type j, (VALUES ('staff'), ('hosa'), ('jicho')) c(pclass)
), filled AS (   -- a job with no unit of its own in a class falls back to 一般事務's units
  SELECT a.y, a.job, a.pclass, b.unit_id, b.k
  FROM alljobs a JOIN base b ON b.y = a.y AND b.pclass = a.pclass
   AND b.job = CASE WHEN EXISTS (SELECT 1 FROM base x WHERE x.y = a.y AND x.pclass = a.pclass AND x.job = a.job)
                    THEN a.job ELSE 'ippan' END
)
SELECT y, job, pclass, (row_number() OVER (PARTITION BY y, job, pclass ORDER BY unit_id, k) - 1)::int AS idx, unit_id
FROM filled;
CREATE UNIQUE INDEX ON t_cand (y, job, pclass, idx);
CREATE TEMP TABLE t_candn ON COMMIT DROP AS
SELECT y, job, pclass, count(*)::int AS n FROM t_cand GROUP BY 1, 2, 3;
ANALYZE t_ufy; ANALYZE t_res; ANALYZE t_cand; ANALYZE t_candn;

-- ---------------------------------------------------------------- names
-- surnames, most common first (the generator favours the head of the list);
-- some with 髙/﨑/邊/邉/濵/齋 variants
CREATE TEMP TABLE t_sn ON COMMIT DROP AS
SELECT i::int, split_part(x, ':', 1) AS kanji, split_part(x, ':', 2) AS kana
FROM string_to_table(
 '佐藤:サトウ,鈴木:スズキ,高橋:タカハシ,田中:タナカ,伊藤:イトウ,渡辺:ワタナベ,山本:ヤマモト,中村:ナカムラ,'
 '小林:コバヤシ,加藤:カトウ,吉田:ヨシダ,山田:ヤマダ,佐々木:ササキ,山口:ヤマグチ,松本:マツモト,井上:イノウエ,'
 '木村:キムラ,林:ハヤシ,斎藤:サイトウ,清水:シミズ,山崎:ヤマザキ,森:モリ,池田:イケダ,橋本:ハシモト,'
 '阿部:アベ,石川:イシカワ,山下:ヤマシタ,中島:ナカジマ,石井:イシイ,小川:オガワ,前田:マエダ,岡田:オカダ,'
 '長谷川:ハセガワ,藤田:フジタ,後藤:ゴトウ,近藤:コンドウ,村上:ムラカミ,遠藤:エンドウ,青木:アオキ,坂本:サカモト,'
 '斉藤:サイトウ,福田:フクダ,太田:オオタ,西村:ニシムラ,藤井:フジイ,金子:カネコ,岡本:オカモト,藤原:フジワラ,'
 '中野:ナカノ,三浦:ミウラ,原田:ハラダ,中川:ナカガワ,松田:マツダ,竹内:タケウチ,小野:オノ,田村:タムラ,'
 '中山:ナカヤマ,和田:ワダ,石田:イシダ,森田:モリタ,上田:ウエダ,原:ハラ,内田:ウチダ,柴田:シバタ,'
 '酒井:サカイ,宮崎:ミヤザキ,横山:ヨコヤマ,高木:タカギ,安藤:アンドウ,宮本:ミヤモト,大野:オオノ,小島:コジマ,'
 '谷口:タニグチ,今井:イマイ,工藤:クドウ,高田:タカダ,増田:マスダ,丸山:マルヤマ,杉山:スギヤマ,村田:ムラタ,'
 '大塚:オオツカ,小山:コヤマ,藤本:フジモト,平野:ヒラノ,新井:アライ,河野:コウノ,上野:ウエノ,武田:タケダ,'
 '野口:ノグチ,松井:マツイ,千葉:チバ,岩崎:イワサキ,菅原:スガワラ,木下:キノシタ,久保:クボ,佐野:サノ,'
 '野村:ノムラ,松尾:マツオ,菊地:キクチ,杉本:スギモト,市川:イチカワ,古川:フルカワ,大西:オオニシ,島田:シマダ,'
 '水野:ミズノ,桜井:サクライ,高野:タカノ,渡部:ワタナベ,吉川:ヨシカワ,山内:ヤマウチ,西田:ニシダ,飯田:イイダ,'
 '菊池:キクチ,西川:ニシカワ,小松:コマツ,北村:キタムラ,安田:ヤスダ,五十嵐:イガラシ,川口:カワグチ,平田:ヒラタ,'
 '関:セキ,中田:ナカタ,久保田:クボタ,服部:ハットリ,東:ヒガシ,岩田:イワタ,土屋:ツチヤ,川崎:カワサキ,'
 '福島:フクシマ,本田:ホンダ,辻:ツジ,樋口:ヒグチ,秋山:アキヤマ,田口:タグチ,永井:ナガイ,山中:ヤマナカ,'
 '中西:ナカニシ,吉村:ヨシムラ,川上:カワカミ,大橋:オオハシ,石原:イシハラ,松岡:マツオカ,浜田:ハマダ,馬場:ババ,'
 '森本:モリモト,矢野:ヤノ,浅野:アサノ,松下:マツシタ,星野:ホシノ,大久保:オオクボ,吉井:ヨシイ,小池:コイケ,'
 '野田:ノダ,荒木:アラキ,大谷:オオタニ,内藤:ナイトウ,松浦:マツウラ,熊谷:クマガイ,黒田:クロダ,尾崎:オザキ,'
 '永田:ナガタ,川村:カワムラ,望月:モチヅキ,田辺:タナベ,松村:マツムラ,荒井:アライ,堀:ホリ,大島:オオシマ,'
 '平井:ヒライ,早川:ハヤカワ,菅野:カンノ,栗原:クリハラ,西山:ニシヤマ,広瀬:ヒロセ,横田:ヨコタ,石橋:イシバシ,'
 '萩原:ハギワラ,岩本:イワモト,片山:カタヤマ,関口:セキグチ,宮田:ミヤタ,大石:オオイシ,高山:タカヤマ,本間:ホンマ,'
 '吉岡:ヨシオカ,小田:オダ,須藤:スドウ,成田:ナリタ,小西:コニシ,佐久間:サクマ,鎌田:カマタ,小笠原:オガサワラ,'
 '蛯名:エビナ,三上:ミカミ,奥山:オクヤマ,葛西:カサイ,對馬:ツシマ,'
 '髙橋:タカハシ,山﨑:ヤマザキ,宮﨑:ミヤザキ,齋藤:サイトウ,渡邊:ワタナベ,渡邉:ワタナベ,濵田:ハマダ,髙木:タカギ,'
 '島﨑:シマザキ,髙田:タカダ,柳澤:ヤナギサワ,廣瀬:ヒロセ', ',') WITH ORDINALITY AS s(x, i);
CREATE TEMP TABLE t_gn ON COMMIT DROP AS
SELECT g, era, i::int, split_part(x, ':', 1) AS kanji, split_part(x, ':', 2) AS kana
FROM (VALUES
 ('male', 'o', '浩:ヒロシ,誠:マコト,健一:ケンイチ,隆:タカシ,修:オサム,博:ヒロシ,和也:カズヤ,哲也:テツヤ,直樹:ナオキ,浩二:コウジ,'
  '剛:ツヨシ,聡:サトシ,健二:ケンジ,淳:ジュン,大輔:ダイスケ,学:マナブ,徹:トオル,秀樹:ヒデキ,英樹:ヒデキ,智之:トモユキ,'
  '宏:ヒロシ,茂:シゲル,勝:マサル,清:キヨシ,正人:マサト,幸一:コウイチ,達也:タツヤ,拓也:タクヤ,崇:タカシ,裕之:ヒロユキ,'
  '敏之:トシユキ,雅之:マサユキ,伸一:シンイチ,信也:シンヤ,健太郎:ケンタロウ,一郎:イチロウ,賢治:ケンジ,俊介:シュンスケ,忠:タダシ,克也:カツヤ,'
  '正樹:マサキ,亮:リョウ,勇:イサム,昭:アキラ,明:アキラ,進:ススム,稔:ミノル,豊:ユタカ,武:タケシ,義明:ヨシアキ'),
 ('male', 'y', '翔太:ショウタ,大輝:ダイキ,拓海:タクミ,翔:ショウ,健太:ケンタ,大樹:ダイキ,蓮:レン,悠斗:ユウト,陽翔:ハルト,颯太:ソウタ,'
  '大翔:ヒロト,湊:ミナト,樹:イツキ,悠真:ユウマ,陸:リク,優斗:ユウト,海斗:カイト,涼:リョウ,駿:シュン,和樹:カズキ,'
  '直人:ナオト,雄太:ユウタ,亮太:リョウタ,祐介:ユウスケ,翼:ツバサ,匠:タクミ,航:ワタル,将太:ショウタ,智也:トモヤ,圭:ケイ,'
  '俊:シュン,啓太:ケイタ,裕太:ユウタ,貴大:タカヒロ,大和:ヤマト,隼人:ハヤト,光:ヒカル,瑛太:エイタ,慎吾:シンゴ,康平:コウヘイ,'
  '悠人:ユウト,晴:ハル,一輝:カズキ,誠也:セイヤ,龍之介:リュウノスケ,蒼:アオイ,朝陽:アサヒ,健:ケン,優太:ユウタ,達哉:タツヤ'),
 ('female', 'o', '恵子:ケイコ,裕子:ユウコ,久美子:クミコ,由美子:ユミコ,真由美:マユミ,智子:トモコ,直美:ナオミ,陽子:ヨウコ,明美:アケミ,幸子:サチコ,'
  '洋子:ヨウコ,京子:キョウコ,美香:ミカ,香織:カオリ,恵:メグミ,由美:ユミ,貴子:タカコ,典子:ノリコ,和美:カズミ,千春:チハル,'
  '美穂:ミホ,純子:ジュンコ,知子:トモコ,弘美:ヒロミ,聡子:サトコ,美紀:ミキ,真理子:マリコ,敦子:アツコ,里美:サトミ,順子:ジュンコ,'
  '麻美:アサミ,綾子:アヤコ,亜希子:アキコ,雅子:マサコ,紀子:ノリコ,文子:フミコ,節子:セツコ,礼子:レイコ,友美:トモミ,理恵:リエ,'
  '優子:ユウコ,美智子:ミチコ,千秋:チアキ,悦子:エツコ,奈美:ナミ,由紀:ユキ,亜紀:アキ,晴美:ハルミ,尚美:ナオミ,幸恵:ユキエ'),
 ('female', 'y', '美咲:ミサキ,陽菜:ヒナ,結衣:ユイ,さくら:サクラ,葵:アオイ,美優:ミユ,七海:ナナミ,彩花:アヤカ,萌:モエ,愛:アイ,'
  '杏:アン,優花:ユウカ,真央:マオ,遥:ハルカ,彩:アヤ,明日香:アスカ,沙織:サオリ,麻衣:マイ,舞:マイ,千尋:チヒロ,'
  '菜々子:ナナコ,結菜:ユイナ,芽依:メイ,凛:リン,花音:カノン,莉子:リコ,美月:ミヅキ,彩乃:アヤノ,奈々:ナナ,瑞希:ミズキ,'
  '茜:アカネ,楓:カエデ,詩織:シオリ,友香:トモカ,玲奈:レイナ,日向:ヒナタ,心春:コハル,紗希:サキ,夏美:ナツミ,歩美:アユミ,'
  '絵美:エミ,亜美:アミ,望:ノゾミ,琴音:コトネ,未来:ミライ,佳奈:カナ,朋美:トモミ,瞳:ヒトミ,里奈:リナ,梨沙:リサ')
) l(g, era, lst), string_to_table(l.lst, ',') WITH ORDINALITY AS s(x, i);
CREATE TEMP TABLE t_gncnt ON COMMIT DROP AS SELECT g, era, count(*)::int AS n FROM t_gn GROUP BY 1, 2;
CREATE UNIQUE INDEX ON t_sn (i);
CREATE UNIQUE INDEX ON t_gn (g, era, i);

-- ---------------------------------------------------------------- staff
-- Categories (share of generated staff): reg 正規 70 %, reapp 再任用 4 %,
-- fy 会計年度任用 14 %, fixed 任期付 2 %, temp 臨時的任用 3 %, and 7 % who
-- left in FY2017..FY2026 (ret_teinen 定年, ret_vol 自己都合, ret_fy 任期満了).
-- bfy: school year of birth (born bfy-04-02 .. bfy+1-04-01); age at the
-- start of fiscal year y is y - bfy - 1.
CREATE TEMP TABLE t_sb0 ON COMMIT DROP AS
WITH g AS MATERIALIZED (
  SELECT i, 7 + i AS sid, pg_temp.rr('cat:' || i) AS uc, pg_temp.rr('rk:' || i) AS uk
  FROM generate_series(1, (SELECT scale FROM demo_param) - 7) i
), c AS MATERIALIZED (
  SELECT i, sid,
    CASE WHEN uc < 0.70 THEN 'reg' WHEN uc < 0.74 THEN 'reapp' WHEN uc < 0.88 THEN 'fy'
         WHEN uc < 0.90 THEN 'fixed' WHEN uc < 0.93 THEN 'temp'
         WHEN uk < 0.40 THEN 'ret_teinen' WHEN uk < 0.85 THEN 'ret_vol' ELSE 'ret_fy' END AS cat
  FROM g
), b AS MATERIALIZED (
  SELECT c.*,
    CASE cat WHEN 'reg' THEN 1964 + pg_temp.ri('bfy:' || i, 44)
             WHEN 'reapp' THEN 1961 + pg_temp.ri('bfy:' || i, 3)
             WHEN 'ret_teinen' THEN 1961 + pg_temp.ri('bfy:' || i, 3)
             WHEN 'fy' THEN 1961 + pg_temp.ri('bfy:' || i, 46)
             WHEN 'fixed' THEN 1966 + pg_temp.ri('bfy:' || i, 33)
             WHEN 'temp' THEN 1986 + pg_temp.ri('bfy:' || i, 21)
             WHEN 'ret_vol' THEN 1966 + pg_temp.ri('bfy:' || i, 37)
             ELSE 1961 + pg_temp.ri('bfy:' || i, 40) END AS bfy,
    pg_temp.rr('hp:' || i) AS uh
  FROM c
), h AS MATERIALIZED (
  SELECT b.*,
    CASE WHEN cat IN ('reg', 'reapp', 'ret_teinen', 'ret_vol') THEN
           CASE WHEN hf0 > (CASE WHEN cat = 'ret_vol' THEN 2024 ELSE 2026 END) THEN bfy + 19 ELSE hf0 END
         WHEN cat = 'fy' THEN greatest(2026 - floor(7 * power(pg_temp.rr('hfy:' || i), 1.5))::int, bfy + 19)
         WHEN cat = 'ret_fy' THEN greatest(2020 + pg_temp.ri('hfy:' || i, 5), bfy + 19)
         WHEN cat = 'fixed' THEN 2021 + pg_temp.ri('hfy:' || i, 6)
         ELSE 2025 END AS hfy0
  FROM (SELECT b.*, CASE WHEN uh < 0.15 THEN bfy + 19 WHEN uh < 0.75 THEN bfy + 23 WHEN uh < 0.82 THEN bfy + 25
                         ELSE bfy + 26 + pg_temp.ri('mid:' || i, 20) END AS hf0 FROM b OFFSET 0) b
), d AS MATERIALIZED (
  SELECT h.*, make_date(bfy, 4, 2) + pg_temp.ri('bd:' || i, 365) AS birth_date,
    CASE WHEN cat = 'temp' THEN date '2025-12-01' + pg_temp.ri('hd:' || i, 331)
         WHEN cat IN ('fy', 'ret_fy') AND pg_temp.rr('hd:' || i) < 0.2
           THEN least(make_date(hfy0, 4, 1) + pg_temp.ri('hdd:' || i, 300), date '2026-11-27')
         WHEN cat IN ('reg', 'reapp', 'ret_teinen', 'ret_vol') AND uh >= 0.82 AND pg_temp.rr('hd:' || i) < 0.3
              AND hfy0 < 2026 THEN make_date(hfy0, 10, 1)
         ELSE make_date(hfy0, 4, 1) END AS hire_date
  FROM h
), e AS MATERIALIZED (
  SELECT d.*, pg_temp.fy(hire_date) AS hfy,
    CASE cat
      WHEN 'reg' THEN CASE WHEN pg_temp.ret_year(bfy) = 2027 THEN date '2027-03-31' END
      WHEN 'reapp' THEN CASE WHEN bfy = 1961 THEN date '2027-03-31' END
      WHEN 'ret_teinen' THEN make_date(pg_temp.ret_year(bfy), 3, 31)
      WHEN 'ret_vol' THEN CASE WHEN pg_temp.rr('rm:' || i) < 0.8   -- mostly at the end of a fiscal year
          THEN make_date(greatest(hfy0 + 1, 2017) + 1 + pg_temp.ri('rd:' || i, 2026 - greatest(hfy0 + 1, 2017)), 3, 31)
          ELSE greatest(hire_date + 200, date '2017-04-01')
               + pg_temp.ri('rd:' || i, date '2026-11-28' - greatest(hire_date + 200, date '2017-04-01')) END
      WHEN 'ret_fy' THEN make_date(hfy0 + 1 + pg_temp.ri('rd:' || i, 2026 - hfy0), 3, 31)
      WHEN 'fy' THEN CASE WHEN pg_temp.rr('rd:' || i) < 0.12 THEN date '2027-03-31' END
      WHEN 'fixed' THEN make_date(greatest(hfy0 + CASE WHEN pg_temp.rr('rd:' || i) < 0.5 THEN 3 ELSE 5 END, 2027), 3, 31)
      ELSE (hire_date + CASE WHEN hire_date < date '2026-06-01' THEN interval '1 year' ELSE interval '6 months' END)::date - 1
    END AS retire_date,
    CASE WHEN cat IN ('fy', 'ret_fy', 'temp') THEN
           (ARRAY['ippan','hoikushi','gino','hokenshi','kangoshi','shisho','eiyoshi','shakai_fukushi'])
           [width_bucket(pg_temp.rr('job:' || i), ARRAY[0, .60, .75, .87, .90, .93, .96, .98]::float8[])]
         WHEN cat = 'fixed' THEN
           (ARRAY['ippan','doboku','kenchiku','hokenshi','shakai_fukushi'])
           [width_bucket(pg_temp.rr('job:' || i), ARRAY[0, .60, .75, .85, .95]::float8[])]
         ELSE
           (ARRAY['ippan','doboku','kenchiku','denki','kikai','kagaku','hokenshi','kangoshi','eiyoshi',
                  'hoikushi','shakai_fukushi','shobo','gino','gakugeiin','shisho'])
           [width_bucket(pg_temp.rr('job:' || i), ARRAY[0, .54, .62, .65, .665, .68, .685, .715, .73,
                                                        .74, .80, .84, .93, .99, .995]::float8[])]
    END AS job
  FROM d
)
SELECT e.*,
  CASE cat WHEN 'reapp' THEN 'reappointed' WHEN 'fy' THEN 'fiscal_year' WHEN 'ret_fy' THEN 'fiscal_year'
           WHEN 'fixed' THEN 'fixed_term' WHEN 'temp' THEN 'temporary' ELSE 'regular' END AS emp,
  CASE WHEN cat = 'reapp' THEN make_date(pg_temp.ret_year(bfy), 3, 31)
       WHEN cat IN ('reg', 'ret_teinen', 'ret_vol') THEN retire_date END AS reg_end,
  cat IN ('reg', 'reapp', 'ret_teinen', 'ret_vol') AS regtrack,
  CASE WHEN pg_temp.rr('gx:' || i) < 0.004 THEN 'unspecified'
       WHEN pg_temp.rr('g:' || i) < CASE WHEN job = 'hokenshi' THEN 0.97
                                         WHEN job IN ('hoikushi', 'kangoshi', 'eiyoshi') THEN 0.92
                                         WHEN job = 'shobo' THEN 0.04 WHEN job = 'gino' THEN 0.2
                                         WHEN cat IN ('fy', 'ret_fy', 'temp') THEN 0.75 ELSE 0.42 END
       THEN 'female' ELSE 'male' END AS gender,
  pg_temp.rr('merit:' || i) AS merit
FROM e;

-- events: 休職 (leave within one fiscal year) or 出向 (1-2 fiscal years),
-- only while regular and never in the first fiscal year
CREATE TEMP TABLE t_sb1 ON COMMIT DROP AS
WITH w AS MATERIALIZED (
  SELECT s.*, pg_temp.rr('evt:' || i) AS ue,
         greatest(hfy + 1, 2017) AS lo_y,
         least(2026, coalesce(pg_temp.fy(reg_end) - 1, 2026)) AS hi_y
  FROM t_sb0 s
), p AS MATERIALIZED (
  SELECT w.*, CASE WHEN lo_y <= hi_y THEN lo_y + pg_temp.ri('ey:' || i, hi_y - lo_y + 1) END AS ey
  FROM w
)
SELECT p.*,
  CASE WHEN regtrack AND ey IS NOT NULL AND ue < 0.025 THEN 'kyu'
       WHEN regtrack AND ey IS NOT NULL AND ue < 0.035 AND ey - bfy - 1 BETWEEN 28 AND 50 THEN 'shukko' END AS evt
FROM p;

CREATE TEMP TABLE t_sb ON COMMIT DROP AS
WITH n AS MATERIALIZED (
  SELECT s.*,
    CASE WHEN evt = 'kyu' THEN make_date(ey, 5, 1) + pg_temp.ri('d1:' || i, 150) END AS d1,
    CASE WHEN evt = 'shukko' THEN least(ey + pg_temp.ri('yb:' || i, 2), coalesce(pg_temp.fy(reg_end) - 1, 2027)) END AS yb,
    CASE WHEN evt = 'shukko' THEN 'X0' || (1 + pg_temp.ri('xu:' || i, 3)) END AS xcode,
    CASE WHEN gender = 'unspecified' THEN CASE WHEN pg_temp.rr('gn2:' || i) < 0.5 THEN 'female' ELSE 'male' END
         ELSE gender END AS ngender,
    CASE WHEN bfy < 1985 THEN 'o' ELSE 'y' END AS era,
    1 + floor((SELECT count(*) FROM t_sn) * power(pg_temp.rr('fn:' || i), 1.7))::int AS fi,
    1 + pg_temp.ri('ffn:' || i, (SELECT count(*)::int FROM t_sn)) AS ffi
  FROM t_sb1 s
)
SELECT n.sid, n.i, n.cat, n.emp, n.job, n.gender, n.bfy, n.birth_date, n.hfy, n.hire_date, n.retire_date,
  n.reg_end, n.regtrack, n.merit, n.evt, n.ey,
  n.d1, CASE WHEN n.evt = 'kyu' THEN least(n.d1 + 60 + pg_temp.ri('d2:' || n.i, 240), make_date(n.ey + 1, 3, 1)) END AS d2,
  CASE WHEN n.evt = 'kyu' THEN CASE WHEN n.ey - n.bfy - 1 < 42 AND (n.gender = 'female' OR pg_temp.rr('ik:' || n.i) < 0.2)
                                    THEN '育児休業' ELSE '病気休職' END END AS kyu_note,
  n.yb, n.xcode,
  sn.kanji AS family_name, sn.kana AS family_kana, gn.kanji AS given_name, gn.kana AS given_kana,
  CASE WHEN fm THEN fn.kanji END AS former_family_name, CASE WHEN fm THEN fn.kana END AS former_family_kana,
  CASE WHEN al THEN sn.kanji || ' ' || pg_temp.pick(ARRAY['エミリー','ケン','マリア','ジョージ','リサ','アンナ','レオ','サラ'], 'aln:' || n.i) END AS alias_name,
  CASE WHEN al THEN 'alias' WHEN fm AND pg_temp.rr('fd:' || n.i) < 0.5 THEN 'former' ELSE 'legal' END AS name_display
FROM n
JOIN t_sn sn ON sn.i = n.fi
JOIN t_gncnt gc ON gc.g = n.ngender AND gc.era = n.era
JOIN t_gn gn ON gn.g = n.ngender AND gn.era = n.era AND gn.i = 1 + pg_temp.ri('gn:' || n.i, gc.n)
JOIN t_sn fn ON fn.i = CASE WHEN n.ffi = n.fi THEN n.ffi % (SELECT count(*)::int FROM t_sn) + 1 ELSE n.ffi END
CROSS JOIN LATERAL (SELECT
    n.gender = 'female' AND n.cat <> 'temp' AND date '2026-11-28' - n.birth_date > 28 * 365
      AND pg_temp.rr('ff:' || n.i) < 0.12 AND fn.kana <> sn.kana AS fm,
    pg_temp.rr('al:' || n.i) < 0.003 AS al OFFSET 0) f;

-- the seven fixture staff (ids 1..7)
INSERT INTO t_sb (sid, i, cat, emp, job, gender, bfy, birth_date, hfy, hire_date, retire_date, reg_end, regtrack,
                  merit, family_name, family_kana, given_name, given_kana, name_display)
SELECT sid, -sid, 'fix', 'regular', job, gender, pg_temp.fy(bd - 1), bd, pg_temp.fy(hd), hd, NULL, NULL, true,
       0.6, fam, famk, giv, givk, 'legal'
FROM (VALUES
  (1, '人事', 'ジンジ', '花子', 'ハナコ', 'female', date '1999-06-15', date '2022-04-01', 'ippan'),
  (2, '釧路', 'クシロ', '太郎', 'タロウ', 'male', date '1996-09-10', date '2019-04-01', 'ippan'),
  (3, '情報', 'ジョウホウ', '管理', 'カンリ', 'male', date '1990-02-03', date '2012-04-01', 'ippan'),
  (4, '北村', 'キタムラ', '誠', 'マコト', 'male', date '1970-05-20', date '1993-04-01', 'ippan'),
  (5, '森田', 'モリタ', '美咲', 'ミサキ', 'female', date '1992-11-02', date '2015-04-01', 'ippan'),
  (6, '大橋', 'オオハシ', '健一', 'ケンイチ', 'male', date '1978-07-07', date '2001-04-01', 'doboku'),
  (7, '佐々木', 'ササキ', '由美', 'ユミ', 'female', date '1976-08-08', date '1999-04-01', 'ippan')
) f(sid, fam, famk, giv, givk, gender, bd, hd, job);
CREATE UNIQUE INDEX ON t_sb (sid);
ANALYZE t_sb;

-- staff numbers: hire fiscal year + sequence within it ('2019001')
CREATE TEMP TABLE t_no ON COMMIT DROP AS
WITH r AS (SELECT sid, hfy, row_number() OVER (PARTITION BY hfy ORDER BY sid) AS rn FROM t_sb WHERE cat <> 'fix')
SELECT sid, hfy || lpad(rn::text, greatest(3, (SELECT length(max(rn)::text) FROM r)), '0') AS staff_no FROM r
UNION ALL
SELECT sid, 'D' || lpad(sid::text, 4, '0') FROM t_sb WHERE cat = 'fix';

INSERT INTO staff (id, staff_no, family_name, given_name, family_kana, given_kana, former_family_name,
                   former_family_kana, alias_name, name_display, birth_date, gender, employment_type,
                   hire_date, retire_date, email, phone_ext, self_intro, updated_at)
SELECT b.sid, n.staff_no, b.family_name, b.given_name, b.family_kana, b.given_kana, b.former_family_name,
  b.former_family_kana, b.alias_name, b.name_display, b.birth_date, b.gender, b.emp, b.hire_date, b.retire_date,
  's' || lower(n.staff_no) || '@city.kushiro.example',
  CASE WHEN active AND (b.cat = 'fix' OR pg_temp.rr('ext:' || b.sid) < 0.92)
       THEN (2000 + pg_temp.ri('extn:' || b.sid, 7000))::text END,
  CASE WHEN active AND (b.cat = 'fix' OR pg_temp.rr('si:' || b.sid) < 0.5) THEN
    pg_temp.pick(ARRAY['', '', '釧路市出身です。', '釧路市出身です。', '札幌市出身です。', '帯広市出身です。',
                       '根室市出身です。', '北見市出身です。', '東京都出身で、釧路に来て' || (2026 - b.hfy + 1) || '年目です。'],
                 'si1:' || b.sid)
    || '趣味は' || pg_temp.pick(ARRAY['釣り', '登山', 'スキー', 'スノーボード', '読書', '写真撮影', '料理',
                       'ランニング', '釧路湿原の散策', '家庭菜園', 'キャンプ', '映画鑑賞', '音楽鑑賞', 'ギター',
                       '将棋', '囲碁', 'サッカー観戦', '草野球', 'アイスホッケー', 'カーリング', '温泉めぐり',
                       'ドライブ', '旅行', '手芸', '書道', 'ヨガ', '水泳', 'サイクリング', 'バードウォッチング',
                       '阿寒湖でのワカサギ釣り'], 'si2:' || b.sid) || 'です。'
    || pg_temp.pick(ARRAY['市民の皆さんに分かりやすい説明を心がけています。',
                       '業務の効率化とペーパーレス化に取り組んでいます。',
                       '前例にとらわれず、改善提案を続けたいと思っています。',
                       '地域の行事にも積極的に参加しています。',
                       '子育てと仕事の両立に奮闘中です。',
                       'Excelの関数やマクロが得意なので、気軽に声をかけてください。',
                       '防災士として地域の防災活動にも参加しています。',
                       '釧路の魅力を市外に発信していきたいです。',
                       '現場に足を運ぶことを大切にしています。',
                       'データに基づく政策づくりに関心があります。',
                       '若手職員の育成にも力を入れています。',
                       '窓口での丁寧な対応を心がけています。'], 'si3:' || b.sid)
    || pg_temp.pick(ARRAY['よろしくお願いします。', 'どうぞよろしくお願いいたします。',
                       'お気軽にご相談ください。', '一緒に頑張りましょう。'], 'si4:' || b.sid)
  END,
  timestamptz '2026-11-28 09:00:00+09'
FROM t_sb b JOIN t_no n USING (sid)
CROSS JOIN LATERAL (SELECT b.retire_date IS NULL OR b.retire_date >= date '2026-11-28' AS active) a
ORDER BY b.sid;
ANALYZE staff;   -- the foreign-key checks below must see a staff table of the right size

-- ---------------------------------------------------------------- heads of units
-- A head sits in the unit for whole fiscal years. Candidates: regular staff
-- employed for the whole year, 36..59 at its start (役職定年 at 60), no
-- 休職/出向, not 技能労務; fire units take 消防 staff, 保育園 take 保育士.
CREATE TEMP TABLE t_elig ON COMMIT DROP AS
SELECT b.sid, y, y - b.bfy - 1 AS age, b.job AS field,
       CASE b.job WHEN 'shobo' THEN 'fire' WHEN 'hoikushi' THEN 'hoiku' ELSE 'gen' END AS pool,
       (y - b.bfy - 1) + 12 * b.merit AS key,      -- 部長級, 課長級: seniority first
       0.5 * (y - b.bfy - 1) + 30 * b.merit AS key3 -- 係長: merit first
FROM t_sb b, generate_series(2017, 2027) y
WHERE b.regtrack AND b.cat <> 'fix' AND b.evt IS NULL AND b.job <> 'gino'
  AND NOT (b.cat = 'ret_vol' AND to_char(b.retire_date, 'MM-DD') <> '03-31')   -- left mid-year
  AND b.hire_date <= make_date(y - 3, 4, 1)
  AND (b.reg_end IS NULL OR b.reg_end >= make_date(y + 1, 3, 31))
  AND y - b.bfy - 1 BETWEEN 36 AND 59;
CREATE INDEX ON t_elig (y, pool, key);
CREATE UNIQUE INDEX ON t_elig (sid, y);

-- slots: every unit with a head of its own, per year, except the fixture
-- heads' units (市民課 from FY2024, 住民記録係 from FY2025)
CREATE TEMP TABLE t_hslot ON COMMIT DROP AS
SELECT u.y, u.unit_id, u.lv, u.pool, u.field
FROM t_ufy u
WHERE u.lv IS NOT NULL AND u.hmode IS NULL
  AND NOT (u.code = '2010' AND u.y >= 2024) AND NOT (u.code = '201020' AND u.y >= 2025);
CREATE UNIQUE INDEX ON t_hslot (y, unit_id);
CREATE TEMP TABLE t_hcnt ON COMMIT DROP AS
SELECT y, lv, pool, count(*)::int AS cnt FROM t_hslot GROUP BY 1, 2, 3;

CREATE TEMP TABLE t_hsel (sid int, y int, lv int, pool text) ON COMMIT DROP;
CREATE UNIQUE INDEX ON t_hsel (y, sid);
CREATE TEMP TABLE t_hasg (sid int, y int, unit_id bigint, lv int, tenure int) ON COMMIT DROP;
CREATE UNIQUE INDEX ON t_hasg (sid, y);
CREATE UNIQUE INDEX ON t_hasg (y, unit_id);
ANALYZE t_elig; ANALYZE t_hslot; ANALYZE t_hcnt;

-- Year by year: fill levels top-down (部長級, 課長級, 係長級), incumbents
-- first (never demoted while eligible), then by seniority+merit; 係長 are
-- promoted to 課長級 first. Incumbents
-- usually keep their unit for 2-3 years; the rest are matched to the free
-- slots, same job field first.
DO $$
DECLARE
  v_y int;
  v_lv int;
BEGIN
  FOR v_y IN 2017..2027 LOOP
    FOR v_lv IN 1..3 LOOP
      INSERT INTO t_hsel (sid, y, lv, pool)
      SELECT c.sid, v_y, v_lv, c.pool
      FROM (
        SELECT e.sid, e.pool,
               row_number() OVER (PARTITION BY e.pool
                                  ORDER BY p.lv IS NOT DISTINCT FROM v_lv DESC, b.blv IS NOT DISTINCT FROM v_lv DESC,
                                           CASE WHEN v_lv = 3 THEN e.key3
                                                WHEN v_lv = 2 AND p.lv = 3 THEN e.key + 5 ELSE e.key END DESC,
                                           e.sid) AS rn
        FROM t_elig e
        LEFT JOIN t_hasg p ON p.sid = e.sid AND p.y = v_y - 1
        LEFT JOIN (SELECT a.sid, min(a.lv) AS blv FROM t_hasg a WHERE a.y < v_y GROUP BY a.sid) b ON b.sid = e.sid
        WHERE e.y = v_y
          AND NOT EXISTS (SELECT 1 FROM t_hsel h WHERE h.y = v_y AND h.sid = e.sid)
          AND (e.age >= CASE v_lv WHEN 1 THEN 50 WHEN 2 THEN 45 ELSE 38 END OR b.blv = v_lv)
          AND (b.blv IS NULL OR b.blv >= v_lv)  -- a head left without a post becomes 理事/参事, not a lower head
      ) c
      JOIN t_hcnt n ON n.y = v_y AND n.lv = v_lv AND n.pool = c.pool
      WHERE c.rn <= n.cnt;
    END LOOP;

    INSERT INTO t_hasg (sid, y, unit_id, lv, tenure)
    SELECT h.sid, v_y, p.unit_id, h.lv, p.tenure + 1
    FROM t_hsel h
    JOIN t_hasg p ON p.sid = h.sid AND p.y = v_y - 1 AND p.lv = h.lv
    JOIN t_hslot s ON s.y = v_y AND s.unit_id = p.unit_id
    WHERE h.y = v_y
      AND pg_temp.rr('hk:' || h.sid || ':' || v_y) <
          CASE WHEN v_y = 2027 THEN 0.9 WHEN p.tenure = 1 THEN 0.85 WHEN p.tenure = 2 THEN 0.5
               WHEN p.tenure = 3 THEN 0.3 ELSE 0 END;

    FOR v_lv IN 1..2 LOOP   -- 1: same field, 2: any
      INSERT INTO t_hasg (sid, y, unit_id, lv, tenure)
      SELECT rp.sid, v_y, rs.unit_id, rs.lv, 1
      FROM (SELECT s.unit_id, s.lv, s.pool, s.field,
                   row_number() OVER (PARTITION BY s.lv, s.pool, CASE WHEN v_lv = 1 THEN s.field END
                                      ORDER BY pg_temp.rr('hu:' || s.unit_id || ':' || v_y), s.unit_id) AS rn
            FROM t_hslot s
            WHERE s.y = v_y AND NOT EXISTS (SELECT 1 FROM t_hasg a WHERE a.y = v_y AND a.unit_id = s.unit_id)) rs
      JOIN (SELECT h.sid, h.lv, h.pool, e.field,
                   row_number() OVER (PARTITION BY h.lv, h.pool, CASE WHEN v_lv = 1 THEN e.field END
                                      ORDER BY pg_temp.rr('hp:' || h.sid || ':' || v_y), h.sid) AS rn
            FROM t_hsel h JOIN t_elig e ON e.sid = h.sid AND e.y = v_y
            WHERE h.y = v_y AND NOT EXISTS (SELECT 1 FROM t_hasg a WHERE a.y = v_y AND a.sid = h.sid)) rp
        ON rp.lv = rs.lv AND rp.pool = rs.pool AND rp.rn = rs.rn
       AND (v_lv = 2 OR rp.field = rs.field);
    END LOOP;
  END LOOP;

  IF EXISTS (SELECT 1 FROM t_hslot s WHERE NOT EXISTS
             (SELECT 1 FROM t_hasg a WHERE a.y = s.y AND a.unit_id = s.unit_id)) THEN
    RAISE EXCEPTION 'demo/generate.sql: not enough head candidates (scale too small?)';
  END IF;
END $$;
ANALYZE t_hasg;

-- ---------------------------------------------------------------- placements per fiscal year
CREATE TEMP TABLE t_pg (pos text PRIMARY KEY, grade text) ON COMMIT DROP;
INSERT INTO t_pg VALUES
  ('gyomuin', 'g1'), ('shuji', 'g2'), ('gishi', 'g2'), ('shoboshi', 'g2'), ('shunin', 'g3'), ('shicho', 'g3'),
  ('shusa', 'g4'), ('shireiho', 'g4'), ('kakaricho', 'g5'), ('kachohosa', 'g5'), ('shirei', 'g5'),
  ('senmonin', 'g5'), ('kacho', 'g6'), ('shitsucho', 'g6'), ('shocho_fire', 'g6'), ('shocho', 'g6'),
  ('kancho', 'g6'), ('encho', 'g6'), ('sanji', 'g6'), ('jicho', 'g7'), ('riji', 'g8'), ('jimukyokucho', 'g8'), ('kaikei_kanrisha', 'g8'),
  ('bucho', 'g8'), ('kyokucho', 'g8'), ('shobocho', 'g8'), ('kyoikucho', 'g8'),
  ('kaikei_nendo', NULL), ('rinji', NULL);

-- one row per staff and fiscal year employed (FY2017..FY2027)
CREATE TEMP TABLE t_sy0 ON COMMIT DROP AS
WITH s AS MATERIALIZED (
  SELECT b.sid, g.y, b.job, b.merit, b.xcode, g.y - b.bfy - 1 AS age, g.y - b.hfy AS svc,
    greatest(b.hfy, 2017) AS first_y,
    CASE WHEN b.cat <> 'reapp' THEN b.emp WHEN g.y > pg_temp.fy(b.reg_end) THEN 'reappointed' ELSE 'regular' END AS emp_y,
    (b.cat = 'reapp' AND g.y = pg_temp.fy(b.reg_end) + 1) AS reapp_start,
    (b.evt = 'shukko' AND g.y BETWEEN b.ey AND b.yb) AS shukko,
    h.unit_id AS hunit, hu.hp AS hpos,
    min(h.lv) OVER (PARTITION BY b.sid ORDER BY g.y ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS was_lv,
    pg_temp.ri('psh:' || b.sid, 5) - 2 AS dsh,
    CASE WHEN g.y = 2027 THEN 1 ELSE 0 END AS frz   -- no seniority promotions decided for 2027 yet
  FROM t_sb b
  CROSS JOIN LATERAL generate_series(greatest(b.hfy, 2017),
      CASE WHEN b.retire_date IS NULL THEN 2027 ELSE least(pg_temp.fy(b.retire_date), 2027) END) g(y)
  LEFT JOIN t_hasg h ON h.sid = b.sid AND h.y = g.y
  LEFT JOIN t_ufy hu ON hu.unit_id = h.unit_id AND hu.y = g.y
  WHERE b.cat <> 'fix'
), p AS MATERIALIZED (
  SELECT s.*,
    CASE WHEN hunit IS NOT NULL THEN hpos
         WHEN emp_y = 'fiscal_year' THEN 'kaikei_nendo'
         WHEN emp_y = 'temporary' THEN 'rinji'
         WHEN emp_y = 'reappointed' THEN CASE job WHEN 'gino' THEN 'gyomuin' WHEN 'shobo' THEN 'shireiho' ELSE 'shusa' END
         WHEN emp_y = 'fixed_term' THEN CASE WHEN age - frz >= 40 THEN 'shusa' ELSE 'shunin' END
         WHEN job = 'gino' THEN CASE WHEN age - frz >= 45 THEN 'shunin' ELSE 'gyomuin' END
         WHEN age >= 60 THEN CASE WHEN merit >= 0.5 OR was_lv IS NOT NULL THEN 'senmonin'   -- 役職定年
                                  WHEN job = 'shobo' AND merit > 0.4 THEN 'shirei'
                                  WHEN job = 'shobo' THEN 'shireiho' ELSE 'shusa' END
         WHEN was_lv = 1 THEN 'riji'     -- former heads without a post this year
         WHEN was_lv = 2 THEN 'sanji'
         WHEN was_lv = 3 THEN CASE WHEN job = 'shobo' THEN 'shirei' ELSE 'kachohosa' END
         WHEN job = 'shobo' THEN
           CASE WHEN age - frz >= 52 + dsh AND merit > 0.4 THEN 'shirei'
                WHEN age - frz >= 40 + dsh AND svc - frz >= 8 THEN 'shireiho'
                WHEN age - frz >= 30 + dsh AND svc - frz >= 4 THEN 'shicho' ELSE 'shoboshi' END
         WHEN age - frz >= 55 AND merit >= 0.8 THEN 'jicho'
         WHEN age - frz >= 50 + dsh AND merit >= 0.5 THEN 'kachohosa'
         WHEN age - frz >= 40 + dsh AND svc - frz >= 8 THEN 'shusa'
         WHEN age - frz >= 30 + dsh AND svc - frz >= 4 THEN 'shunin'
         WHEN job IN ('doboku', 'kenchiku', 'denki', 'kikai', 'kagaku', 'hokenshi', 'kangoshi', 'eiyoshi') THEN 'gishi'
         ELSE 'shuji' END AS pos
  FROM s
)
SELECT p.*,
  CASE WHEN hunit IS NOT NULL THEN 'head' WHEN shukko THEN 'shukko'
       WHEN pos IN ('kachohosa', 'shirei', 'senmonin', 'sanji') THEN 'hosa' WHEN pos IN ('jicho', 'riji') THEN 'jicho'
       ELSE 'staff' END AS pclass
FROM p;

-- a move (new unit drawn) in about 30 % of years (5 % on 2027-04-01), and
-- whenever the kind of post changes; otherwise the unit of the last move,
-- carried to its successor when reorganised
CREATE TEMP TABLE t_sy1 ON COMMIT DROP AS
SELECT s.*, max(CASE WHEN mv THEN y END) OVER (PARTITION BY sid ORDER BY y) AS m
FROM (SELECT s.*,
        (y = first_y OR pclass IN ('head', 'shukko') OR reapp_start
         OR pclass IS DISTINCT FROM lag(pclass) OVER (PARTITION BY sid ORDER BY y)
         OR pg_temp.rr('mv:' || sid || ':' || y) < CASE WHEN y = 2027 THEN 0.04 ELSE 0.30 END) AS mv
      FROM t_sy0 s) s;

CREATE TEMP TABLE t_sy ON COMMIT DROP AS
WITH k AS MATERIALIZED (
  SELECT s.*, pg_temp.ri('u:' || s.sid || ':' || s.m, cn.n) AS cidx
  FROM t_sy1 s LEFT JOIN t_candn cn ON cn.y = s.m AND cn.job = s.job AND cn.pclass = s.pclass
)
SELECT s.sid, s.y, s.job, s.emp_y, s.pclass, s.pos, pg.grade,
  CASE s.pclass WHEN 'head' THEN s.hunit WHEN 'shukko' THEN xu.id ELSE r.target END AS unit_id,
  CASE WHEN s.reapp_start THEN 'r' WHEN s.pclass = 'shukko' THEN 's' ELSE 'n' END AS tag,
  (s.pclass IN ('staff', 'hosa', 'jicho') AND NOT s.mv AND s.m < s.y AND r.target <> c.unit_id) AS reorg
FROM k s
JOIN t_pg pg ON pg.pos = s.pos
LEFT JOIN org_unit xu ON xu.code = s.xcode AND s.pclass = 'shukko'
LEFT JOIN t_cand c ON c.y = s.m AND c.job = s.job AND c.pclass = s.pclass AND c.idx = s.cidx
LEFT JOIN t_res r ON r.unit_id = c.unit_id AND r.y = s.y;

-- fixture staff: fixed careers
INSERT INTO t_sy (sid, y, job, emp_y, pclass, pos, grade, unit_id, tag, reorg)
SELECT f.sid, g.y, b.job, 'regular', 'fixture', f.pos, pg.grade, u.id, 'n', false
FROM (VALUES
  (1, 2022, 2027, '102010', 'shuji'),
  (2, 2019, 2022, '152010', 'shuji'),     (2, 2023, 2027, '201020', 'shuji'),
  (3, 2017, 2019, '105020', 'shuji'),     (3, 2020, 2027, '1050', 'shunin'),
  (4, 2017, 2023, '1090', 'kachohosa'),   (4, 2024, 2027, '2010', 'kacho'),
  (5, 2017, 2020, '206010', 'shuji'),     (5, 2021, 2027, '201020', 'shunin'),
  (6, 2017, 2019, '551010', 'shunin'),    (6, 2020, 2027, '552010', 'shusa'),
  (7, 2017, 2024, '101020', 'shusa'),     (7, 2025, 2027, '201020', 'kakaricho')
) f(sid, y1, y2, code, pos)
CROSS JOIN LATERAL generate_series(f.y1, f.y2) g(y)
JOIN t_sb b ON b.sid = f.sid JOIN org_unit u ON u.code = f.code JOIN t_pg pg ON pg.pos = f.pos;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM t_sy WHERE unit_id IS NULL) THEN
    RAISE EXCEPTION 'demo/generate.sql: internal error: a placement without a unit';
  END IF;
END $$;

-- ---------------------------------------------------------------- appointments
-- pieces: one per staff-year, three in a year with 休職 (before, 休職, 復職)
CREATE TEMP TABLE t_pc ON COMMIT DROP AS
WITH s AS (
  SELECT t.*, b.evt, b.ey, b.d1, b.d2, b.kyu_note,
    CASE WHEN t.y = greatest(b.hfy, 2017) THEN greatest(b.hire_date, make_date(t.y, 4, 1))
         ELSE make_date(t.y, 4, 1) END AS lo,
    CASE WHEN t.y = 2027 THEN b.retire_date + 1
         WHEN b.retire_date < make_date(t.y + 1, 4, 1) THEN b.retire_date + 1
         ELSE make_date(t.y + 1, 4, 1) END AS hi
  FROM t_sy t JOIN t_sb b USING (sid)
)
SELECT sid, y, unit_id, pos, grade, job, tag, reorg, lo, hi, NULL::text AS note
FROM s WHERE evt IS DISTINCT FROM 'kyu' OR y <> ey
UNION ALL
SELECT s.sid, s.y, s.unit_id, s.pos, s.grade, s.job, x.tag, false, x.lo, x.hi, x.note
FROM s CROSS JOIN LATERAL (VALUES (s.tag, s.lo, s.d1, NULL), ('k', s.d1, s.d2, s.kyu_note), ('f', s.d2, s.hi, NULL))
     x(tag, lo, hi, note)
WHERE s.evt = 'kyu' AND s.y = s.ey;
CREATE INDEX ON t_pc (sid, y);
ANALYZE t_pc;

-- main spans: consecutive pieces with the same post merge
CREATE TEMP TABLE t_span ON COMMIT DROP AS
WITH o AS (
  SELECT p.*, lag(unit_id) OVER w AS p_unit, lag(pos) OVER w AS p_pos, lag(grade) OVER w AS p_grade,
         lag(job) OVER w AS p_job, lag(tag) OVER w AS p_tag
  FROM t_pc p WINDOW w AS (PARTITION BY sid ORDER BY lo)
), b AS (
  SELECT o.*, CASE WHEN p_unit IS NULL OR unit_id <> p_unit OR pos <> p_pos OR grade IS DISTINCT FROM p_grade
                     OR job <> p_job OR (tag <> p_tag AND tag IN ('k', 'f', 'r', 's')) OR p_tag = 'k'
                   THEN 1 ELSE 0 END AS brk
  FROM o
), g AS (
  SELECT b.*, sum(brk) OVER (PARTITION BY sid ORDER BY lo) AS grp FROM b
), sp AS (
  SELECT sid, grp, unit_id, pos, grade, job, min(lo) AS lo,
         CASE WHEN bool_or(hi IS NULL) THEN NULL ELSE max(hi) END AS hi,
         (array_agg(tag ORDER BY lo))[1] AS tag, (array_agg(reorg ORDER BY lo))[1] AS reorg,
         (array_agg(note ORDER BY lo))[1] AS note
  FROM g GROUP BY sid, grp, unit_id, pos, grade, job
)
SELECT sp.*, lag(r.rank) OVER w AS p_rank, r.rank, lag(sp.tag) OVER w AS pp_tag, b.hire_date
FROM sp JOIN position ps ON ps.code = sp.pos LEFT JOIN grade gr ON gr.code = sp.grade JOIN t_sb b USING (sid)
CROSS JOIN LATERAL (SELECT coalesce(gr.rank * 100, ps.rank) AS rank) r   -- 昇任/降任 by grade
WINDOW w AS (PARTITION BY sp.sid ORDER BY sp.lo);

CREATE TEMP TABLE t_appt (staff_id bigint, kind text, lo date, hi date, unit_id bigint, pos text, job text,
                          grade text, is_main boolean, remarks text) ON COMMIT DROP;
INSERT INTO t_appt
SELECT sid,
  CASE WHEN p_rank IS NULL AND lo = hire_date THEN '採用'
       WHEN tag = 'r' THEN '採用' WHEN tag = 'k' THEN '休職' WHEN tag = 'f' THEN '復職'
       WHEN tag = 's' AND pp_tag IS DISTINCT FROM 's' THEN '出向'
       WHEN rank > p_rank THEN '昇任' WHEN rank < p_rank THEN '降任' ELSE '異動' END,
  lo, hi, unit_id, pos, job, grade, true,
  CASE WHEN tag = 'r' THEN '再任用' WHEN tag = 'k' THEN note
       WHEN pp_tag = 's' AND tag <> 's' THEN '出向から復帰'
       WHEN reorg THEN '組織改編に伴う異動' END
FROM t_span;

-- 兼務 heads: 選挙管理委員会事務局長 = 総務課長, 農業委員会事務局長 = 農林課長
INSERT INTO t_appt
SELECT g.sid, '兼務', make_date(min(g.y), 4, 1),
       CASE WHEN max(g.y) = 2027 THEN NULL ELSE make_date(max(g.y) + 1, 4, 1) END,
       g.unit_id, g.hp, b.job, pg.grade, false, NULL
FROM (SELECT u.y, u.unit_id, u.hp, a.sid,
             u.y - row_number() OVER (PARTITION BY u.unit_id, a.sid ORDER BY u.y) AS grp
      FROM t_ufy u
      JOIN t_ufy s ON s.code = substr(u.hmode, 7) AND s.y = u.y
      JOIN t_hasg a ON a.unit_id = s.unit_id AND a.y = u.y
      WHERE u.hmode LIKE 'kenmu:%') g
JOIN t_sb b ON b.sid = g.sid JOIN t_pg pg ON pg.pos = g.hp
GROUP BY g.sid, g.unit_id, g.hp, g.grp, b.job, pg.grade;

-- other 兼務 (一般事務 only) for single fiscal years: 選挙係, 農地係, 監査係,
-- 防災係, DX推進室
CREATE TEMP TABLE t_kt ON COMMIT DROP AS
SELECT u.y, (row_number() OVER (PARTITION BY u.y ORDER BY u.unit_id) - 1)::int AS idx, u.unit_id,
       count(*) OVER (PARTITION BY u.y)::int AS n,
       CASE u.code WHEN '8210' THEN '選挙事務' WHEN '8610' THEN '農地関係事務' WHEN '8410' THEN '監査事務の応援'
                   WHEN '104010' THEN '防災・危機管理事務' ELSE 'DX推進事業' END AS remarks
FROM t_ufy u WHERE u.code IN ('8210', '8610', '8410', '104010', '1540');
INSERT INTO t_appt
SELECT t.sid, '兼務', p.lo, coalesce(least(p.hi, make_date(t.y + 1, 4, 1)), make_date(t.y + 1, 4, 1)),
       k.unit_id, t.pos, t.job, t.grade, false, k.remarks
FROM (SELECT t.*, pg_temp.ri('knu:' || t.sid || ':' || t.y, 100) AS ku FROM t_sy t
      WHERE t.pclass IN ('staff', 'hosa') AND t.emp_y IN ('regular', 'reappointed') AND t.job = 'ippan'
        AND pg_temp.rr('kn:' || t.sid || ':' || t.y) < 0.02 OFFSET 0) t
JOIN t_pc p ON p.sid = t.sid AND p.y = t.y AND p.tag IN ('n', 'r')
JOIN t_kt k0 ON k0.y = t.y AND k0.idx = t.ku % k0.n
JOIN t_kt k ON k.y = t.y AND k.idx = CASE WHEN k0.unit_id = t.unit_id THEN (k0.idx + 1) % k0.n ELSE k0.idx END
WHERE NOT EXISTS (SELECT 1 FROM t_pc x WHERE x.sid = t.sid AND x.y = t.y AND x.tag IN ('k', 'f'));

INSERT INTO appointment (id, staff_id, kind, valid, unit_id, position_code, job_type_code, grade_code, is_main, remarks)
SELECT row_number() OVER (ORDER BY staff_id, lo, is_main DESC, unit_id), staff_id, kind, daterange(lo, hi),
       unit_id, pos, job, grade, is_main, remarks
FROM t_appt ORDER BY 1;

-- ---------------------------------------------------------------- qualifications
CREATE TEMP TABLE m_qrule (job text, q text, p float8, mode text) ON COMMIT DROP;
INSERT INTO m_qrule VALUES
  ('hokenshi', 'hokenshi', 1, 'hire'), ('hokenshi', 'kangoshi', 1, 'hire'), ('hokenshi', 'josanshi', 0.08, 'hire'),
  ('hokenshi', 'caremanager', 0.15, 'any'),
  ('kangoshi', 'kangoshi', 1, 'hire'), ('kangoshi', 'caremanager', 0.2, 'any'),
  ('eiyoshi', 'eiyoshi', 1, 'hire'), ('eiyoshi', 'kanri_eiyoshi', 0.7, 'any'),
  ('hoikushi', 'hoikushi', 1, 'hire'), ('hoikushi', 'kyoin', 0.4, 'hire'),
  ('shakai_fukushi', 'fukushi_shuji', 1, 'hire'), ('shakai_fukushi', 'shakai_fukushishi', 0.75, 'hire'),
  ('shakai_fukushi', 'seishin_hoken', 0.3, 'any'), ('shakai_fukushi', 'caremanager', 0.15, 'any'),
  ('shakai_fukushi', 'shinrishi', 0.05, 'any'),
  ('ippan', 'fukushi_shuji', 0.15, 'any'), ('ippan', 'boki2', 0.08, 'any'), ('ippan', 'gyoseishoshi', 0.02, 'any'),
  ('ippan', 'sharoshi', 0.01, 'any'), ('ippan', 'takken', 0.04, 'any'), ('ippan', 'fp2', 0.04, 'any'),
  ('ippan', 'itpass', 0.06, 'any'), ('ippan', 'kihon_joho', 0.03, 'any'), ('ippan', 'toeic730', 0.03, 'any'),
  ('ippan', 'eiken_jun1', 0.02, 'any'), ('ippan', 'russian', 0.01, 'any'), ('ippan', 'chinese', 0.01, 'any'),
  ('ippan', 'kaigo_fukushi', 0.01, 'any'),
  ('doboku', 'sokuryoshiho', 0.4, 'hire'), ('doboku', 'doboku_sekou2', 0.5, 'any'), ('doboku', 'doboku_sekou1', 0.35, 'any'),
  ('doboku', 'gijutsushi', 0.08, 'any'), ('doboku', 'sokuryoshi', 0.15, 'any'),
  ('kenchiku', 'kenchikushi2', 0.5, 'any'), ('kenchiku', 'kenchikushi1', 0.45, 'any'), ('kenchiku', 'kenchiku_kijun', 0.1, 'any'),
  ('denki', 'denki_koji1', 0.6, 'any'), ('denki', 'denki_shunin3', 0.4, 'any'),
  ('kikai', 'boiler2', 0.6, 'any'), ('kikai', 'kikenbutsu_otsu4', 0.6, 'any'),
  ('kagaku', 'kikenbutsu_ko', 0.5, 'any'), ('kagaku', 'kikenbutsu_otsu4', 0.4, 'any'),
  ('shobo', 'ogata_menkyo', 0.6, 'any'), ('shobo', 'kyukyu', 0.25, 'any'), ('shobo', 'kikenbutsu_otsu4', 0.5, 'any'),
  ('shobo', 'shobo_setsubi', 0.2, 'any'), ('shobo', 'bosaishi', 0.1, 'any'),
  ('gino', 'ogata_menkyo', 0.3, 'any'), ('gino', 'ogata_tokushu', 0.3, 'any'), ('gino', 'kikenbutsu_otsu4', 0.2, 'any'),
  ('gakugeiin', 'gakugeiin', 1, 'hire'), ('shisho', 'shisho', 1, 'hire'),
  ('*', 'futsu_menkyo', 0.85, 'drive'), ('*', 'riss', 0.004, 'any'), ('*', 'oyo_joho', 0.01, 'any'),
  ('*', 'bosaishi', 0.02, 'any'), ('*', 'itpass', 0.02, 'any');

INSERT INTO staff_qualification (id, staff_id, qualification_code, acquired_on, expires_on, registration_no)
SELECT row_number() OVER (ORDER BY sid, q COLLATE "C"), sid, q, acq,
  CASE WHEN has_expiry THEN
    (acq + make_interval(years => per * (floor((date '2026-11-28' - acq) / (per * 365.25))::int + 1
         - CASE WHEN pg_temp.rr('qx:' || sid || ':' || q) < 0.04 AND (date '2026-11-28' - acq) > per * 366 THEN 1 ELSE 0 END)))::date
  END,
  CASE WHEN category IN ('医療・保健', '福祉', '建築・土木', '情報') AND q NOT IN ('fukushi_shuji', 'sokuryoshiho')
         THEN '第' || (10000 + pg_temp.ri('qn:' || sid || ':' || q, 990000)) || '号'
       WHEN category = '運転'
         THEN '6' || lpad(pg_temp.ri('qn:' || sid || ':' || q, 100000000)::text, 8, '0')
                  || lpad(pg_temp.ri('qm:' || sid || ':' || q, 1000)::text, 3, '0') END
FROM (
  SELECT DISTINCT ON (b.sid, r.q) b.sid, r.q, q.category, q.has_expiry,
    CASE WHEN q.code = 'riss' THEN 3 ELSE 5 END AS per,
    CASE r.mode
      WHEN 'hire' THEN make_date(greatest(least(b.hfy, b.bfy + 23), b.bfy + 20), 3, 1) + pg_temp.ri('qa:' || b.sid || ':' || r.q, 25)
      WHEN 'drive' THEN (b.birth_date + interval '18 years')::date + pg_temp.ri('qa:' || b.sid || ':' || r.q, 1500)
      ELSE lo + pg_temp.ri('qa:' || b.sid || ':' || r.q, greatest(hi - lo, 1))
    END AS acq
  FROM t_sb b
  JOIN m_qrule r ON r.job = b.job OR r.job = '*'
  JOIN qualification q ON q.code = r.q
  CROSS JOIN LATERAL (SELECT greatest((b.birth_date + interval '20 years')::date, (b.hire_date - interval '5 years')::date) AS lo,
                             least(date '2026-11-27', coalesce(b.retire_date, date '2026-11-27')) AS hi) w
  WHERE pg_temp.rr('q:' || b.sid || ':' || r.q) < r.p AND (r.mode <> 'any' OR w.lo <= w.hi)
  ORDER BY b.sid, r.q, r.p DESC
) x
WHERE acq < date '2026-11-28';

-- ---------------------------------------------------------------- training records
-- per staff and fiscal year (up to FY2026): 情報セキュリティ every year,
-- 個人情報保護 / ハラスメント防止 in alternate years, 0-2 electives for the
-- job, the course for a new post, 新規採用 courses, now and then a long
-- course; those still running on 2026-11-28 are 受講中.
CREATE TEMP TABLE t_ty ON COMMIT DROP AS
SELECT t.sid, t.y, t.job, t.emp_y, t.pos,
  lag(t.pos) OVER (PARTITION BY t.sid ORDER BY t.y) AS p_pos,
  greatest(b.hire_date, make_date(t.y, 4, 1)) AS lo_e,
  CASE WHEN b.retire_date < make_date(t.y + 1, 4, 1) THEN b.retire_date + 1 ELSE make_date(t.y + 1, 4, 1) END AS hi_e,
  b.hire_date, b.hfy, b.d1, b.d2, t.y - b.bfy - 1 AS age
FROM t_sy t JOIN t_sb b USING (sid);
DELETE FROM t_ty WHERE y > 2026;

CREATE TEMP TABLE t_elect ON COMMIT DROP AS
SELECT j.code AS job, array_agg(c.code ORDER BY c.code COLLATE "C") AS courses
FROM job_type j JOIN m_course c ON c.mode = 'elect' AND (c.jobs IS NULL OR j.code = ANY (c.jobs))
GROUP BY j.code;

CREATE TEMP TABLE t_tr ON COMMIT DROP AS
SELECT t.sid, 'security' AS code, greatest(t.lo_e, make_date(t.y, 6, 1)) + pg_temp.ri('ts:' || t.sid || ':' || t.y, 60) AS sd, t.hi_e, t.d1, t.d2
FROM t_ty t
UNION ALL
SELECT t.sid, CASE WHEN t.y % 2 = 0 THEN 'privacy' ELSE 'harass' END,
       greatest(t.lo_e, make_date(t.y, 9, 1)) + pg_temp.ri('tp:' || t.sid || ':' || t.y, 100), t.hi_e, t.d1, t.d2
FROM t_ty t WHERE t.emp_y IN ('regular', 'reappointed', 'fixed_term')
UNION ALL
SELECT t.sid, e.courses[1 + (a.a + j * 7) % cardinality(e.courses)],
       greatest(t.lo_e, make_date(t.y, 5, 10)) + pg_temp.ri('te:' || t.sid || ':' || t.y || ':' || j, 290), t.hi_e, t.d1, t.d2
FROM t_ty t JOIN t_elect e ON e.job = t.job
CROSS JOIN LATERAL (SELECT pg_temp.ri('ta:' || t.sid || ':' || t.y, 1000) AS a) a
CROSS JOIN LATERAL generate_series(1, pg_temp.ri('tk:' || t.sid || ':' || t.y, 3)) j
WHERE t.emp_y IN ('regular', 'reappointed', 'fixed_term')
UNION ALL
SELECT t.sid, 'new', t.hire_date + 2, t.hi_e, t.d1, t.d2
FROM t_ty t WHERE t.y = t.hfy AND t.emp_y IN ('regular', 'fixed_term')
UNION ALL
SELECT t.sid, 'new_follow', make_date(t.y, 10, 15) + pg_temp.ri('tf:' || t.sid, 20), t.hi_e, t.d1, t.d2
FROM t_ty t WHERE t.y = t.hfy AND t.emp_y = 'regular'
UNION ALL
SELECT t.sid, CASE WHEN t.pos IN ('shunin', 'shicho') THEN 'shunin' WHEN t.pos IN ('shusa', 'shireiho') THEN 'shusa'
                   WHEN t.pos = 'kakaricho' THEN 'kakaricho' WHEN t.pos IN ('kachohosa', 'shirei') THEN 'hosa'
                   WHEN ps.is_head AND ps.rank >= 85 THEN 'bucho' ELSE 'kanri' END,
       make_date(t.y, 5, 15) + pg_temp.ri('tq:' || t.sid || ':' || t.y, 60), t.hi_e, t.d1, t.d2
FROM t_ty t JOIN position ps ON ps.code = t.pos JOIN position pp ON pp.code = t.p_pos
WHERE t.emp_y = 'regular' AND ps.rank > pp.rank
  AND (t.pos IN ('shunin', 'shicho', 'shusa', 'shireiho', 'kakaricho', 'kachohosa', 'shirei') OR (ps.is_head AND ps.rank >= 65))
UNION ALL
SELECT t.sid, (ARRAY['eikaiwa', 'tsushin', 'tsushin', 'academy', 'eikaiwa', 'jichidai'])[1 + pg_temp.ri('tlc:' || t.sid || ':' || t.y, 6)],
       greatest(t.lo_e, make_date(t.y, 9, 1)) + pg_temp.ri('tld:' || t.sid || ':' || t.y, 80), t.hi_e, t.d1, t.d2
FROM t_ty t WHERE t.emp_y = 'regular' AND t.age BETWEEN 25 AND 50 AND pg_temp.rr('tl:' || t.sid || ':' || t.y) < 0.03;

INSERT INTO training_record (id, staff_id, course_code, start_date, end_date, hours, result)
SELECT row_number() OVER (ORDER BY x.sid, x.sd, x.code COLLATE "C"), x.sid, x.code, x.sd, x.ed, c.hours,
  CASE WHEN x.ed >= date '2026-11-28' THEN '受講中'
       WHEN pg_temp.rr('tr:' || x.sid || ':' || x.code || ':' || x.sd) < 0.02 THEN '未修了' ELSE '修了' END
FROM (SELECT DISTINCT ON (t.sid, t.sd, t.code) t.sid, t.code, t.sd, t.sd + c.d_days - 1 AS ed
      FROM t_tr t JOIN m_course c ON c.code = t.code
      WHERE t.sd <= date '2026-11-28' AND t.sd + c.d_days - 1 < t.hi_e
        AND (t.d1 IS NULL OR t.sd + c.d_days - 1 < t.d1 OR t.sd >= t.d2)   -- not while on leave
      ORDER BY t.sid, t.sd, t.code) x
JOIN m_course c ON c.code = x.code;

-- ---------------------------------------------------------------- skills
-- 2-6 skills each, one or two from the job's own field; some with an
-- earlier, lower level (history)
CREATE TEMP TABLE t_skaff ON COMMIT DROP AS
SELECT j.job, array_agg(s.code ORDER BY s.code COLLATE "C") AS leaves
FROM (VALUES ('ippan', '{fin,law,counter,plan,ict,lang}'), ('doboku', '{civil}'), ('kenchiku', '{civil}'),
             ('denki', '{ict,civil}'), ('kikai', '{civil,disaster}'), ('kagaku', '{health,disaster}'),
             ('hokenshi', '{health}'), ('kangoshi', '{health}'), ('eiyoshi', '{health}'),
             ('hoikushi', '{welfare}'), ('shakai_fukushi', '{welfare}'), ('shobo', '{disaster}'),
             ('gino', '{civil,counter}'), ('gakugeiin', '{plan,lang}'), ('shisho', '{counter,plan}')) j(job, parents)
JOIN m_skill s ON s.parent = ANY (j.parents::text[])
GROUP BY j.job;
CREATE TEMP TABLE t_skall ON COMMIT DROP AS
SELECT array_agg(code ORDER BY code COLLATE "C") AS leaves FROM m_skill WHERE parent IS NOT NULL;

CREATE TEMP TABLE t_sk ON COMMIT DROP AS
SELECT DISTINCT ON (b.sid, sk.code) b.sid, sk.code,
  least(5, 1 + pg_temp.ri('kl:' || b.sid || ':' || sk.code, 3)
           + CASE WHEN date '2026-11-28' - b.birth_date > 40 * 365 THEN 1 ELSE 0 END
           + CASE WHEN date '2026-11-28' - b.birth_date > 50 * 365 THEN 1 ELSE 0 END) AS level,
  b.hire_date + pg_temp.ri('kd:' || b.sid || ':' || sk.code, greatest(w.ref - b.hire_date, 1)) AS d_from,
  w.ref, b.retire_date
FROM t_sb b
JOIN t_skaff a ON a.job = b.job CROSS JOIN t_skall al
CROSS JOIN LATERAL (SELECT least(date '2026-11-27', coalesce(b.retire_date, date '2026-11-27')) AS ref) w
CROSS JOIN LATERAL generate_series(1, 2 + pg_temp.ri('kk:' || b.sid, 5)) j
CROSS JOIN LATERAL (SELECT CASE WHEN j <= 2
    THEN a.leaves[1 + (pg_temp.ri('ka:' || b.sid, 100) + j * 3) % cardinality(a.leaves)]
    ELSE al.leaves[1 + (pg_temp.ri('kb:' || b.sid, 100) + j * 7) % cardinality(al.leaves)] END AS code OFFSET 0) sk
ORDER BY b.sid, sk.code;

INSERT INTO staff_skill (id, staff_id, skill_code, valid, level, evidence)
SELECT row_number() OVER (ORDER BY sid, skill COLLATE "C", lo), sid, skill, daterange(lo, hi), level, ev
FROM (
  SELECT k.sid, k.code AS skill, k.d_from AS lo, coalesce(m.d_mid, k.retire_date + 1) AS hi,
         CASE WHEN m.d_mid IS NOT NULL THEN k.level - 1 ELSE k.level END AS level,
         pg_temp.pick(ARRAY['実務経験', '研修受講', '自己申告', '資格取得', '上司の推薦', '業務実績'], 'ke:' || k.sid || ':' || k.code) AS ev
  FROM t_sk k
  CROSS JOIN LATERAL (SELECT CASE WHEN k.level >= 2 AND k.ref - k.d_from > 200 AND pg_temp.rr('kh:' || k.sid || ':' || k.code) < 0.3
                                  THEN k.d_from + 100 + pg_temp.ri('km:' || k.sid || ':' || k.code, k.ref - k.d_from - 100) END AS d_mid OFFSET 0) m
  UNION ALL
  SELECT k.sid, k.code, m.d_mid, k.retire_date + 1, k.level,
         pg_temp.pick(ARRAY['実務経験', '研修修了', '上司評価', '業務実績'], 'kf:' || k.sid || ':' || k.code)
  FROM t_sk k
  CROSS JOIN LATERAL (SELECT CASE WHEN k.level >= 2 AND k.ref - k.d_from > 200 AND pg_temp.rr('kh:' || k.sid || ':' || k.code) < 0.3
                                  THEN k.d_from + 100 + pg_temp.ri('km:' || k.sid || ':' || k.code, k.ref - k.d_from - 100) END AS d_mid OFFSET 0) m
  WHERE m.d_mid IS NOT NULL
) x;

-- ---------------------------------------------------------------- evaluations
-- FY2021..FY2025 上期/下期 and FY2026 上期, 能力評価 and 業績評価, for staff in
-- service for the whole period (臨時的任用 excluded)
INSERT INTO evaluation (id, staff_id, fiscal_year, period, kind, grade, score, evaluator_comment)
SELECT row_number() OVER (ORDER BY b.sid, p.y, p.period COLLATE "C", k.kind COLLATE "C"), b.sid, p.y, p.period, k.kind, g.grade,
  round((CASE g.grade WHEN 'S' THEN 90 + 10 * f WHEN 'A' THEN 75 + 14.9 * f WHEN 'B' THEN 60 + 14.9 * f
                      WHEN 'C' THEN 45 + 14.9 * f ELSE 20 + 24.9 * f END)::numeric, 1),
  CASE g.grade
    WHEN 'S' THEN pg_temp.pick(ARRAY['組織目標の達成に大きく貢献し、期待を大きく上回る成果を上げた。',
                                    '困難な課題に主体的に取り組み、顕著な成果を上げた。',
                                    '新たな施策の立ち上げを主導し、周囲の模範となった。'], c.key)
    WHEN 'A' THEN pg_temp.pick(ARRAY['担当業務を確実に遂行し、期待を上回る成果を上げた。',
                                    '周囲と連携しながら業務改善に積極的に取り組んだ。',
                                    '後輩職員への指導・助言も適切に行っている。',
                                    '市民対応が丁寧で、信頼を得ている。'], c.key)
    WHEN 'B' THEN pg_temp.pick(ARRAY['担当業務をおおむね期待どおりに遂行した。',
                                    '安定した業務遂行が見られる。更なる主体性に期待する。',
                                    '与えられた職務を着実にこなしている。',
                                    '業務知識の習得に努めている。引き続き経験を積んでほしい。'], c.key)
    WHEN 'C' THEN pg_temp.pick(ARRAY['業務の一部に遅れが見られた。進捗管理の徹底を求める。',
                                    '期待される水準に達しない点があった。報告・連絡・相談の徹底を期待する。'], c.key)
    ELSE '職務遂行に大きな課題がある。面談を通じて改善を図る。' END
FROM t_sb b
JOIN (SELECT y, '上期' AS period, make_date(y, 4, 1) AS ps, make_date(y, 9, 30) AS pe FROM generate_series(2021, 2026) y
      UNION ALL
      SELECT y, '下期', make_date(y, 10, 1), make_date(y + 1, 3, 31) FROM generate_series(2021, 2025) y) p
  ON b.hire_date <= p.ps AND (b.retire_date IS NULL OR b.retire_date >= p.pe)
CROSS JOIN (VALUES ('能力評価'), ('業績評価')) k(kind)
CROSS JOIN LATERAL (SELECT 'ev:' || b.sid || ':' || p.y || p.period || k.kind AS key OFFSET 0) c
CROSS JOIN LATERAL (SELECT 0.75 * pg_temp.rr(c.key) + 0.25 * b.merit AS u, pg_temp.rr(c.key || ':f') AS f OFFSET 0) r
CROSS JOIN LATERAL (SELECT CASE WHEN r.u >= 0.88 THEN 'S' WHEN r.u >= 0.58 THEN 'A' WHEN r.u >= 0.12 THEN 'B'
                                WHEN r.u >= 0.04 THEN 'C' ELSE 'D' END AS grade OFFSET 0) g
WHERE b.emp <> 'temporary';

-- fresh statistics for the checks below and for the application
ANALYZE org_unit_version;
ANALYZE appointment;
ANALYZE staff_qualification;
ANALYZE training_record;
ANALYZE staff_skill;
ANALYZE evaluation;

-- sequences follow the explicit ids
DO $$
DECLARE
  t text;
  n bigint;
BEGIN
  FOREACH t IN ARRAY ARRAY['org_unit', 'org_unit_version', 'staff', 'appointment', 'staff_qualification',
                           'training_record', 'staff_skill', 'evaluation'] LOOP
    EXECUTE format('SELECT max(id) FROM %I', t) INTO n;
    PERFORM setval(pg_get_serial_sequence(t, 'id'), coalesce(n, 0) + 1, false);
  END LOOP;
END $$;

-- ---------------------------------------------------------------- self-check
DO $$
DECLARE
  n bigint;
BEGIN
  -- every active staff member has exactly one main span today
  SELECT count(*) INTO n FROM staff s
  LEFT JOIN (SELECT staff_id, count(*) AS c FROM appointment
             WHERE is_main AND valid @> date '2026-11-28' GROUP BY staff_id) a ON a.staff_id = s.id
  WHERE s.hire_date <= date '2026-11-28' AND (s.retire_date IS NULL OR s.retire_date >= date '2026-11-28')
    AND coalesce(a.c, 0) <> 1;
  IF n > 0 THEN RAISE EXCEPTION 'demo/generate.sql: % active staff without exactly one main appointment today', n; END IF;

  -- every unit version lies within the life of its parent
  SELECT count(*) INTO n FROM org_unit_version c
  WHERE c.parent_id IS NOT NULL
    AND NOT (SELECT range_agg(p.valid) FROM org_unit_version p WHERE p.unit_id = c.parent_id) @> c.valid;
  IF n > 0 THEN RAISE EXCEPTION 'demo/generate.sql: % unit versions outside the life of their parent', n; END IF;

  -- no appointment outside the life of its unit
  SELECT count(*) INTO n FROM appointment a
  JOIN (SELECT unit_id, range_agg(valid) AS m FROM org_unit_version GROUP BY unit_id) u ON u.unit_id = a.unit_id
  WHERE NOT u.m @> a.valid;
  IF n > 0 THEN RAISE EXCEPTION 'demo/generate.sql: % appointments in units that do not exist then', n; END IF;

  -- exactly one head per unit (but 出向先) on every 4/1 and 10/1 from
  -- 2017-04-01 to 2027-04-01 (heads change only on 4/1)
  WITH d AS (SELECT make_date(y, 4, 1) AS d FROM generate_series(2017, 2027) y
             UNION ALL SELECT make_date(y, 10, 1) FROM generate_series(2017, 2026) y),
  ha AS MATERIALIZED (SELECT a.unit_id, a.valid FROM appointment a JOIN position p ON p.code = a.position_code AND p.is_head),
  c AS (SELECT d.d, v.unit_id, count(ha.unit_id) AS heads
        FROM d JOIN org_unit_version v ON v.valid @> d.d AND v.kind <> '出向先'
        LEFT JOIN ha ON ha.unit_id = v.unit_id AND ha.valid @> d.d
        GROUP BY d.d, v.unit_id)
  SELECT count(*) INTO n FROM c WHERE heads <> 1;
  IF n > 0 THEN RAISE EXCEPTION 'demo/generate.sql: % unit-dates without exactly one head', n; END IF;
  SELECT count(*) INTO n FROM appointment a JOIN position p ON p.code = a.position_code AND p.is_head
  WHERE to_char(lower(a.valid), 'MM-DD') <> '04-01' OR to_char(upper(a.valid), 'MM-DD') <> '04-01';
  IF n > 0 THEN RAISE EXCEPTION 'demo/generate.sql: % head appointments not on fiscal-year boundaries', n; END IF;
END $$;

-- ---------------------------------------------------------------- summary
SELECT t.tbl AS "table", t.n AS "rows" FROM (
  SELECT 1 AS o, 'position' AS tbl, count(*) AS n FROM position
  UNION ALL SELECT 2, 'job_type', count(*) FROM job_type
  UNION ALL SELECT 3, 'grade', count(*) FROM grade
  UNION ALL SELECT 4, 'qualification', count(*) FROM qualification
  UNION ALL SELECT 5, 'training_course', count(*) FROM training_course
  UNION ALL SELECT 6, 'skill', count(*) FROM skill
  UNION ALL SELECT 7, 'org_unit', count(*) FROM org_unit
  UNION ALL SELECT 8, 'org_unit_version', count(*) FROM org_unit_version
  UNION ALL SELECT 9, 'org_unit_succession', count(*) FROM org_unit_succession
  UNION ALL SELECT 10, 'staff', count(*) FROM staff
  UNION ALL SELECT 11, 'staff (active 2026-11-28)', count(*) FROM staff
            WHERE hire_date <= date '2026-11-28' AND (retire_date IS NULL OR retire_date >= date '2026-11-28')
  UNION ALL SELECT 12, 'appointment', count(*) FROM appointment
  UNION ALL SELECT 13, 'staff_qualification', count(*) FROM staff_qualification
  UNION ALL SELECT 14, 'training_record', count(*) FROM training_record
  UNION ALL SELECT 15, 'staff_skill', count(*) FROM staff_skill
  UNION ALL SELECT 16, 'evaluation', count(*) FROM evaluation
) t ORDER BY t.o;

COMMIT;
