<?cs # chart.cs: every chart of Page.Charts: an inline SVG drawn from the
       geometry the handler computed (ana_grid.c), its title and description
       for assistive technology, the data table, and the CSV link. ?>
<?cs each:ch = Page.Charts ?>
<section class="card chart-card" aria-labelledby="h-<?cs var:ch.Key ?>">
  <h2 id="h-<?cs var:ch.Key ?>"><?cs var:ch.Title ?></h2>
  <p class="note" id="d-<?cs var:ch.Key ?>"><?cs var:ch.Desc ?></p>
  <?cs if:ch.Svg.H ?>
  <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 <?cs var:ch.Svg.H ?>" width="360" height="<?cs var:ch.Svg.H ?>" role="img" aria-labelledby="st-<?cs var:ch.Key ?> sd-<?cs var:ch.Key ?>">
    <title id="st-<?cs var:ch.Key ?>"><?cs var:ch.Title ?>（<?cs var:Page.UnitName ?>、<?cs var:Page.Date ?>）</title>
    <desc id="sd-<?cs var:ch.Key ?>"><?cs var:ch.Desc ?> 数値は下の「表で見る」にあります。</desc>
    <?cs each:r = ch.Svg.Rects ?><rect x="<?cs var:r.X ?>" y="<?cs var:r.Y ?>" width="<?cs var:r.W ?>" height="<?cs var:r.H ?>" class="<?cs var:r.C ?>"><?cs if:r.T ?><title><?cs var:r.T ?></title><?cs /if ?></rect><?cs /each ?>
    <?cs each:t = ch.Svg.Texts ?><text x="<?cs var:t.X ?>" y="<?cs var:t.Y ?>" text-anchor="<?cs var:t.A ?>" class="<?cs var:t.C ?>"<?cs if:t.R ?> transform="<?cs var:t.R ?>"<?cs /if ?>><?cs var:t.S ?></text><?cs /each ?>
  </svg>
  <details><summary>表で見る</summary>
  <?cs /if ?>
  <div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:ch.Title ?>（表）">
  <table>
    <caption><?cs var:ch.Title ?></caption>
    <thead><tr><th scope="col"><?cs var:ch.RowHead ?></th><?cs each:col = ch.Cols ?><th scope="col"><?cs var:col.L ?></th><?cs /each ?></tr></thead>
    <tbody>
    <?cs each:row = ch.Rows ?><tr><th scope="row"><?cs if:ch.Drill && row.Key && row.Key != Page.Unit ?><a href="<?cs var:Page.Path ?>?date=<?cs var:url_escape(Page.Date) ?>&amp;unit=<?cs var:url_escape(row.Key) ?><?cs if:Page.Name == "crosstab" ?>&amp;r=<?cs var:url_escape(Page.R) ?>&amp;c=<?cs var:url_escape(Page.C) ?>&amp;m=<?cs var:url_escape(Page.M) ?><?cs /if ?>"><?cs var:row.L ?></a><?cs else ?><?cs var:row.L ?><?cs /if ?></th><?cs each:cell = row.Cells ?><td class="num"><?cs var:cell.V ?></td><?cs /each ?></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:ch.Truncated ?><p class="note">行または列が多いため一部を省略しています。</p><?cs /if ?>
  <?cs if:ch.Svg.H ?></details><?cs /if ?>
  <p class="csv"><a href="/analytics/<?cs var:ch.Key ?>.csv?date=<?cs var:url_escape(Page.Date) ?>&amp;unit=<?cs var:url_escape(Page.Unit) ?><?cs if:Page.Name == "crosstab" ?>&amp;r=<?cs var:url_escape(Page.R) ?>&amp;c=<?cs var:url_escape(Page.C) ?>&amp;m=<?cs var:url_escape(Page.M) ?><?cs /if ?><?cs if:Page.Name == "compare" ?>&amp;from=<?cs var:url_escape(Page.From) ?><?cs /if ?>">CSVをダウンロード（<?cs var:ch.Title ?>）</a></p>
</section>
<?cs /each ?>
