<h1>職員名簿</h1>
<form method="get" action="/staff" class="search card" role="search" aria-label="職員の検索">
  <div class="grid-form">
    <div class="field wide">
      <label for="q">氏名・フリガナ・旧姓・職員番号</label>
      <input id="q" name="q" type="search" value="<?cs var:Page.F.q ?>" maxlength="100" placeholder="例: さとう、佐藤、1987001">
    </div>
    <div class="field">
      <label for="unit">所属</label>
      <select id="unit" name="unit">
        <option value="">すべて</option>
        <?cs each:u = Page.Opt.Units ?><option value="<?cs var:u.Code ?>"<?cs if:u.Code == Page.F.unit ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
      </select>
      <input type="hidden" name="f" value="1">
      <label class="check"><input type="checkbox" name="sub" value="1"<?cs if:Page.F.sub == "1" ?> checked<?cs /if ?>> 下位の所属を含む</label>
    </div>
    <div class="field">
      <label for="pos">職位</label>
      <select id="pos" name="pos">
        <option value="">すべて</option>
        <?cs each:o = Page.Opt.Positions ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.pos ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="etype">職員区分</label>
      <select id="etype" name="etype">
        <option value="">すべて</option>
        <?cs each:o = Page.Opt.Etypes ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.etype ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs if:subcount(Page.Opt.Quals) > 0 ?>
    <div class="field">
      <label for="qual">資格</label>
      <select id="qual" name="qual">
        <option value="">指定なし</option>
        <?cs each:o = Page.Opt.Quals ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.qual ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs /if ?>
    <?cs if:subcount(Page.Opt.Skills) > 0 ?>
    <div class="field">
      <label for="skill">スキル</label>
      <select id="skill" name="skill">
        <option value="">指定なし</option>
        <?cs each:o = Page.Opt.Skills ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.skill ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs /if ?>
    <?cs if:subcount(Page.Opt.PastUnits) > 0 ?>
    <div class="field">
      <label for="past">経験所属</label>
      <select id="past" name="past">
        <option value="">指定なし</option>
        <?cs each:o = Page.Opt.PastUnits ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.past ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs /if ?>
    <div class="field">
      <label for="asof">基準日</label>
      <input id="asof" name="asof" type="text" inputmode="numeric" value="<?cs var:Page.Asof ?>" placeholder="2024-04-01 / R6.4.1" aria-describedby="asof-help">
      <small id="asof-help">西暦・和暦どちらでも入力できます</small>
    </div>
    <div class="field">
      <label for="sort">並び順</label>
      <select id="sort" name="sort">
        <option value="kana"<?cs if:Page.F.sort == "kana" ?> selected<?cs /if ?>>50音順（フリガナ）</option>
        <option value="no"<?cs if:Page.F.sort == "no" ?> selected<?cs /if ?>>職員番号順</option>
        <option value="unit"<?cs if:Page.F.sort == "unit" ?> selected<?cs /if ?>>所属順</option>
      </select>
    </div>
  </div>
  <input type="hidden" name="view" value="<?cs var:Page.F.view ?>">
  <button type="submit" class="primary">検索</button>
  <a href="/staff" class="reset">条件をクリア</a>
</form>

<div class="result-head">
  <p role="status"><?cs var:Page.AsofLabel ?> 時点 ・
  <?cs if:Page.Total > 0 ?><?cs if:Page.Capped ?>5,000 人以上（条件を加えて絞り込めます）のうち<?cs else ?><?cs var:Page.Total ?> 人中<?cs /if ?> <?cs var:Page.From ?>〜<?cs var:Page.To ?> 人目<?cs else ?>該当する職員はいません<?cs /if ?></p>
  <p class="views">表示:
    <?cs def:viewhref(view) ?>?q=<?cs var:url_escape(Page.F.q) ?>&amp;unit=<?cs var:url_escape(Page.F.unit) ?>&amp;sub=<?cs var:url_escape(Page.F.sub) ?>&amp;pos=<?cs var:url_escape(Page.F.pos) ?>&amp;etype=<?cs var:url_escape(Page.F.etype) ?>&amp;qual=<?cs var:url_escape(Page.F.qual) ?>&amp;skill=<?cs var:url_escape(Page.F.skill) ?>&amp;past=<?cs var:url_escape(Page.F.past) ?>&amp;sort=<?cs var:url_escape(Page.F.sort) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>&amp;view=<?cs var:view ?><?cs /def ?>
    <?cs if:Page.F.view == "list" ?><a href="<?cs call:viewhref("grid") ?>">写真</a> ・ <strong>一覧</strong>
    <?cs else ?><strong>写真</strong> ・ <a href="<?cs call:viewhref("list") ?>">一覧</a><?cs /if ?>
  </p>
</div>

<?cs if:Page.F.view == "list" ?>
<div class="table-wrap staff-table" role="region" aria-label="職員一覧" tabindex="0">
<table>
  <caption>職員一覧（<?cs var:Page.AsofLabel ?>）</caption>
  <thead><tr><th scope="col">氏名</th><th scope="col">フリガナ</th><th scope="col">職員番号</th><th scope="col">所属</th><th scope="col">職位</th><th scope="col">職員区分</th></tr></thead>
  <tbody>
  <?cs each:s = Page.Staff ?>
  <tr><td><a href="<?cs var:s.Href ?>?asof=<?cs var:url_escape(Page.Asof) ?>"><?cs var:s.Name ?></a></td><td><?cs var:s.Kana ?></td><td><?cs var:s.No ?></td><td><?cs var:s.UnitPath ?></td><td><?cs var:s.Position ?></td><td><?cs var:s.Etype ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?>
<ul class="faces">
  <?cs each:s = Page.Staff ?>
  <li class="face">
    <a href="<?cs var:s.Href ?>?asof=<?cs var:url_escape(Page.Asof) ?>">
      <?cs if:s.Photo ?><img src="<?cs var:s.Photo ?>" alt="" width="96" height="96" loading="lazy"><?cs else ?><span class="nophoto" aria-hidden="true"></span><?cs /if ?>
      <span class="fname"><?cs var:s.Name ?></span>
    </a>
    <span class="fkana"><?cs var:s.Kana ?></span>
    <span class="funit"><?cs var:s.Unit ?></span>
    <span class="fpos"><?cs var:s.Position ?></span>
  </li>
  <?cs /each ?>
</ul>
<?cs /if ?>

<nav class="pager" aria-label="ページ送り">
  <?cs if:Page.PrevHref ?><a href="<?cs var:Page.PrevHref ?>" rel="prev">前へ</a><?cs /if ?>
  <?cs if:Page.Pages > 1 ?><span><?cs var:Page.Page ?> / <?cs var:Page.Pages ?> ページ</span><?cs /if ?>
  <?cs if:Page.NextHref ?><a href="<?cs var:Page.NextHref ?>" rel="next">次へ</a><?cs /if ?>
</nav>
