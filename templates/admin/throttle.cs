<h1>ログイン待ち時間</h1>
<p class="lead">パスワードの誤りが続いたログインIDには、次のログインまで待ち時間（最長 <?cs var:Page.MaxDelay ?> 秒）がかかります。
同じアドレスから別のログインIDへのログインは妨げません。待ち時間が過ぎれば正しいパスワードで必ずログインできます。
失敗の記録は <?cs var:Page.Forget ?> 分で消えます。</p>
<?cs if:Page.Cleared == "one" ?><p class="ok" role="status">待ち時間を解除しました。</p>
<?cs elif:Page.Cleared == "all" ?><p class="ok" role="status">すべての待ち時間を解除しました。</p><?cs /if ?>
<p>記録 <?cs var:Page.Count ?> 件（うち待ち時間中 <?cs var:Page.Running ?> 件）</p>
<?cs if:Page.Count > 0 ?>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="cap-throttle">
<table>
  <caption id="cap-throttle">ログイン失敗と待ち時間</caption>
  <thead><tr><th scope="col">ログインID</th><th scope="col">アドレス</th><th scope="col">失敗回数</th>
  <th scope="col">最後の失敗</th><th scope="col">待ち時間の終了</th><th scope="col">残り</th><th scope="col">操作</th></tr></thead>
  <tbody>
  <?cs each:t = Page.Rows ?>
  <tr>
    <th scope="row"><?cs var:t.Login ?></th>
    <td><?cs if:t.Address == "" ?>（全アドレス合計）<?cs else ?><?cs var:t.Address ?><?cs /if ?></td>
    <td class="num"><?cs var:t.Failures ?></td>
    <td><?cs var:t.Last ?></td>
    <td><?cs var:t.Until ?></td>
    <td class="num"><?cs var:t.Left ?> 秒</td>
    <td><form method="post" action="/admin/throttle/clear">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="login" value="<?cs var:t.Login ?>">
      <input type="hidden" name="address" value="<?cs var:t.Address ?>">
      <button type="submit">解除<span class="sr-only">（<?cs var:t.Login ?> <?cs var:t.Address ?>）</span></button>
    </form></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<form method="post" action="/admin/throttle/clear">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="all" value="1">
  <button type="submit">すべて解除</button>
</form>
<?cs /if ?>
