<?cs if:Page.Edit ?>
<p><a href="/duties/<?cs var:Page.Duty.Id ?>">← <?cs var:Page.Duty.Name ?> へ戻る</a></p>
<h1>業務の編集</h1>
<?cs else ?>
<p><a href="/duties?unit=<?cs var:url_escape(Page.Unit.Code) ?>">← <?cs var:Page.Unit.Name ?> の事務分掌へ戻る</a></p>
<h1>業務の登録（<?cs var:Page.Unit.Name ?>）</h1>
<?cs /if ?>
<?cs if:subcount(Page.Errors) > 0 ?>
<div class="alert" role="alert" tabindex="-1">
  <p><strong>入力内容を確認してください（<?cs var:subcount(Page.Errors) ?>件）</strong></p>
  <ul><?cs each:e = Page.Errors ?><li><a href="#f-<?cs var:e.Field ?>"><?cs var:e.Message ?></a></li><?cs /each ?></ul>
</div>
<?cs /if ?>
<?cs def:text(name, label, help) ?>
  <div class="field<?cs call:errclass(name) ?>">
    <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
    <?cs call:errmsg(name) ?>
    <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="text" value="<?cs var:Page.V[name] ?>"<?cs call:errattr(name) ?>>
    <?cs if:help ?><small><?cs var:help ?></small><?cs /if ?>
  </div>
<?cs /def ?>
<form method="post" action="<?cs if:Page.Edit ?>/duties/<?cs var:Page.Duty.Id ?>/edit<?cs else ?>/duties/new<?cs /if ?>" class="card">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <?cs if:!Page.Edit ?><input type="hidden" name="unit" value="<?cs var:Page.Unit.Code ?>"><?cs /if ?>
  <div class="grid-form">
    <?cs call:text("name", "業務名", "例: 住民基本台帳事務") ?>
    <?cs call:text("legal_basis", "根拠法令（任意）", "例: 住民基本台帳法") ?>
    <div class="field<?cs call:errclass("category") ?>">
      <label for="f-category">区分</label>
      <?cs call:errmsg("category") ?>
      <select id="f-category" name="category"<?cs call:errattr("category") ?>>
        <?cs each:o = Page.Opt.Categories ?><option<?cs if:o == Page.V.category ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
      </select>
    </div>
    <?cs call:text("workload", "業務量（人年）", "1人が1年間従事する量を1.0とします（例: 0.5）") ?>
    <?cs call:text("start_date", "開始日", "西暦・和暦どちらでも（例: 2026-04-01 / R8.4.1）") ?>
    <?cs call:text("end_date", "終了日（任意）", "") ?>
    <div class="field<?cs call:errclass("status") ?>">
      <label for="f-status">状態</label>
      <?cs call:errmsg("status") ?>
      <select id="f-status" name="status"<?cs call:errattr("status") ?>>
        <?cs each:o = Page.Opt.Statuses ?><option<?cs if:o == Page.V.status ?> selected<?cs /if ?>><?cs var:o ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field wide<?cs call:errclass("description") ?>">
      <label for="f-description">業務内容（任意）</label>
      <?cs call:errmsg("description") ?>
      <textarea id="f-description" name="description" rows="4"<?cs call:errattr("description") ?>><?cs var:Page.V.description ?></textarea>
    </div>
  </div>
  <?cs if:Page.Edit ?>
  <fieldset><legend>所属の移管（任意）</legend>
    <p class="note">現在の所属: <?cs var:Page.Unit.Name ?>。別の所属を選ぶと、移管日からその所属の業務になります（履歴は残ります）。</p>
    <div class="grid-form">
      <div class="field<?cs call:errclass("move_unit") ?>">
        <label for="f-move_unit">移管先の所属</label>
        <?cs call:errmsg("move_unit") ?>
        <select id="f-move_unit" name="move_unit"<?cs call:errattr("move_unit") ?>><option value="">移管しない</option>
          <?cs each:o = Page.Opt.Units ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.V.move_unit ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
        </select>
      </div>
      <?cs call:text("move_date", "移管日", "") ?>
    </div>
  </fieldset>
  <?cs /if ?>
  <button type="submit" class="primary"><?cs if:Page.Edit ?>保存<?cs else ?>登録<?cs /if ?></button>
</form>
