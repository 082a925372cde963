<?cs # step-up: the password (and a code, when the second factor is on) again
   before a bulk export or an account change (h_totp.c) ?>
<section class="card narrow">
  <h1>本人確認</h1>
  <?cs if:Page.Message ?>
  <p class="alert" role="alert"><?cs var:Page.Message ?></p>
  <?cs /if ?>
  <p>一括出力やアカウントの変更の前に、もう一度本人確認をお願いします（確認から10分間は不要です）。</p>
  <form method="post" action="/account/verify" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="hidden" name="next" value="<?cs var:Page.Next ?>">
    <input type="hidden" name="username" value="<?cs var:User.Login ?>" autocomplete="username">
    <label for="password">パスワード</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
    <?cs if:Page.Totp == "1" ?>
    <label for="code">確認コード（6桁）</label>
    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
    <?cs /if ?>
    <button type="submit" class="primary">確認して続ける</button>
  </form>
  <p><a href="/">ホームへ戻る</a></p>
</section>
