<h1>アカウントの発行結果</h1>
<section class="card" aria-labelledby="r-title">
  <h2 id="r-title"><?cs var:Page.Issued ?>人のアカウントを発行しました<?cs if:Page.Failed > 0 ?>（発行できなかった行: <?cs var:Page.Failed ?>）<?cs /if ?></h2>
  <?cs if:Page.Issued > 0 ?>
  <p>初回ログインのお知らせ（A4、1人1枚）と差し込み印刷用のCSVは、<strong>今から<?cs var:Page.Minutes ?>分間、あなただけが</strong>開けます。
  コードはサーバに保存しないため、時間を過ぎると再表示できません（その場合はアカウント管理からパスワードをリセットしてください）。</p>
  <ul class="export-links">
    <li><a href="/admin/accounts/notices?batch=<?cs var:Page.Batch ?>" id="notices-link">お知らせを開いて印刷する</a></li>
    <li><a href="/admin/accounts/notices.csv?batch=<?cs var:Page.Batch ?>" id="csv-link">CSVをダウンロードする（差し込み印刷用）</a></li>
  </ul>
  <?cs /if ?>
</section>
<?cs if:subcount(Page.Err) > 0 ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="err-caption">
<table class="issue-errors">
  <caption id="err-caption">発行できなかった行</caption>
  <thead><tr><th scope="col">行</th><th scope="col">職員番号</th><th scope="col">理由</th></tr></thead>
  <tbody>
  <?cs each:e = Page.Err ?><tr><td class="num"><?cs var:e.Line ?></td><td><?cs var:e.No ?></td><td><?cs var:e.Why ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs if:Page.ErrMore ?><p class="note">ほか<?cs var:Page.ErrMore ?>行は省略しました。</p><?cs /if ?>
<?cs /if ?>
<p><a href="/admin/accounts/issue">続けて発行する</a>　<a href="/admin/accounts">アカウント管理へ戻る</a></p>
