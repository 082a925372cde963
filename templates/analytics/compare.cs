<?cs include:"analytics/head.cs" ?>
<p class="lead"><?cs var:Page.FromLabel ?> と <?cs var:Page.DateLabel ?> の比較（<?cs var:Page.UnitName ?>）</p>
<?cs include:"analytics/chart.cs" ?>
<section class="card" aria-labelledby="h-units">
  <h2 id="h-units">組織の変更</h2>
  <?cs if:subcount(Page.UnitChanges) > 0 ?>
  <div class="table-wrap" tabindex="0" role="region" aria-label="組織の変更（表）">
  <table>
    <caption>新設・改称・統合・廃止・移管された所属</caption>
    <thead><tr><th scope="col">変更</th><th scope="col">所属コード</th><th scope="col">変更前</th><th scope="col">変更後</th></tr></thead>
    <tbody>
    <?cs each:u = Page.UnitChanges ?><tr><td><?cs var:u.Change ?></td><td><?cs var:u.Code ?></td><td><?cs var:u.From ?></td><td><?cs var:u.To ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs else ?><p>この期間に組織の変更はありません。</p><?cs /if ?>
</section>
<?cs if:Page.MovesTotal ?>
<section class="card" aria-labelledby="h-moves">
  <h2 id="h-moves">職員の出入り（<?cs var:Page.MovesTotal ?>人）</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="職員の出入り（表）">
  <table>
    <caption>採用・退職・転入・転出・所属内の異動</caption>
    <thead><tr><th scope="col">区分</th><th scope="col">職員番号</th><th scope="col">氏名</th><th scope="col">変更前</th><th scope="col">変更後</th></tr></thead>
    <tbody>
    <?cs each:m = Page.Moves ?><tr><td><?cs var:m.Change ?></td><td><?cs var:m.No ?></td><td><?cs var:m.Name ?></td><td><?cs var:m.From ?></td><td><?cs var:m.To ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:#Page.MovesTotal > #Page.MovesShown ?><p class="note">先頭の<?cs var:Page.MovesShown ?>人を表示しています。全員はCSVにあります。</p><?cs /if ?>
  <p class="csv"><a href="/analytics/moves.csv?date=<?cs var:url_escape(Page.Date) ?>&amp;unit=<?cs var:url_escape(Page.Unit) ?>&amp;from=<?cs var:url_escape(Page.From) ?>">CSVをダウンロード（職員の出入り）</a></p>
</section>
<?cs /if ?>
