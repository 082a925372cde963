<section class="card narrow">
  <h1>ログイン</h1>
  <?cs if:Page.Message ?>
  <p class="alert" role="alert"><?cs var:Page.Message ?></p>
  <?cs /if ?>
  <form method="post" action="/login" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="hidden" name="next" value="<?cs var:Page.Next ?>">
    <label for="login">ログインID</label>
    <input id="login" name="login" type="text" autocomplete="username" required maxlength="63" value="<?cs var:Page.Login ?>">
    <label for="password">パスワード</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
    <button type="submit" class="primary">ログイン</button>
  </form>
  <p class="note">パスワードを忘れた場合は、職員課（人事担当）へお問い合わせください。</p>
</section>
