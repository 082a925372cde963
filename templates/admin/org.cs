<?cs # 組織の管理 (HR): the organisation on a date, and 新設 ?>
<h1>組織の管理</h1>
<?cs if:Page.Saved == "created" ?><p class="ok" role="status">所属を新設しました。</p><?cs /if ?>
<p>組織の変更は日付を指定して登録し、履歴として残ります（過去の組織図・名簿はいつでも当時のまま表示されます）。</p>
<form method="get" action="/admin/org" class="card inline-form" aria-label="表示する日付">
  <label for="asof">表示する日付</label>
  <input id="asof" name="asof" type="text" inputmode="numeric" value="<?cs var:Page.Asof ?>" placeholder="2027-04-01 / R9.4.1">
  <button type="submit">表示</button>
</form>
<?cs call:errsummary() ?>

<section class="card" aria-labelledby="h-units">
  <h2 id="h-units"><?cs var:Page.AsofLabel ?> 時点の組織（<?cs var:Page.Count ?>所属）</h2>
  <p class="note">部局ごとに開いて、所属を選ぶと履歴と変更の画面に進みます。</p>
  <?cs each:u = Page.Units ?><?cs if:u.Depth == 0 ?><?cs if:!first(u) ?>
    </tbody></table></div></details><?cs /if ?>
  <details class="unitgroup"><summary><?cs var:u.Name ?>（<?cs var:u.Code ?>）</summary>
    <div class="table-wrap" tabindex="0" role="region" aria-label="<?cs var:u.Name ?>の所属"><table>
    <caption class="sr-only"><?cs var:u.Name ?>の所属</caption>
    <thead><tr><th scope="col">所属</th><th scope="col">コード</th><th scope="col">種別</th><th scope="col">人数</th><th scope="col">この形の期間</th></tr></thead>
    <tbody><?cs /if ?>
    <tr><td class="depth-<?cs var:u.Depth ?>"><a href="/admin/org/<?cs var:u.Code ?>?asof=<?cs var:Page.Asof ?>"><?cs var:u.Name ?></a></td>
      <td><?cs var:u.Code ?></td><td><?cs var:u.Kind ?></td><td class="num"><?cs var:u.People ?></td>
      <td><?cs var:u.From ?> 〜 <?cs var:u.To ?></td></tr><?cs if:last(u) ?>
    </tbody></table></div></details><?cs /if ?><?cs /each ?>
</section>

<form method="post" action="/admin/org?asof=<?cs var:Page.Asof ?>" class="card">
  <h2>所属の新設</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="grid-form">
    <div class="field<?cs call:errclass("code") ?>">
      <label for="f-code">所属コード</label>
      <?cs call:errmsg("code") ?>
      <input id="f-code" name="code" type="text" maxlength="20" value="<?cs var:Page.F.code ?>" aria-describedby="h-code"<?cs if:Page.FieldErr.code ?> aria-invalid="true"<?cs /if ?>>
      <small id="h-code">半角英数字。廃止された所属のコードは再利用できません。</small>
    </div>
    <div class="field<?cs call:errclass("name") ?>">
      <label for="f-name">名称</label>
      <?cs call:errmsg("name") ?>
      <input id="f-name" name="name" type="text" maxlength="100" value="<?cs var:Page.F.name ?>"<?cs call:errattr("name") ?>>
    </div>
    <div class="field<?cs call:errclass("kind") ?>">
      <label for="f-kind">種別</label>
      <?cs call:errmsg("kind") ?>
      <select id="f-kind" name="kind"<?cs call:errattr("kind") ?>>
        <?cs each:k = Page.Kinds ?><option<?cs if:k == Page.F.kind ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field<?cs call:errclass("parent") ?>">
      <label for="f-parent">上位の所属</label>
      <?cs call:errmsg("parent") ?>
      <select id="f-parent" name="parent"<?cs call:errattr("parent") ?>><option value="">（最上位）</option>
        <?cs each:o = Page.Opt.Units ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.parent ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field<?cs call:errclass("sort_order") ?>">
      <label for="f-sort_order">表示順</label>
      <?cs call:errmsg("sort_order") ?>
      <input id="f-sort_order" name="sort_order" type="text" inputmode="numeric" value="<?cs var:Page.F.sort_order ?>"<?cs call:errattr("sort_order") ?>>
    </div>
    <div class="field<?cs call:errclass("date") ?>">
      <label for="f-date">新設日</label>
      <?cs call:errmsg("date") ?>
      <input id="f-date" name="date" type="text" inputmode="numeric" value="<?cs var:Page.F.date ?>" placeholder="2027-04-01 / R9.4.1"<?cs call:errattr("date") ?>>
    </div>
  </div>
  <button type="submit" class="primary">新設を登録</button>
</form>
