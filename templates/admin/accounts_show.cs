<?cs # one account (アカウント管理): its facts and the changes hr or admin may make ?>
<p><a href="/admin/accounts">← アカウント管理へ戻る</a></p>
<h1><?cs var:Page.Acct.Name ?>（<?cs var:Page.Acct.Login ?>）</h1>
<?cs if:Page.Alert ?><p class="alert" role="alert"><?cs var:Page.Alert ?></p><?cs /if ?>
<?cs if:Page.Done == "role" ?><p class="ok" role="status">権限を「<?cs var:Page.Acct.RoleLabel ?>」にしました。</p>
<?cs elif:Page.Done == "disable" ?><p class="ok" role="status">アカウントを停止しました。ログイン中の端末はすべてログアウトしました。</p>
<?cs elif:Page.Done == "enable" ?><p class="ok" role="status">アカウントを再開しました。</p>
<?cs elif:Page.Done == "totp-reset" ?><p class="ok" role="status">二要素認証を解除しました。次のログインで設定し直します。</p>
<?cs elif:Page.Done == "sessions" ?><p class="ok" role="status"><?cs var:Page.Ended ?>台の端末をログアウトさせました。</p>
<?cs elif:Page.Done == "reset" ?><p class="ok" role="status">パスワードをリセットし、新しいログインコードを発行しました（<?cs var:Page.Ended ?>台の端末をログアウトさせました）。
  <?cs if:Page.Batch ?><a href="/admin/accounts/notices?batch=<?cs var:Page.Batch ?>">お知らせ（ログインコード）を印刷する</a>（30分間だけ表示できます）<?cs /if ?></p><?cs /if ?>

<section class="card" aria-labelledby="h-facts">
  <h2 id="h-facts">アカウントの状態</h2>
  <dl class="facts">
    <dt>ログインID</dt><dd><?cs var:Page.Acct.Login ?></dd>
    <dt>職員番号</dt><dd><?cs if:Page.Acct.StaffNo ?><?cs var:Page.Acct.StaffNo ?><?cs else ?>（職員に結び付かない運用アカウント）<?cs /if ?></dd>
    <dt>所属</dt><dd><?cs if:Page.Acct.Unit ?><?cs var:Page.Acct.Unit ?><?cs else ?>―<?cs /if ?><?cs if:Page.Acct.InService != "1" ?>（本日在職していないため、ログインできません）<?cs /if ?></dd>
    <dt>権限</dt><dd><?cs var:Page.Acct.RoleLabel ?></dd>
    <dt>状態</dt><dd><?cs if:Page.Acct.Disabled == "1" ?><span class="badge bad">停止</span><?cs elif:Page.Acct.Pending == "1" ?><span class="badge warn">初回ログイン前</span><?cs else ?>有効<?cs /if ?><?cs if:Page.Acct.MustChange == "1" ?>（次のログインでパスワードの設定が必要）<?cs /if ?></dd>
    <dt>二要素認証</dt><dd><?cs if:Page.Acct.Totp == "1" ?>設定済み<?cs else ?>未設定<?cs /if ?></dd>
    <dt>最終ログイン</dt><dd><?cs if:Page.Acct.LastLogin ?><?cs var:Page.Acct.LastLogin ?><?cs else ?>なし<?cs /if ?></dd>
    <dt>パスワード変更</dt><dd><?cs if:Page.Acct.PwChanged ?><?cs var:Page.Acct.PwChanged ?><?cs else ?>なし<?cs /if ?></dd>
    <dt>ログインコード</dt><dd><?cs if:Page.Acct.CodePurpose ?><?cs if:Page.Acct.CodePurpose == "reset" ?>リセット<?cs else ?>初回<?cs /if ?>用、<?cs if:Page.Acct.CodeUsed ?><?cs var:Page.Acct.CodeUsed ?> に使用済み<?cs else ?>有効期限 <?cs var:Page.Acct.CodeExpires ?><?cs /if ?><?cs else ?>なし<?cs /if ?></dd>
    <dt>ログイン中の端末</dt><dd><?cs var:Page.Acct.Sessions ?>台</dd>
    <dt>作成日</dt><dd><?cs var:Page.Acct.Created ?></dd>
  </dl>
</section>

<?cs if:Page.CanAdmin == "1" ?>
<form method="post" action="/admin/accounts/<?cs var:Page.Acct.Id ?>/role" class="card">
  <h2>権限の変更</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <p class="note">有効なシステム管理者が1人だけのときは、その人の権限は変更できません。権限を上げたときは、そのアカウントのログイン中の端末はログアウトします（次のログインで新しい権限の要件を満たします）。</p>
  <div class="field">
    <label for="f-role">権限</label>
    <select id="f-role" name="role">
      <option value="general"<?cs if:Page.Acct.Role == "general" ?> selected<?cs /if ?>>一般職員</option>
      <option value="hr"<?cs if:Page.Acct.Role == "hr" ?> selected<?cs /if ?>>人事担当</option>
      <option value="admin"<?cs if:Page.Acct.Role == "admin" ?> selected<?cs /if ?>>システム管理者</option>
    </select>
  </div>
  <button type="submit" class="primary">権限を変更する</button>
</form>

<section class="card" aria-labelledby="h-state">
  <h2 id="h-state">停止・再開</h2>
  <?cs if:Page.Acct.Disabled == "1" ?>
  <form method="post" action="/admin/accounts/<?cs var:Page.Acct.Id ?>/enable">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <p class="note">再開すると、このアカウントで再びログインできるようになります。</p>
    <button type="submit" class="primary">アカウントを再開する</button>
  </form>
  <?cs else ?>
  <form method="post" action="/admin/accounts/<?cs var:Page.Acct.Id ?>/disable">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <p class="note">停止すると、このアカウントではログインできず、ログイン中の端末もすぐにログアウトします。</p>
    <button type="submit" class="danger">アカウントを停止する</button>
  </form>
  <?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Page.CanReset == "1" ?>
<form method="post" action="/admin/accounts/<?cs var:Page.Acct.Id ?>/reset" class="card">
  <h2>パスワードのリセット</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <p class="note">新しいログインコード（1回だけ使えます）を発行し、今のパスワードは使えなくなります。ログイン中の端末はすべてログアウトします。本人はログインコードでログインしたあと、新しいパスワードを設定します。</p>
  <button type="submit" class="danger">パスワードをリセットする</button>
</form>
<?cs /if ?>

<?cs if:Page.CanAdmin == "1" && Page.Acct.Totp == "1" ?>
<form method="post" action="/admin/accounts/<?cs var:Page.Acct.Id ?>/totp-reset" class="card">
  <h2>二要素認証の解除</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <p class="note">スマートフォンをなくしたときなどに使います。登録済みの認証アプリと回復コードは使えなくなり、本人は次のログインで設定し直します。</p>
  <button type="submit" class="danger">二要素認証を解除する</button>
</form>
<?cs /if ?>

<?cs if:Page.CanAdmin == "1" ?>
<form method="post" action="/admin/accounts/<?cs var:Page.Acct.Id ?>/sessions" class="card">
  <h2>ログイン中の端末</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <p class="note">このアカウントでログイン中の端末（<?cs var:Page.Acct.Sessions ?>台）をすべてログアウトさせます。パスワードは変わりません。</p>
  <button type="submit">すべてログアウトさせる</button>
</form>
<?cs /if ?>
