#!/usr/bin/env python3
"""gen-common-passwords.py: write etc/common-passwords.txt, the passwords
tms refuses as too common (cgi/h_accounts.c loads it at start, lower case,
and also refuses a listed word with only digits or symbols added at the end).

Deterministic (no network, no randomness): common English and romaji words
and names, the same with the digits and years people add, doubled words,
leet spellings, keyboard walks on the JIS layout, and words typed with the
IME in kana mode but the keyboard in ASCII (かな入力: あいうえお -> 3e456).

    scripts/gen-common-passwords.py > etc/common-passwords.txt
"""
import sys

ENGLISH = """password passw0rd pass pass1 passwd p@ssword p@ssw0rd qwerty qwertyuiop letmein welcome
admin administrator root user guest test tester login logon master secret hello hello1 iloveyou
monkey dragon sunshine princess football baseball soccer basketball superman batman spiderman
trustno1 abc abcd abcde abcdef abc123 abcd1234 shadow michael jennifer jordan hunter ranger buster
computer internet starwars pokemon pikachu charlie thomas robert daniel george summer winter spring
autumn flower freedom whatever nothing changeme default system server network office manager
access security private welcome1 mypassword mypass newpassword oldpassword temp temporary
killer love lovely loveme lover angel baby babygirl cookie chocolate cheese pepper ginger orange
banana apple cherry lemon mango peach strawberry matrix ninja samurai shogun tiger lion eagle
falcon phoenix wizard magic silver golden diamond crystal purple yellow green black white blue
red pink secure internet1 google facebook twitter youtube instagram amazon microsoft windows
apple123 iphone android samsung sony nintendo playstation xbox minecraft fortnite zelda mario
qazwsx asdfgh zxcvbn asdfghjkl zxcvbnm qwertyui asdfasdf qweasd qweasdzxc 1q2w3e4r 1qaz2wsx
zaq12wsx q1w2e3r4 q1w2e3r4t5 1q2w3e 1qazxsw2 qazxswedc mnbvcxz poiuytrewq lkjhgfdsa
""".split()

# family names (the 200 most common), given names, words and places, in romaji
FAMILY = """sato satou suzuki takahashi tanaka ito itou watanabe yamamoto nakamura kobayashi kato katou
yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda
hashimoto yamashita ishikawa nakajima maeda fujita ogawa goto gotou okada hasegawa murakami kondo
kondou ishii saito saitou sakamoto endo endou aoki fujii nishimura fukuda ota oota miura fujiwara
okamoto matsuda nakagawa nakano harada ono oono tamura takeuchi kaneko wada nakayama ishida ueda
morita hara shibata sakai kudo kudou yokoyama miyazaki miyamoto uchida takagi ando andou taniguchi
ohno ono maruyama imai takada fujimoto takeda murata ueno sugiyama masuda sugawara hirano otsuka
kojima chiba kubo matsui iwasaki sakurai kinoshita noguchi matsuo kikuchi nomura arai watabe
sano sugimoto furukawa onishi oonishi hamada ichikawa kitamura mizuno koike komatsu yano kitagawa
hattori nishida tsuji nagai toyama kawaguchi hirata okazaki kuroda nakanishi ando kawakami
""".split()
GIVEN = """taro tarou jiro jirou hanako yuki yuko yuuko haruka hiroshi takeshi kenji daisuke akira
makoto satoshi yuta yuuta sho shou ren hiroto sota souta haruto yamato riku minato kaito takumi
yui yuina aoi hina mei sakura rin mio akari yuna miyu kaori megumi ayumi yumi naoko tomoko keiko
yoko youko kazuko akiko noriko mariko emi mai ai yoshiko kenta shota shouta ryota ryouta kazuki
naoki tomoya yusuke yuusuke kazuya tetsuya masashi hiroki yoshiko nanami misaki ayaka asuka
""".split()
WORDS = """sakura hikari nihon nippon japan tokyo osaka kyoto nagoya sapporo hokkaido kushiro okinawa
fukuoka yokohama kobe sendai hiroshima fujisan fujiyama doraemon totoro naruto gundam anpanman
kitty hellokitty pikachu pokemon ultraman kamen rider dragonball onepiece conan arigato arigatou
daisuki aishiteru kawaii himitsu ramen sushi tempura neko nekochan inu wanwan hoshi sora umi yama
kaze tsuki kokoro yume shiawase ganbare ganbatte konnichiwa ohayou ohayo sayonara kanpai banzai
tanpopo momiji matsuri hanabi natsu fuyu haru aki asahi yuhi taiyo taiyou midori aka ao shiro
kuro kiiro shiyakusho yakusho shiyakuba jinji soumu somu kouhou shokuin koumuin kakarichou kacho
kachou bucho buchou shicho shichou city cityhall kushiroshi reiwa heisei showa shouwa taisho
meiji gakko gakkou sensei tomodachi kazoku okaasan otousan nezumi usagi tora ryu ryuu uma hitsuji
saru tori buta kuma panda kappa tanuki kitsune oni samurai ninja shinobi katana sakana tamago
gohan onigiri mochi dango matcha ocha kohi coffee biru sake yukiguma marimo tancho tanchou
""".split()

SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678", "123456789",
            "1!", "!", "!!", "0", "00", "01", "7", "77", "777", "88", "99", "11", "22", "01234",
            "2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027", "@123", "#1", "123!",
            "1234!", "0123", "3"]
PREFIXES = ["", "1", "123", "my", "the", "i love ", "ilove"]

def leet(w):
    return w.replace("a", "@").replace("o", "0").replace("e", "3").replace("i", "1").replace("s", "$")

# JIS keyboard rows (unshifted and shifted)
JIS_ROWS = ["1234567890-^\\", "qwertyuiop@[", "asdfghjkl;:]", "zxcvbnm,./\\",
            "!\"#$%&'()", "qwertyuiop`{", "asdfghjkl+*}", "zxcvbnm<>?_"]
# kana-mode key for each kana (JIS かな配列)
KANA_KEY = {
    "ぬ": "1", "ふ": "2", "あ": "3", "う": "4", "え": "5", "お": "6", "や": "7", "ゆ": "8",
    "よ": "9", "わ": "0", "ほ": "-", "へ": "^", "ー": "\\", "た": "q", "て": "w", "い": "e",
    "す": "r", "か": "t", "ん": "y", "な": "u", "に": "i", "ら": "o", "せ": "p", "ち": "a",
    "と": "s", "し": "d", "は": "f", "き": "g", "く": "h", "ま": "j", "の": "k", "り": "l",
    "れ": ";", "け": ":", "む": "]", "つ": "z", "さ": "x", "そ": "c", "ひ": "v", "こ": "b",
    "み": "n", "も": "m", "ね": ",", "る": ".", "め": "/", "ろ": "\\", "を": "0",
}
DAKU = {"が": "か", "ぎ": "き", "ぐ": "く", "げ": "け", "ご": "こ", "ざ": "さ", "じ": "し",
        "ず": "す", "ぜ": "せ", "ぞ": "そ", "だ": "た", "ぢ": "ち", "づ": "つ", "で": "て",
        "ど": "と", "ば": "は", "び": "ひ", "ぶ": "ふ", "べ": "へ", "ぼ": "ほ"}
HANDAKU = {"ぱ": "は", "ぴ": "ひ", "ぷ": "ふ", "ぺ": "へ", "ぽ": "ほ"}
GOJUON = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"

ROMA = [("kya", "きゃ"), ("kyu", "きゅ"), ("kyo", "きょ"), ("sha", "しゃ"), ("shu", "しゅ"),
        ("sho", "しょ"), ("cha", "ちゃ"), ("chu", "ちゅ"), ("cho", "ちょ"), ("nya", "にゃ"),
        ("nyu", "にゅ"), ("nyo", "にょ"), ("hya", "ひゃ"), ("ryu", "りゅ"), ("ryo", "りょ"),
        ("rya", "りゃ"), ("gyu", "ぎゅ"), ("ja", "じゃ"), ("ju", "じゅ"), ("jo", "じょ"),
        ("shi", "し"), ("chi", "ち"), ("tsu", "つ"), ("ka", "か"), ("ki", "き"), ("ku", "く"),
        ("ke", "け"), ("ko", "こ"), ("sa", "さ"), ("su", "す"), ("se", "せ"), ("so", "そ"),
        ("ta", "た"), ("te", "て"), ("to", "と"), ("na", "な"), ("ni", "に"), ("nu", "ぬ"),
        ("ne", "ね"), ("no", "の"), ("ha", "は"), ("hi", "ひ"), ("fu", "ふ"), ("he", "へ"),
        ("ho", "ほ"), ("ma", "ま"), ("mi", "み"), ("mu", "む"), ("me", "め"), ("mo", "も"),
        ("ya", "や"), ("yu", "ゆ"), ("yo", "よ"), ("ra", "ら"), ("ri", "り"), ("ru", "る"),
        ("re", "れ"), ("ro", "ろ"), ("wa", "わ"), ("wo", "を"), ("ga", "が"), ("gi", "ぎ"),
        ("gu", "ぐ"), ("ge", "げ"), ("go", "ご"), ("za", "ざ"), ("ji", "じ"), ("zu", "ず"),
        ("ze", "ぜ"), ("zo", "ぞ"), ("da", "だ"), ("de", "で"), ("do", "ど"), ("ba", "ば"),
        ("bi", "び"), ("bu", "ぶ"), ("be", "べ"), ("bo", "ぼ"), ("pa", "ぱ"), ("pi", "ぴ"),
        ("pu", "ぷ"), ("pe", "ぺ"), ("po", "ぽ"), ("a", "あ"), ("i", "い"), ("u", "う"),
        ("e", "え"), ("o", "お"), ("n", "ん")]
SMALL = {"ゃ": "や", "ゅ": "ゆ", "ょ": "よ", "っ": "つ"}

def to_kana(w):
    out, i = "", 0
    while i < len(w):
        if i + 1 < len(w) and w[i] == w[i + 1] and w[i] not in "aiueon":
            out += "っ"
            i += 1
            continue
        for r, k in ROMA:
            if w.startswith(r, i):
                out += k
                i += len(r)
                break
        else:
            return None
    return out

def kana_keys(kana):
    """Keys typed in kana mode (small kana: shift, dakuten: the @ key)."""
    out = ""
    for ch in kana:
        if ch in SMALL:
            ch = SMALL[ch]
        if ch in DAKU:
            out += KANA_KEY[DAKU[ch]] + "@"
        elif ch in HANDAKU:
            out += KANA_KEY[HANDAKU[ch]] + "["
        elif ch in KANA_KEY:
            out += KANA_KEY[ch]
        else:
            return None
    return out

def main():
    out = set()
    bases = ENGLISH + FAMILY + GIVEN + WORDS
    for w in bases:
        for s in SUFFIXES:
            out.add(w + s)
        for p in PREFIXES:
            out.add(p + w)
        out.add(w + w)
        out.add(w + w + "1")
        out.add(leet(w))
        out.add(leet(w) + "123")
        out.add(w[::-1])
    # name pairs: family + given (tanakataro), given + family
    for f in FAMILY[:60]:
        for g in GIVEN[:40]:
            out.add(f + g)
            out.add(g + f)
    # keyboard walks: every run of 4 or more keys of a row, both ways,
    # and rows joined
    for row in JIS_ROWS:
        for i in range(len(row)):
            for j in range(i + 4, len(row) + 1):
                out.add(row[i:j])
                out.add(row[i:j][::-1])
    for a in JIS_ROWS[:4]:
        for b in JIS_ROWS[:4]:
            if a != b:
                out.add(a[:6] + b[:6])
                out.add(a[:8] + b[:4])
                out.add(a + b)
    cols = ["1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0p;/"]
    for i in range(len(cols)):
        for j in range(i + 2, len(cols) + 1):
            out.add("".join(cols[i:j]))
            out.add("".join(c[::-1] for c in cols[i:j]))
            out.add("".join(c.upper() if k % 2 else c for k, c in enumerate(cols[i:j])))
    # digits
    digits = "1234567890"
    for i in range(10):
        for j in range(i + 4, 11):
            out.add(digits[i:j])
            out.add(digits[i:j][::-1])
    for d in "0123456789":
        for n in range(4, 17):
            out.add(d * n)
    for p in ["12", "123", "1234", "12345", "123456", "112233", "123123", "121212", "147258369",
              "159753", "1357924680", "2468", "13579", "0000", "1111", "9876", "314159265358"]:
        for n in range(1, 5):
            out.add(p * n)
    # dates people use: YYYYMMDD and YYYYMMDD with a word
    for y in range(1950, 2031):
        out.add(str(y))
        out.add(str(y) * 2)
        for m in range(1, 13):
            for d in (1, 15):
                out.add("%d%02d%02d" % (y, m, d))
    # eras: reiwa6, heisei31, showa64 with digits
    for era, n in (("reiwa", 10), ("heisei", 31), ("showa", 64), ("shouwa", 64), ("taisho", 15)):
        for k in range(1, n + 1):
            out.add("%s%d" % (era, k))
            out.add("%s%02d" % (era, k))
            out.add("%s%d1234" % (era, k))
    # kana mode: the syllabary and the romaji words typed with the IME off
    for i in range(len(GOJUON)):
        for j in range(i + 4, min(i + 20, len(GOJUON)) + 1):
            k = kana_keys(GOJUON[i:j])
            if k:
                out.add(k)
    for w in FAMILY + GIVEN + WORDS:
        kana = to_kana(w)
        if kana:
            k = kana_keys(kana)
            if k and len(k) >= 3:
                out.add(k)
                out.add(k + "1234")
                out.add(k + "123456")
                out.add(k + k)
    words = sorted(x.lower() for x in out if 4 <= len(x) <= 64 and x.isascii() and "\n" not in x)
    sys.stdout.write("# etc/common-passwords.txt: passwords tms refuses (generated by\n"
                     "# scripts/gen-common-passwords.py; do not edit by hand). %d entries.\n" % len(words))
    for x in words:
        sys.stdout.write(x + "\n")

if __name__ == "__main__":
    main()
