<?cs # head.cs: the analytics title, page tabs, date and unit picker, and the
       path to the chosen unit (drill back up). Included by every page. ?>
<h1>分析 <small class="sub"><?cs var:Page.UnitName ?> ・ <?cs var:Page.DateLabel ?> 時点</small></h1>
<nav class="ana-nav" aria-label="分析の種類">
  <ul>
  <?cs each:p = Page.Pages ?>
    <li><a href="/analytics<?cs if:p.Name ?>/<?cs var:p.Name ?><?cs /if ?>?date=<?cs var:url_escape(Page.Date) ?>&amp;unit=<?cs var:url_escape(Page.Unit) ?>"<?cs if:p.Current ?> aria-current="page"<?cs /if ?>><?cs var:p.Label ?></a></li>
  <?cs /each ?>
  </ul>
</nav>
<form method="get" action="<?cs var:Page.Path ?>" class="card picker">
  <div class="grid-form">
    <div class="field">
      <label for="date"><?cs if:Page.Name == "compare" ?>比較後の基準日<?cs else ?>基準日<?cs /if ?></label>
      <input id="date" name="date" type="text" inputmode="numeric" value="<?cs var:Page.Date ?>" placeholder="2024-04-01 / R6.4.1" aria-describedby="date-help">
      <small id="date-help">西暦・和暦どちらでも入力できます</small>
    </div>
    <?cs if:Page.Name == "compare" ?>
    <div class="field">
      <label for="from">比較前の基準日</label>
      <input id="from" name="from" type="text" inputmode="numeric" value="<?cs var:Page.From ?>" placeholder="2023-04-01 / R5.4.1">
    </div>
    <?cs /if ?>
    <div class="field">
      <label for="unit">所属（下位の所属を含む）</label>
      <select id="unit" name="unit">
        <?cs if:Page.City ?><option value="">市全体</option><?cs /if ?>
        <?cs each:u = Page.Units ?><option value="<?cs var:u.Code ?>"<?cs if:u.Sel ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs if:Page.Name == "crosstab" ?>
    <div class="field">
      <label for="r">行</label>
      <select id="r" name="r"><?cs each:o = Page.Dims ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.R ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select>
    </div>
    <div class="field">
      <label for="c">列</label>
      <select id="c" name="c"><?cs each:o = Page.Dims ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.C ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select>
    </div>
    <div class="field">
      <label for="m">集計する値</label>
      <select id="m" name="m"><?cs each:o = Page.Measures ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.M ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select>
    </div>
    <?cs /if ?>
  </div>
  <button type="submit" class="primary">表示</button>
  <p class="years">年度末で見る:
  <?cs each:y = Page.Years ?><a href="<?cs var:Page.Path ?>?fy=<?cs var:y.Fy ?>&amp;unit=<?cs var:url_escape(Page.Unit) ?>"><?cs var:y.Fy ?>年度</a> <?cs /each ?>
  </p>
</form>
<?cs if:subcount(Page.Crumbs) > 0 || Page.Unit ?>
<nav class="crumbs" aria-label="上位の所属">
  <ol>
    <?cs if:Page.City ?><li><a href="<?cs var:Page.Path ?>?date=<?cs var:url_escape(Page.Date) ?>">市全体</a></li><?cs /if ?>
    <?cs each:u = Page.Crumbs ?><li><a href="<?cs var:Page.Path ?>?date=<?cs var:url_escape(Page.Date) ?>&amp;unit=<?cs var:url_escape(u.Code) ?>"><?cs var:u.Name ?></a></li><?cs /each ?>
    <li aria-current="page"><?cs var:Page.UnitName ?></li>
  </ol>
</nav>
<?cs /if ?>
<p class="note">人数は基準日に在職し本務の発令がある職員です。年齢・性別・人事評価から作る数のうち <?cs var:Page.K ?> 人未満のものと、それが合計や他の表から差し引きで分からないように合わせて隠した数は「x」と表示します（グラフ・表・CSVとも同じ。隠した数には 0 や <?cs var:Page.K ?> 人以上のものもあります）。</p>
