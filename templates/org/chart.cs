<h1>組織図</h1>
<form method="get" action="/org" class="inline-form">
  <label for="asof">基準日</label>
  <input id="asof" name="asof" type="text" inputmode="numeric" value="<?cs var:Page.Asof ?>" placeholder="2024-04-01 / R6.4.1">
  <button type="submit">表示</button>
</form>
<p role="status"><?cs var:Page.AsofLabel ?> 時点 ・ <?cs var:Page.Count ?> 所属。人数は本務の職員数（下位の所属を含む）です。</p>
<ul class="org">
<?cs each:u = Page.Units ?>
  <li class="d<?cs var:u.Depth ?>">
    <a href="/staff?unit=<?cs var:url_escape(u.Code) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>"><?cs var:u.Name ?></a>
    <span class="count"><?cs var:u.Total ?>人</span>
    <?cs if:u.Head ?><span class="head">所属長: <?cs var:u.Head ?></span><?cs /if ?>
  </li>
<?cs /each ?>
</ul>
