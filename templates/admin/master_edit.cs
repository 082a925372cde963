<p><a href="/admin/masters/<?cs var:Page.Kind.Slug ?>">← <?cs var:Page.Kind.Title ?>の一覧へ戻る</a></p>
<h1><?cs var:Page.Kind.Title ?>の編集</h1>
<?cs include:"admin/master_errors.cs" ?>
<form method="post" action="/admin/masters/<?cs var:Page.Kind.Slug ?>/<?cs var:url_escape(Page.Code) ?>" class="card">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <dl class="facts">
    <dt>コード</dt><dd><strong class="code-cell"><?cs var:Page.Code ?></strong></dd>
  </dl>
  <p class="note">コードは変更できません。コードを変えたいときは、新しいコードで追加してから古いものを削除してください（使用中のものは削除できません）。</p>
  <?cs include:"admin/master_fields.cs" ?>
  <button type="submit" class="primary">保存する</button>
</form>

<section class="card" aria-labelledby="h-delete">
  <h2 id="h-delete">削除</h2>
  <?cs if:#Page.Used > #0 || #Page.Children > #0 ?>
  <p class="note">この<?cs var:Page.Kind.Title ?>は<?cs if:#Page.Used > #0 ?><?cs var:Page.Kind.UsedBy ?> <?cs var:Page.Used ?>件<?cs /if ?><?cs if:#Page.Used > #0 && #Page.Children > #0 ?>と<?cs /if ?><?cs if:#Page.Children > #0 ?>下位のスキル <?cs var:Page.Children ?>件<?cs /if ?>で使われています。使われている間は削除できません。</p>
  <?cs else ?>
  <p class="note">どこからも使われていないため削除できます。削除は取り消せません。</p>
  <?cs /if ?>
  <form method="post" action="/admin/masters/<?cs var:Page.Kind.Slug ?>/<?cs var:url_escape(Page.Code) ?>/delete">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <button type="submit" class="danger">「<?cs var:Page.Code ?>」を削除する</button>
  </form>
</section>
