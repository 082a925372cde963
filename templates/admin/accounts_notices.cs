<link rel="stylesheet" href="/static/notices.css">
<div class="no-print notice-tools">
  <h1>初回ログインのお知らせ（<?cs var:Page.Total ?>人）</h1>
  <p>印刷すると、1人につきA4用紙1枚になります。このページは発行から<?cs var:Page.Minutes ?>分間だけ表示できます。</p>
  <p><a href="/admin/accounts/notices.csv?batch=<?cs var:Page.Batch ?>">CSVをダウンロードする（差し込み印刷用）</a>
  <?cs if:Page.HasPrev ?>　<a href="/admin/accounts/notices?batch=<?cs var:Page.Batch ?>&amp;page=<?cs var:Page.PrevPage ?>">前の500人</a><?cs /if ?>
  <?cs if:Page.NextPage ?>　<a href="/admin/accounts/notices?batch=<?cs var:Page.Batch ?>&amp;page=<?cs var:Page.NextPage ?>">次の500人</a><?cs /if ?></p>
</div>
<?cs each:n = Page.N ?>
<article class="notice" aria-label="<?cs var:n.Name ?> さんへのお知らせ">
  <p class="notice-to"><?cs var:n.Unit ?><br><span class="notice-name"><?cs var:n.Name ?></span> 様<?cs if:n.StaffNo ?>（職員番号 <?cs var:n.StaffNo ?>）<?cs /if ?></p>
  <h2 class="notice-title"><?cs if:n.Reset == "1" ?>パスワード再設定のお知らせ<?cs else ?>初回ログインのお知らせ<?cs /if ?></h2>
  <p>タレントマネジメントシステムのアカウントを<?cs if:n.Reset == "1" ?>再設定<?cs else ?>発行<?cs /if ?>しました。次の手順でログインし、ご自分のパスワードを設定してください。</p>
  <dl class="notice-facts">
    <dt>接続先</dt><dd class="mono"><?cs var:Page.Url ?></dd>
    <dt>ログインID</dt><dd class="mono big"><?cs var:n.Login ?></dd>
    <dt>初回ログインコード</dt><dd class="mono big code"><?cs var:n.Code ?></dd>
    <dt>有効期限</dt><dd><?cs var:n.Wareki ?>（<?cs var:n.Iso ?>）まで</dd>
  </dl>
  <ol class="notice-steps">
    <li>接続先を開き、ログインIDと、パスワード欄に初回ログインコードを入力します（ハイフンはあってもなくても構いません。大文字・小文字は区別しません）。</li>
    <li>「パスワードの設定」画面で、<?cs var:Page.MinLength ?>文字以上の新しいパスワードを設定します。</li>
    <li>このコードは一度しか使えません。設定後はこの用紙を細断してください。</li>
  </ol>
  <p class="note">期限を過ぎた場合や、心当たりのないお知らせの場合は、職員課（人事担当）へご連絡ください。</p>
</article>
<?cs /each ?>
