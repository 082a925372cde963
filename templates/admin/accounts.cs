<h1>アカウント管理</h1>
<p><?cs var:Page.Count ?> 件のアカウントがあります。</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="アカウント一覧">
<table>
  <caption>アカウント一覧</caption>
  <thead><tr><th scope="col">ログインID</th><th scope="col">氏名</th><th scope="col">権限</th><th scope="col">状態</th><th scope="col">作成日</th></tr></thead>
  <tbody>
  <?cs each:a = Page.Accounts ?>
  <tr>
    <td><?cs var:a.Login ?></td>
    <td><?cs var:a.Name ?></td>
    <td><?cs var:a.Role ?></td>
    <td><?cs if:a.Disabled == "1" ?>停止<?cs else ?>有効<?cs /if ?></td>
    <td><?cs var:a.Created ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
