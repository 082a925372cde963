<h1>監査ログ</h1>
<p class="lead">誰が・いつ・どこから・誰の情報を閲覧・検索・変更したかの記録です。記録は追記のみで、変更・削除はできません。</p>
<form method="get" action="/admin/audit" class="card">
  <div class="grid-form">
    <div class="field"><label for="a-action">操作</label>
      <select id="a-action" name="action"><option value="">すべて</option>
        <option value="view"<?cs if:Page.F.action == "view" ?> selected<?cs /if ?>>閲覧</option>
        <option value="search"<?cs if:Page.F.action == "search" ?> selected<?cs /if ?>>検索</option>
        <option value="export"<?cs if:Page.F.action == "export" ?> selected<?cs /if ?>>出力</option>
        <option value="create"<?cs if:Page.F.action == "create" ?> selected<?cs /if ?>>登録</option>
        <option value="update"<?cs if:Page.F.action == "update" ?> selected<?cs /if ?>>更新</option>
        <option value="delete"<?cs if:Page.F.action == "delete" ?> selected<?cs /if ?>>削除</option>
        <option value="deny"<?cs if:Page.F.action == "deny" ?> selected<?cs /if ?>>拒否</option>
      </select></div>
    <div class="field"><label for="a-actor">操作者（ログインID）</label><input id="a-actor" name="actor" type="text" value="<?cs var:Page.F.actor ?>"></div>
    <div class="field"><label for="a-subject">対象職員（職員番号）</label><input id="a-subject" name="subject" type="text" value="<?cs var:Page.F.subject ?>"></div>
    <div class="field"><label for="a-from">期間（開始）</label><input id="a-from" name="from" type="text" inputmode="numeric" value="<?cs var:Page.F.from ?>"></div>
    <div class="field"><label for="a-to">期間（終了）</label><input id="a-to" name="to" type="text" inputmode="numeric" value="<?cs var:Page.F.to ?>"></div>
  </div>
  <button type="submit" class="primary">絞り込む</button>
  <a class="button" href="/admin/audit.csv?action=<?cs var:url_escape(Page.F.action) ?>&amp;actor=<?cs var:url_escape(Page.F.actor) ?>&amp;subject=<?cs var:url_escape(Page.F.subject) ?>&amp;from=<?cs var:url_escape(Page.F.from) ?>&amp;to=<?cs var:url_escape(Page.F.to) ?>">この条件でCSV出力</a>
</form>
<p class="note">記録は1件ごとに直前の記録と鍵付きハッシュ（HMAC-SHA256）で連結されており、改ざん・削除・並べ替えは <code>tmsctl audit verify</code> で検出できます。CSV出力は監査ログに「出力 audit_log」として記録され、その詳細の sha256 が出力ファイルの SHA-256 です（受領側で <code>sha256sum</code> と照合してください）。</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="監査ログ">
<table>
  <caption>監査ログ（新しい順、<?cs var:Page.Count ?>件）</caption>
  <thead><tr><th scope="col">日時</th><th scope="col">操作者</th><th scope="col">権限</th><th scope="col">操作</th><th scope="col">対象職員</th><th scope="col">対象</th><th scope="col">詳細</th><th scope="col">接続元</th><th scope="col">結果</th></tr></thead>
  <tbody>
  <?cs each:l = Page.Log ?>
  <tr<?cs if:l.Result != "ok" ?> class="denied"<?cs /if ?>><td><?cs var:l.At ?></td><td><?cs var:l.Actor ?></td><td><?cs var:l.Role ?></td><td><?cs var:l.Action ?></td><td><?cs var:l.Subject ?></td><td><?cs var:l.Target ?></td><td><?cs var:l.Detail ?></td><td><?cs var:l.Addr ?></td><td><?cs var:l.Result ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<nav class="pager" aria-label="ページ送り">
  <?cs if:Page.Prev ?><a href="?action=<?cs var:url_escape(Page.F.action) ?>&amp;actor=<?cs var:url_escape(Page.F.actor) ?>&amp;subject=<?cs var:url_escape(Page.F.subject) ?>&amp;from=<?cs var:url_escape(Page.F.from) ?>&amp;to=<?cs var:url_escape(Page.F.to) ?>&amp;page=<?cs var:Page.Prev ?>" rel="prev">新しい記録へ</a><?cs /if ?>
  <?cs if:Page.Next ?><a href="?action=<?cs var:url_escape(Page.F.action) ?>&amp;actor=<?cs var:url_escape(Page.F.actor) ?>&amp;subject=<?cs var:url_escape(Page.F.subject) ?>&amp;from=<?cs var:url_escape(Page.F.from) ?>&amp;to=<?cs var:url_escape(Page.F.to) ?>&amp;page=<?cs var:Page.Next ?>" rel="next">古い記録へ</a><?cs /if ?>
</nav>
