<h1>組織図</h1>
<form method="get" action="/org" class="inline-form">
  <label for="asof">基準日</label>
  <input id="asof" name="asof" type="text" inputmode="numeric" value="<?cs var:Page.Asof ?>" placeholder="2024-04-01 / R6.4.1" aria-describedby="asof-help">
  <button type="submit">表示</button>
  <small id="asof-help">西暦・和暦どちらでも入力できます</small>
</form>
<p role="status"><?cs var:Page.AsofLabel ?> 時点 ・ <?cs var:Page.Count ?> 所属。人数は本務の職員数（下位の所属を含む）です。</p>
<?cs # nested lists, so that the hierarchy is in the markup and not only in
       the indentation: Close is how many lists end after a unit (0: its
       sub-units follow) ?>
<ul class="org">
<?cs each:u = Page.Units ?>
  <li class="d<?cs var:u.Depth ?>"><div class="unit">
    <a href="/staff?unit=<?cs var:url_escape(u.Code) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>"><?cs var:u.Name ?></a>
    <span class="count"><?cs var:u.Total ?>人</span>
    <?cs if:u.Head ?><span class="head">所属長: <?cs var:u.Head ?></span><?cs /if ?>
  </div><?cs if:#u.Close < #1 ?><ul><?cs else ?></li><?cs loop:k = #2, #u.Close, #1 ?></ul></li><?cs /loop ?><?cs /if ?>
<?cs /each ?>
</ul>
