<section class="card narrow">
  <h1>パスワードの設定</h1>
  <?cs call:errsummary() ?>
  <p>初回ログイン用のコードでログインしました（ログインID: <strong><?cs var:Page.Login ?></strong>）。
  続けて、これから使うパスワードを設定してください。設定が終わるまで、ほかのページは開けません。</p>
  <ul class="note">
    <li><?cs var:Page.MinLength ?>文字以上（長い語句がおすすめです。例: 好きな言葉を3〜4つ組み合わせる）</li>
    <li>ログインID・職員番号や、ご自分の氏名（漢字・かな・ローマ字）を含まないもの</li>
    <li>よく使われるパスワード（password、qwerty、1234…、キーボードの並び、名前＋数字など）は使えません</li>
  </ul>
  <form method="post" action="/account/password" class="stack">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="text" name="username" autocomplete="username" value="<?cs var:Page.Login ?>" hidden>
    <div class="field<?cs call:errclass("password") ?>">
      <label for="f-password">新しいパスワード</label>
      <?cs call:errmsg("password") ?>
      <input id="f-password" name="password" type="password" autocomplete="new-password" required minlength="<?cs var:Page.MinLength ?>" maxlength="1024"<?cs call:errattr("password") ?>>
    </div>
    <div class="field<?cs call:errclass("password2") ?>">
      <label for="f-password2">新しいパスワード（確認のためもう一度）</label>
      <?cs call:errmsg("password2") ?>
      <input id="f-password2" name="password2" type="password" autocomplete="new-password" required maxlength="1024"<?cs call:errattr("password2") ?>>
    </div>
    <button type="submit" class="primary">パスワードを設定する</button>
  </form>
  <p class="note">パスワードを設定すると、このアカウントのほかの端末でのログインは終了します。</p>
</section>
