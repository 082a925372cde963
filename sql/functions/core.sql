-- core.sql: text helpers every area uses (search keys, kana), and the data
-- version counter. Each function is defined here once, in the form that runs,
-- with its grants and settings; `tmsctl migrate` applies the file again
-- whenever it changes (cgi/migrate.c).
-- requires: 001 (no table types; 002 calls tms_search_key)

-- Search key: NFKC, hiragana folded to katakana, spaces removed, so that
-- さとう, サトウ, ｻﾄｳ and "サ トウ" all match. Display text is never normalised.
CREATE OR REPLACE FUNCTION tms_search_key(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT translate(normalize(t, NFKC),
    'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔ 　',
    'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴ')
$$;
GRANT EXECUTE ON FUNCTION tms_search_key(text) TO tms_app;

-- Reading as full-width katakana: hiragana and half-width katakana folded,
-- spaces kept (one half-width space between family and given name parts).
CREATE OR REPLACE FUNCTION tms_kana(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT btrim(regexp_replace(translate(normalize(t, NFKC),
    'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔ　',
    'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴ '),
    ' +', ' ', 'g'))
$$;
GRANT EXECUTE ON FUNCTION tms_kana(text) TO tms_app;

CREATE OR REPLACE FUNCTION data_version_bump() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE data_version SET v = v + 1;
  RETURN NULL;
END
$$;
