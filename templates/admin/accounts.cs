<h1>アカウント管理</h1>
<p class="lead"><?cs if:Page.Count > 0 ?>該当 <?cs var:Page.Total ?><?cs if:Page.Capped ?> 件以上<?cs else ?> 件<?cs /if ?>のうち <?cs var:Page.From ?>〜<?cs var:Page.To ?> 件目（<?cs var:Page.Count ?> 件）を表示しています。<?cs else ?>該当するアカウントはありません。<?cs /if ?></p>
<?cs if:Page.CanAdmin != "1" ?><p class="note">人事担当は、パスワードのリセット（新しいログインコードの発行）ができます。権限の変更・停止はシステム管理者が行います。</p><?cs /if ?>
<form method="get" action="/admin/accounts" class="search card" role="search" aria-label="アカウントの検索">
  <div class="grid-form">
    <div class="field wide">
      <label for="q">氏名・フリガナ・職員番号・ログインID</label>
      <input id="q" name="q" type="search" value="<?cs var:Page.F.q ?>" maxlength="100" placeholder="例: さとう、佐藤、D0002">
    </div>
    <div class="field">
      <label for="unit">所属（下位の所属を含む）</label>
      <select id="unit" name="unit">
        <option value="">すべて</option>
        <?cs each:u = Page.Opt.Units ?><option value="<?cs var:u.Code ?>"<?cs if:u.Code == Page.F.unit ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="role">権限</label>
      <select id="role" name="role">
        <option value="">すべて</option>
        <option value="general"<?cs if:Page.F.role == "general" ?> selected<?cs /if ?>>一般職員</option>
        <option value="hr"<?cs if:Page.F.role == "hr" ?> selected<?cs /if ?>>人事担当</option>
        <option value="admin"<?cs if:Page.F.role == "admin" ?> selected<?cs /if ?>>システム管理者</option>
      </select>
    </div>
    <div class="field">
      <label for="state">状態</label>
      <select id="state" name="state">
        <option value="">すべて</option>
        <option value="enabled"<?cs if:Page.F.state == "enabled" ?> selected<?cs /if ?>>有効</option>
        <option value="disabled"<?cs if:Page.F.state == "disabled" ?> selected<?cs /if ?>>停止</option>
        <option value="pending"<?cs if:Page.F.state == "pending" ?> selected<?cs /if ?>>初回ログイン前</option>
      </select>
    </div>
  </div>
  <button type="submit" class="primary">検索</button>
  <a href="/admin/accounts/issue">アカウントの発行</a>
</form>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="acct-caption">
<table class="accounts">
  <caption id="acct-caption">アカウント一覧</caption>
  <thead><tr><th scope="col">ログインID</th><th scope="col">氏名</th><th scope="col">職員番号</th><th scope="col">所属</th><th scope="col">権限</th><th scope="col">状態</th><th scope="col">二要素認証</th><th scope="col">最終ログイン</th><th scope="col">ログイン中</th></tr></thead>
  <tbody>
  <?cs each:a = Page.Accounts ?>
  <tr>
    <td><?cs var:a.Login ?></td>
    <td><a href="/admin/accounts/<?cs var:a.Id ?>"><?cs var:a.Name ?></a></td>
    <td><?cs var:a.StaffNo ?></td>
    <td><?cs var:a.Unit ?></td>
    <td><?cs var:a.Role ?></td>
    <td><?cs if:a.Disabled == "1" ?><span class="badge bad">停止</span><?cs elif:a.Pending == "1" ?><span class="badge warn">初回ログイン前</span><?cs else ?>有効<?cs /if ?></td>
    <td><?cs if:a.Totp == "1" ?>設定済み<?cs else ?>未設定<?cs /if ?></td>
    <td><?cs if:a.LastLogin ?><?cs var:a.LastLogin ?><?cs else ?>なし<?cs /if ?></td>
    <td class="num"><?cs var:a.Sessions ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<nav class="pager" aria-label="ページ送り">
  <?cs if:Page.PrevHref ?><a href="<?cs var:Page.PrevHref ?>" rel="prev">前へ</a><?cs /if ?>
  <?cs if:Page.NextHref ?><a href="<?cs var:Page.NextHref ?>" rel="next">次へ</a><?cs /if ?>
</nav>
