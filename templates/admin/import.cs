<h1>一括取込・出力</h1>
<p class="lead">給与・人事システムや人事評価システムから出力したCSVファイルを取り込みます。まずプレビューで「新規・更新・変更なし・エラー」を確認し、エラーがないときだけ確定できます。確定は全件まとめて行われ、途中で失敗したときは何も変更されません。</p>

<?cs if:Page.R.Kind ?>
<section class="card" aria-labelledby="r-title">
  <h2 id="r-title"><?cs if:Page.R.Committed == "1" ?>取込を確定しました<?cs elif:Page.R.Errors > 0 ?>エラーがあるため取り込めません<?cs else ?>プレビュー（まだ取り込まれていません）<?cs /if ?></h2>
  <?cs if:Page.R.Committed == "1" ?><p class="ok" role="status">取込番号 <?cs var:Page.R.Id ?> として記録しました。</p><?cs /if ?>
  <?cs if:Page.R.Errors > 0 ?><p class="alert" role="alert"><?cs var:Page.R.Errors ?>件のエラーがあります。ファイルを直してから、もう一度アップロードしてください。何も変更されていません。</p><?cs /if ?>
  <dl class="import-summary">
    <dt>種類</dt><dd><?cs var:Page.R.Kind ?></dd>
    <dt>ファイル</dt><dd><?cs var:Page.R.File ?>（<?cs var:Page.R.Encoding ?>、データ<?cs var:Page.R.Rows ?>行）</dd>
    <dt>SHA-256</dt><dd class="sha"><?cs var:Page.R.Sha ?></dd>
  </dl>
  <div class="table-wrap" tabindex="0" role="region" aria-label="取込結果の件数">
  <table class="import-counts">
    <caption>取込結果の件数</caption>
    <thead><tr><th scope="col">新規</th><th scope="col">更新</th><th scope="col">変更なし</th><th scope="col">削除（同期）</th><th scope="col">エラー</th></tr></thead>
    <tbody><tr><td id="c-created"><?cs var:Page.R.Created ?></td><td id="c-updated"><?cs var:Page.R.Updated ?></td><td id="c-unchanged"><?cs var:Page.R.Unchanged ?></td><td id="c-deleted"><?cs var:Page.R.Deleted ?></td><td id="c-errors"><?cs var:Page.R.Errors ?></td></tr></tbody>
  </table>
  </div>
  <?cs if:Page.R.Errors > 0 ?>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="e-caption">
  <table class="import-errors">
    <caption id="e-caption">エラーの一覧（<?cs var:Page.R.Shown ?>件表示）</caption>
    <thead><tr><th scope="col">行</th><th scope="col">列</th><th scope="col">値</th><th scope="col">理由</th></tr></thead>
    <tbody>
    <?cs each:e = Page.R.Err ?><tr><td><?cs var:e.Line ?></td><td><?cs var:e.Header ?></td><td><?cs var:e.Value ?></td><td><?cs var:e.Reason ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:Page.R.CanCommit == "1" ?>
  <form method="post" action="/admin/import/<?cs var:Page.R.Id ?>/commit">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <?cs if:Page.R.Sync == "1" ?><p class="alert">同期モードです。ファイルにない<?cs var:Page.R.Deleted ?>件が削除されます。</p><?cs /if ?>
    <button type="submit" class="primary">この内容で取込を確定する</button>
  </form>
  <?cs /if ?>
</section>
<?cs /if ?>

<form method="post" action="/admin/import" enctype="multipart/form-data" class="card">
  <h2>CSVファイルを取り込む</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="grid-form">
    <div class="field"><label for="i-kind">データの種類</label>
      <select id="i-kind" name="kind">
      <?cs each:k = Page.Kinds ?><?cs if:k.CanImport == "1" ?><option value="<?cs var:k.Name ?>"<?cs if:k.Selected == "1" ?> selected<?cs /if ?>><?cs var:k.Label ?></option><?cs /if ?>
      <?cs /each ?>
      </select></div>
    <div class="field"><label for="i-encoding">文字コード</label>
      <select id="i-encoding" name="encoding">
        <option value="auto">自動判定</option>
        <option value="utf-8">UTF-8</option>
        <option value="cp932">Shift_JIS（CP932）</option>
      </select></div>
    <div class="field"><label for="i-file">CSVファイル（5MBまで）</label>
      <input id="i-file" name="file" type="file" accept=".csv,text/csv" required></div>
  </div>
  <label class="check"><input type="checkbox" name="sync" value="1"> 同期モード（ファイルにない記録を削除する）</label>
  <button type="submit" class="primary">プレビュー</button>
</form>

<section class="card" aria-labelledby="x-title">
  <h2 id="x-title">CSVファイルに出力する</h2>
  <p>取込と同じ形式（Excelで開けるBOM付きUTF-8）で出力します。出力は監査ログに記録されます。</p>
  <ul class="export-links">
  <?cs each:k = Page.Kinds ?><li><a href="/admin/export/<?cs var:url_escape(k.Name) ?>.csv"><?cs var:k.Label ?></a>（<a href="/admin/export/<?cs var:url_escape(k.Name) ?>.csv?encoding=cp932">Shift_JIS</a>）</li>
  <?cs /each ?>
  </ul>
</section>

<div class="table-wrap" tabindex="0" role="region" aria-labelledby="h-caption">
<table class="import-history">
  <caption id="h-caption">取込の履歴（新しい順、<?cs var:Page.HistoryCount ?>件）</caption>
  <thead><tr><th scope="col">番号</th><th scope="col">日時</th><th scope="col">実行者</th><th scope="col">種類</th><th scope="col">ファイル</th><th scope="col">状態</th><th scope="col">行数</th><th scope="col">新規</th><th scope="col">更新</th><th scope="col">変更なし</th><th scope="col">削除</th><th scope="col">エラー</th></tr></thead>
  <tbody>
  <?cs each:h = Page.History ?><tr><td><?cs var:h.Id ?></td><td><?cs var:h.At ?></td><td><?cs var:h.Actor ?></td><td><?cs var:h.Kind ?></td><td><?cs var:h.File ?><br><small>SHA-256 <?cs var:h.Sha ?>… <?cs var:h.Encoding ?></small></td><td><?cs if:h.Status == "committed" ?>確定<?cs elif:h.Status == "preview" ?>プレビュー<?cs else ?>エラー<?cs /if ?><?cs if:h.Sync == "t" ?>（同期）<?cs /if ?></td><td><?cs var:h.Rows ?></td><td><?cs var:h.Created ?></td><td><?cs var:h.Updated ?></td><td><?cs var:h.Unchanged ?></td><td><?cs var:h.Deleted ?></td><td><?cs var:h.Errors ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
