<p><a href="/admin/masters">← マスタ管理へ戻る</a></p>
<h1><?cs var:Page.Kind.Title ?>（マスタ管理）</h1>
<p class="lead"><?cs var:Page.Kind.Lead ?></p>
<?cs if:Page.Saved == "created" ?><p class="ok" role="status">コード「<?cs var:Page.SavedCode ?>」を登録しました。</p>
<?cs elif:Page.Saved == "updated" ?><p class="ok" role="status">コード「<?cs var:Page.SavedCode ?>」を更新しました。</p>
<?cs elif:Page.Saved == "deleted" ?><p class="ok" role="status">コード「<?cs var:Page.SavedCode ?>」を削除しました。</p><?cs /if ?>
<?cs include:"admin/master_errors.cs" ?>

<div class="table-wrap master-wrap" tabindex="0" role="region" aria-labelledby="cap-rows">
<table class="master-rows">
  <caption id="cap-rows"><?cs var:Page.Kind.Title ?>の一覧（<?cs var:Page.Count ?>件）</caption>
  <thead><tr>
    <?cs each:f = Page.Fields ?><th scope="col"><?cs var:f.Label ?></th><?cs /each ?>
    <th scope="col">使用件数</th><th scope="col">操作</th>
  </tr></thead>
  <tbody>
  <?cs each:r = Page.Rows ?>
  <tr>
    <?cs each:f = Page.Fields ?>
    <?cs if:f.Input == "code" ?><th scope="row" class="code-cell"><?cs var:r.V[f.Name] ?></th>
    <?cs elif:f.Input == "check" ?><td><?cs if:r.V[f.Name] == "1" ?>○<?cs else ?><span class="sr-only">いいえ</span><span aria-hidden="true">―</span><?cs /if ?></td>
    <?cs elif:f.Input == "parent" ?><td><?cs var:r.ParentName ?></td>
    <?cs elif:f.Name == "name" ?><td class="d<?cs var:r.Depth ?>"><?cs var:r.V[f.Name] ?></td>
    <?cs elif:f.Input == "number" || f.Input == "decimal" ?><td class="num"><?cs var:r.V[f.Name] ?></td>
    <?cs else ?><td><?cs var:r.V[f.Name] ?></td><?cs /if ?>
    <?cs /each ?>
    <td class="num"><?cs var:r.Used ?></td>
    <td><a href="/admin/masters/<?cs var:Page.Kind.Slug ?>/<?cs var:url_escape(r.V.code) ?>">編集<span class="sr-only">（<?cs var:r.V.name ?>）</span></a></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>

<form method="post" action="/admin/masters/<?cs var:Page.Kind.Slug ?>" class="card" id="add">
  <h2><?cs var:Page.Kind.Title ?>の追加</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <?cs include:"admin/master_fields.cs" ?>
  <button type="submit" class="primary">追加する</button>
</form>
