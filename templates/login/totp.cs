<?cs # sign-in stage 'totp': a code from the authenticator app, or a recovery code (h_totp.c) ?>
<section class="card narrow">
  <h1>確認コードの入力</h1>
  <?cs if:Page.Message ?>
  <p class="alert" role="alert"><?cs var:Page.Message ?></p>
  <?cs /if ?>
  <?cs if:Page.Ended == "1" ?>
  <p><a href="/login">ログイン画面へ</a></p>
  <?cs else ?>
  <p>パスワードを確認しました。認証アプリ（Google Authenticator、Microsoft Authenticator など）に表示されている6桁の確認コードを入力してください。</p>
  <form method="post" action="/login/totp" class="stack" id="totp-form">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <label for="code">確認コード（6桁）</label>
    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required aria-describedby="code-help">
    <small id="code-help" class="note">コードは30秒ごとに変わります。一度使ったコードはもう使えません。</small>
    <button type="submit" class="primary">確認</button>
  </form>
  <details class="recovery">
    <summary>認証アプリを使えない場合（リカバリーコード）</summary>
    <form method="post" action="/login/totp" class="stack" id="recovery-form">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <label for="recovery">リカバリーコード</label>
      <input id="recovery" name="recovery" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64" required aria-describedby="recovery-help">
      <small id="recovery-help" class="note">登録時に控えた10個のコードのうち、まだ使っていないものを1つ入力してください。各コードは1回だけ使えます。</small>
      <button type="submit">リカバリーコードで確認</button>
    </form>
    <p class="note">リカバリーコードもない場合は、システム管理者に2段階認証のリセットを依頼してください。</p>
  </details>
  <?cs /if ?>
</section>
