<?cs # the user's own account: password change and sessions (h_account.c) ?>
<h1>アカウント</h1>
<?cs if:Page.Done == "password" ?><p class="ok" role="status">パスワードを変更しました。<?cs if:Page.Ended > 0 ?>ほかの端末（<?cs var:Page.Ended ?>台）はログアウトしました。<?cs /if ?></p>
<?cs elif:Page.Done == "ended" ?><p class="ok" role="status"><?cs if:Page.Ended > 0 ?>選んだ端末をログアウトさせました。<?cs else ?>その端末はすでにログアウトしています。<?cs /if ?></p>
<?cs elif:Page.Done == "others" ?><p class="ok" role="status">ほかの端末（<?cs var:Page.Ended ?>台）をログアウトさせました。</p><?cs /if ?>

<section class="card" aria-labelledby="h-me">
  <h2 id="h-me">ログイン中のアカウント</h2>
  <dl class="facts">
    <dt>氏名</dt><dd><?cs var:Page.Me.Name ?></dd>
    <dt>ログインID</dt><dd><?cs var:Page.Me.Login ?></dd>
    <dt>権限</dt><dd><?cs var:Page.Me.Role ?></dd>
  </dl>
</section>

<form method="post" action="/account/password/change" class="card" id="pw">
  <h2>パスワードの変更</h2>
  <?cs call:errsummary() ?>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="username" value="<?cs var:Page.Me.Login ?>" autocomplete="username">
  <div class="field<?cs call:errclass("current") ?>">
    <label for="f-current">現在のパスワード</label>
    <?cs call:errmsg("current") ?>
    <input id="f-current" name="current" type="password" autocomplete="current-password" required maxlength="1024"<?cs call:errattr("current") ?>>
  </div>
  <div class="field<?cs call:errclass("password") ?>">
    <label for="f-password">新しいパスワード</label>
    <?cs call:errmsg("password") ?>
    <input id="f-password" name="password" type="password" autocomplete="new-password" required maxlength="1024" aria-describedby="<?cs if:Page.FieldErr.password ?>e-password <?cs /if ?>h-password"<?cs if:Page.FieldErr.password ?> aria-invalid="true"<?cs /if ?>>
    <small id="h-password"><?cs var:Page.MinLength ?>文字以上。ログインIDや氏名、よく使われるパスワードは使えません。</small>
  </div>
  <div class="field<?cs call:errclass("password2") ?>">
    <label for="f-password2">新しいパスワード（確認）</label>
    <?cs call:errmsg("password2") ?>
    <input id="f-password2" name="password2" type="password" autocomplete="new-password" required maxlength="1024"<?cs call:errattr("password2") ?>>
  </div>
  <p class="note">変更すると、この端末以外でログイン中の端末はすべてログアウトします。</p>
  <button type="submit" class="primary">パスワードを変更する</button>
</form>

<section class="card" aria-labelledby="h-sessions">
  <h2 id="h-sessions">ログイン中の端末（<?cs var:Page.SessionCount ?>台）</h2>
  <p class="note">心当たりのない端末があれば、その端末をログアウトさせ、パスワードを変更してください。</p>
  <div class="table-wrap" tabindex="0" role="region" aria-labelledby="cap-sessions">
  <table class="sessions">
    <caption id="cap-sessions" class="sr-only">ログイン中の端末</caption>
    <thead><tr><th scope="col">端末</th><th scope="col">接続元</th><th scope="col">ログイン</th><th scope="col">最終利用</th></tr></thead>
    <tbody>
    <?cs each:s = Page.Sessions ?>
    <tr<?cs if:s.Current == "1" ?> class="current"<?cs /if ?>>
      <td><span title="<?cs var:s.Agent ?>"><?cs var:s.Device ?></span><?cs if:s.Current == "1" ?> <span class="badge">この端末</span><?cs /if ?><?cs if:s.Pending == "1" ?> <span class="badge warn">確認の途中</span><?cs /if ?>
        <?cs if:s.Current != "1" ?><form method="post" action="/account/sessions/end">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
        <input type="hidden" name="s" value="<?cs var:s.Key ?>">
        <button type="submit" aria-label="ログアウトさせる（<?cs var:s.Device ?>、<?cs var:s.LastSeen ?>）">ログアウトさせる</button>
      </form><?cs /if ?></td>
      <td><?cs var:s.Addr ?></td>
      <td><?cs var:s.Created ?></td>
      <td><?cs var:s.LastSeen ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs if:Page.SessionCount > 1 ?>
  <form method="post" action="/account/sessions/end-others">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <button type="submit" class="danger">この端末以外をすべてログアウトさせる</button>
  </form>
  <?cs /if ?>
</section>
