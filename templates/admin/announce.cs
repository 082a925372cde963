<h1>お知らせ</h1>
<p class="lead">計画停止やバージョンアップなどのお知らせを、掲載期間を決めて全職員のホーム画面に表示します。</p>
<?cs if:Page.Done == "added" ?><p class="ok" role="status">お知らせを登録しました。</p>
<?cs elif:Page.Done == "deleted" ?><p class="ok" role="status">お知らせを削除しました。</p><?cs /if ?>
<?cs if:Page.Error ?><p class="alert" role="alert"><?cs var:Page.Error ?></p><?cs /if ?>
<form method="post" action="/admin/announce" class="card">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <p><label for="an-title">件名（100文字以内）</label>
  <input id="an-title" name="title" required maxlength="100" value="<?cs var:Page.Form.title ?>"></p>
  <p><label for="an-body">本文（2000文字以内）</label>
  <textarea id="an-body" name="body" rows="4" maxlength="2000"><?cs var:Page.Form.body ?></textarea></p>
  <p><label for="an-starts">掲載開始</label>
  <input id="an-starts" name="starts" type="datetime-local" required value="<?cs var:Page.Form.starts ?>"></p>
  <p><label for="an-ends">掲載終了</label>
  <input id="an-ends" name="ends" type="datetime-local" required value="<?cs var:Page.Form.ends ?>"></p>
  <p><button type="submit">登録する</button></p>
</form>
<?cs if:Page.Count > 0 ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="cap-announce">
<table>
  <caption id="cap-announce">お知らせ一覧（終了後90日まで）</caption>
  <thead><tr><th scope="col">件名</th><th scope="col">掲載期間</th><th scope="col">状態</th><th scope="col">操作</th></tr></thead>
  <tbody>
  <?cs each:a = Page.Rows ?>
  <tr>
    <th scope="row"><?cs var:a.Title ?></th>
    <td><?cs var:a.Starts ?> 〜 <?cs var:a.Ends ?></td>
    <td><?cs if:a.State == "shown" ?>掲載中<?cs elif:a.State == "planned" ?>掲載前<?cs else ?>終了<?cs /if ?></td>
    <td><form method="post" action="/admin/announce/<?cs var:a.Id ?>/delete">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <button type="submit">削除<span class="sr-only">（<?cs var:a.Title ?>）</span></button>
    </form></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs else ?><p>登録されたお知らせはありません。</p><?cs /if ?>
