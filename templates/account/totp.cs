<?cs # the second factor: enrolment (QR code drawn on the server, the key in
   text, a first code), the recovery codes shown once, and once enrolled,
   turning it off or setting it up again (h_totp.c) ?>
<h1>2段階認証（確認コード）</h1>
<?cs if:Page.Message ?><p class="alert" role="alert"><?cs var:Page.Message ?></p><?cs /if ?>

<?cs if:Page.State == "enrol" ?>
<?cs if:Page.Saved == "off" ?><p class="ok" role="status">2段階認証を解除しました。</p><?cs /if ?>
<?cs if:Page.Stage == "enrol" ?>
<p class="alert" role="status">この権限のアカウントは2段階認証が必須です。設定が終わるまでほかの画面は使えません。</p>
<?cs /if ?>
<section class="card" aria-labelledby="h-step1">
  <h2 id="h-step1">1. 認証アプリに登録する</h2>
  <p>スマートフォンの認証アプリ（Google Authenticator、Microsoft Authenticator など）で次のQRコードを読み取ってください。</p>
  <svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 <?cs var:Page.Qr.Size ?> <?cs var:Page.Qr.Size ?>" width="232" height="232" shape-rendering="crispEdges" role="img" aria-label="認証アプリに登録するためのQRコード（読み取れない場合は下の鍵を入力してください）">
    <rect width="<?cs var:Page.Qr.Size ?>" height="<?cs var:Page.Qr.Size ?>" fill="#fff"/>
    <path d="<?cs var:Page.Qr.Path ?>" fill="#000"/>
  </svg>
  <p>読み取れない場合は、アプリで「キーを入力」を選び、次の鍵を入力してください（種類は「時間ベース」）。</p>
  <p class="totp-key"><span class="sr-only">鍵：</span><code id="totp-key"><?cs var:Page.Key ?></code></p>
</section>
<form method="post" action="/account/totp" class="card">
  <h2>2. 確認コードを入力する</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="field">
    <label for="code">アプリに表示された6桁の確認コード</label>
    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
  </div>
  <button type="submit" class="primary">確認して有効にする</button>
</form>

<?cs elif:Page.State == "codes" ?>
<p class="ok" role="status">2段階認証を有効にしました。</p>
<section class="card" aria-labelledby="h-codes">
  <h2 id="h-codes">リカバリーコード</h2>
  <p>スマートフォンをなくしたときなど、認証アプリを使えない場合に確認コードの代わりに使えます。各コードは1回だけ使えます。<strong>この画面を閉じると二度と表示されません。</strong>印刷するか書き写して、安全な場所に保管してください。</p>
  <ol class="recovery-codes">
  <?cs each:rc = Page.Codes ?><li><code><?cs var:rc ?></code></li>
  <?cs /each ?></ol>
  <p><a class="button primary" href="<?cs var:Page.Next ?>">保管しました。続ける</a></p>
</section>

<?cs else ?>
<?cs if:Page.RecoveryUsed == "used" ?><p class="alert" role="status">リカバリーコードでログインしました。残りのリカバリーコードは<?cs var:Page.RecoveryLeft ?>個です。少なくなったら、下の「設定し直す」で新しいコードを発行してください。</p>
<?cs elif:Page.RecoveryUsed == "none" ?><p class="alert" role="status">リカバリーコードをすべて使いました。下の「設定し直す」で新しいコードを発行してください。</p><?cs /if ?>
<section class="card" aria-labelledby="h-state">
  <h2 id="h-state">設定状況</h2>
  <dl class="facts">
    <dt>2段階認証</dt><dd>有効（<?cs var:Page.EnrolledAt ?> に設定）</dd>
    <dt>未使用のリカバリーコード</dt><dd><?cs var:Page.RecoveryLeft ?>個</dd>
  </dl>
</section>
<form method="post" action="/account/totp/disable" class="card">
  <h2><?cs if:Page.Required == "1" ?>設定し直す<?cs else ?>解除する・設定し直す<?cs /if ?></h2>
  <p class="note"><?cs if:Page.Required == "1" ?>この権限では2段階認証が必須のため、解除するとすぐに新しい鍵での設定に進みます。<?cs else ?>解除すると、ログイン時に確認コードを求めなくなります。新しい端末で設定し直す場合も、いったん解除してください。<?cs /if ?>古い鍵とリカバリーコードは使えなくなります。</p>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="field">
    <label for="dcode">現在の確認コード（6桁）</label>
    <input id="dcode" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
  </div>
  <button type="submit"><?cs if:Page.Required == "1" ?>解除して設定し直す<?cs else ?>2段階認証を解除する<?cs /if ?></button>
</form>
<?cs /if ?>
