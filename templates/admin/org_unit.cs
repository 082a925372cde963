<?cs # one unit (HR): its history and the forms to change, abolish or merge ?>
<p><a href="/admin/org?asof=<?cs var:Page.Asof ?>">← 組織の管理へ戻る</a></p>
<h1><?cs var:Page.Unit.Name ?>（<?cs var:Page.Unit.Code ?>）</h1>
<?cs if:Page.Saved == "created" ?><p class="ok" role="status">所属を新設しました。</p>
<?cs elif:Page.Saved == "changed" ?><p class="ok" role="status">変更を登録しました。</p>
<?cs elif:Page.Saved == "abolished" ?><p class="ok" role="status">廃止を登録しました。</p>
<?cs elif:Page.Saved == "merged" ?><p class="ok" role="status">統合を登録しました。統合された所属の職員には配置換の発令が登録されました。</p><?cs /if ?>
<?cs if:Page.Unit.Exists != "1" ?><p class="note"><?cs var:Page.AsofLabel ?> にはこの所属は存在しません（最後の形を表示しています）。</p><?cs /if ?>
<?cs call:errsummary() ?>

<section class="card" aria-labelledby="h-hist">
  <h2 id="h-hist">この所属の履歴</h2>
  <div class="table-wrap" role="region" aria-label="所属の履歴" tabindex="0"><table>
    <caption class="sr-only">名称・上位の所属の変遷</caption>
    <thead><tr><th scope="col">期間</th><th scope="col">名称</th><th scope="col">種別</th><th scope="col">上位の所属</th><th scope="col">表示順</th></tr></thead>
    <tbody>
    <?cs each:v = Page.Versions ?>
    <tr><td><?cs var:v.From ?> 〜 <?cs var:v.To ?></td><td><?cs var:v.Name ?></td><td><?cs var:v.Kind ?></td>
      <td><?cs if:v.Parent ?><a href="/admin/org/<?cs var:v.Parent ?>"><?cs var:v.ParentName ?></a><?cs else ?>（最上位）<?cs /if ?></td><td class="num"><?cs var:v.Sort ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs if:subcount(Page.Succession) > 0 ?>
  <h3>統合・移管</h3>
  <ul class="records"><?cs each:s = Page.Succession ?>
    <li><?cs var:s.On ?> <?cs var:s.Kind ?>: <a href="/admin/org/<?cs var:s.FromCode ?>"><?cs var:s.FromName ?></a> → <a href="/admin/org/<?cs var:s.ToCode ?>"><?cs var:s.ToName ?></a></li>
  <?cs /each ?></ul>
  <?cs /if ?>
  <p><a href="/staff?unit=<?cs var:Page.Unit.Code ?>&amp;asof=<?cs var:Page.Asof ?>">この所属の職員（<?cs var:Page.AsofLabel ?>）</a></p>
</section>

<?cs # fields of the three forms: the one sent with errors gets the f- ids
   the error summary links to, and its messages ?>
<?cs def:fid(form, pre, name) ?><?cs if:Page.Form == form ?>f-<?cs else ?><?cs var:pre ?>-<?cs /if ?><?cs var:name ?><?cs /def ?>
<?cs def:ferr(form, name) ?><?cs if:Page.Form == form ?><?cs call:errmsg(name) ?><?cs /if ?><?cs /def ?>
<?cs def:fattr(form, name) ?><?cs if:Page.Form == form ?><?cs call:errattr(name) ?><?cs /if ?><?cs /def ?>
<?cs def:fcls(form, name) ?><?cs if:Page.Form == form ?><?cs call:errclass(name) ?><?cs /if ?><?cs /def ?>
<?cs def:datefield(form, pre, label, value) ?>
    <div class="field<?cs call:fcls(form, "date") ?>">
      <label for="<?cs call:fid(form, pre, "date") ?>"><?cs var:label ?></label>
      <?cs call:ferr(form, "date") ?>
      <input id="<?cs call:fid(form, pre, "date") ?>" name="date" type="text" inputmode="numeric" value="<?cs var:value ?>" placeholder="2027-04-01 / R9.4.1"<?cs call:fattr(form, "date") ?>>
    </div>
<?cs /def ?>
<?cs def:fromsel(name, label) ?>
    <div class="field<?cs call:fcls("merge", name) ?>">
      <label for="<?cs call:fid("merge", "m", name) ?>"><?cs var:label ?></label>
      <?cs call:ferr("merge", name) ?>
      <select id="<?cs call:fid("merge", "m", name) ?>" name="<?cs var:name ?>"<?cs call:fattr("merge", name) ?>><option value="">（選ばない）</option>
        <?cs each:o = Page.Opt.Units ?><option value="<?cs var:o.Code ?>"<?cs if:Page.Form == "merge" && o.Code == Page.F[name] ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
<?cs /def ?>

<form method="post" action="/admin/org/<?cs var:Page.Unit.Code ?>/change?asof=<?cs var:Page.Asof ?>" class="card">
  <h2>改称・移管・表示順の変更</h2>
  <p class="note">指定した日から新しい名称・上位の所属になります。それより前の日付の表示は変わりません。</p>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <?cs if:Page.Form == "change" ?><?cs set:n = Page.F.name ?><?cs set:k = Page.F.kind ?><?cs set:pa = Page.F.parent ?><?cs set:so = Page.F.sort_order ?><?cs set:dt = Page.F.date ?>
  <?cs else ?><?cs set:n = Page.Unit.Name ?><?cs set:k = Page.Unit.Kind ?><?cs set:pa = Page.Unit.Parent ?><?cs set:so = Page.Unit.Sort ?><?cs set:dt = "" ?><?cs /if ?>
  <div class="grid-form">
    <?cs call:datefield("change", "c", "実施日", dt) ?>
    <div class="field<?cs call:fcls("change", "name") ?>">
      <label for="<?cs call:fid("change", "c", "name") ?>">名称</label>
      <?cs call:ferr("change", "name") ?>
      <input id="<?cs call:fid("change", "c", "name") ?>" name="name" type="text" maxlength="100" value="<?cs var:n ?>"<?cs call:fattr("change", "name") ?>>
    </div>
    <div class="field<?cs call:fcls("change", "kind") ?>">
      <label for="<?cs call:fid("change", "c", "kind") ?>">種別</label>
      <?cs call:ferr("change", "kind") ?>
      <select id="<?cs call:fid("change", "c", "kind") ?>" name="kind"<?cs call:fattr("change", "kind") ?>><?cs each:x = Page.Kinds ?><option<?cs if:x == k ?> selected<?cs /if ?>><?cs var:x ?></option><?cs /each ?></select>
    </div>
    <div class="field<?cs call:fcls("change", "parent") ?>">
      <label for="<?cs call:fid("change", "c", "parent") ?>">上位の所属</label>
      <?cs call:ferr("change", "parent") ?>
      <select id="<?cs call:fid("change", "c", "parent") ?>" name="parent"<?cs call:fattr("change", "parent") ?>><option value="">（最上位）</option>
        <?cs each:o = Page.Opt.Units ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == pa ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field<?cs call:fcls("change", "sort_order") ?>">
      <label for="<?cs call:fid("change", "c", "sort_order") ?>">表示順</label>
      <?cs call:ferr("change", "sort_order") ?>
      <input id="<?cs call:fid("change", "c", "sort_order") ?>" name="sort_order" type="text" inputmode="numeric" value="<?cs var:so ?>"<?cs call:fattr("change", "sort_order") ?>>
    </div>
  </div>
  <button type="submit" class="primary">変更を登録</button>
</form>

<form method="post" action="/admin/org/<?cs var:Page.Unit.Code ?>/merge?asof=<?cs var:Page.Asof ?>" class="card">
  <h2>統合（ほかの所属をこの所属に統合）</h2>
  <p class="note">選んだ所属は実施日に廃止され、その下位の所属はこの所属の下に移り、その所属の職員には実施日付でこの所属への配置換が発令されます。</p>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="grid-form">
    <?cs if:Page.Form == "merge" ?><?cs set:dt = Page.F.date ?><?cs else ?><?cs set:dt = "" ?><?cs /if ?>
    <?cs call:datefield("merge", "m", "実施日", dt) ?>
    <?cs call:fromsel("from1", "統合する所属 1") ?>
    <?cs call:fromsel("from2", "統合する所属 2") ?>
    <?cs call:fromsel("from3", "統合する所属 3") ?>
  </div>
  <button type="submit" class="primary">統合を登録</button>
</form>

<form method="post" action="/admin/org/<?cs var:Page.Unit.Code ?>/abolish?asof=<?cs var:Page.Asof ?>" class="card">
  <h2>廃止</h2>
  <p class="note">廃止日以後に発令のある職員や下位の所属がある場合は廃止できません（先に異動・移管するか、統合を使ってください）。</p>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <?cs if:Page.Form == "abolish" ?><?cs set:dt = Page.F.date ?><?cs else ?><?cs set:dt = "" ?><?cs /if ?>
  <?cs call:datefield("abolish", "a", "廃止日（この日から存在しない）", dt) ?>
  <button type="submit" class="danger">廃止を登録</button>
</form>
