<?cs # 発令の修正・取消 (HR): one registered appointment of one person ?>
<p><a href="/staff/<?cs var:Page.Id ?>/edit#appts">← <?cs var:Page.Name ?> さんの編集ページへ戻る</a></p>
<h1>発令の修正・取消</h1>
<?cs call:errsummary() ?>
<?cs with:a = Page.Appt.0 ?>
<section class="card" aria-labelledby="h-appt">
  <h2 id="h-appt"><?cs var:Page.Name ?> さんの発令</h2>
  <dl class="facts">
    <dt>発令日</dt><dd><?cs var:a.From ?></dd>
    <dt>発令区分</dt><dd><?cs var:a.Kind ?>（<?cs if:a.Main == "t" ?>本務<?cs else ?>兼務等<?cs /if ?>）</dd>
    <dt>所属・職位</dt><dd><?cs var:a.Unit ?> <?cs var:a.Position ?></dd>
    <dt>終了日</dt><dd><?cs if:a.To ?><?cs var:a.To ?><?cs else ?>（定めなし）<?cs /if ?></dd>
  </dl>
</section>

<form method="post" action="/staff/<?cs var:Page.Id ?>/appointments/<?cs var:a.Id ?>" class="card">
  <h2>修正</h2>
  <p class="note">発令日と発令区分は変更できません。誤っている場合は取り消してから登録し直してください。所属は発令日時点の組織から選びます。</p>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="grid-form">
    <div class="field<?cs call:errclass("unit") ?>">
      <label for="f-unit">所属</label>
      <?cs call:errmsg("unit") ?>
      <select id="f-unit" name="unit"<?cs call:errattr("unit") ?>><option value="">選択してください</option>
        <?cs each:o = Page.Opt.Units ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.unit ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field<?cs call:errclass("position") ?>">
      <label for="f-position">職位</label>
      <?cs call:errmsg("position") ?>
      <select id="f-position" name="position"<?cs call:errattr("position") ?>><option value="">選択してください</option>
        <?cs each:o = Page.Opt.Positions ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.position ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-job">職種</label>
      <select id="f-job" name="job"><option value="">（なし）</option>
        <?cs each:o = Page.Opt.Jobs ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.job ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-grade">級</label>
      <select id="f-grade" name="grade"><option value="">（なし）</option>
        <?cs each:o = Page.Opt.Grades ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.F.grade ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs if:a.Main == "t" ?>
    <input type="hidden" name="end" value="<?cs var:a.ToIso ?>">
    <?cs else ?>
    <div class="field<?cs call:errclass("end") ?>">
      <label for="f-end">終了日（任意）</label>
      <?cs call:errmsg("end") ?>
      <input id="f-end" name="end" type="text" inputmode="numeric" value="<?cs var:Page.F.end ?>" placeholder="2028-03-31 / R10.3.31"<?cs call:errattr("end") ?>>
    </div>
    <?cs /if ?>
    <div class="field wide<?cs call:errclass("remarks") ?>">
      <label for="f-remarks">備考</label>
      <?cs call:errmsg("remarks") ?>
      <input id="f-remarks" name="remarks" type="text" maxlength="500" value="<?cs var:Page.F.remarks ?>"<?cs call:errattr("remarks") ?>>
    </div>
  </div>
  <button type="submit" class="primary">修正を保存</button>
</form>

<form method="post" action="/staff/<?cs var:Page.Id ?>/appointments/<?cs var:a.Id ?>/delete" class="card">
  <h2>取消</h2>
  <p class="note">誤って登録した発令を取り消します。本務の発令を取り消すと、直前の本務がこの発令の期間も続いていたことになります。採用の発令は取り消せません。</p>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="field<?cs call:errclass("confirm") ?>">
    <?cs call:errmsg("confirm") ?>
    <label class="check"><input id="f-confirm" type="checkbox" name="confirm" value="1"<?cs call:errattr("confirm") ?>> この発令を取り消すことを確認しました</label>
  </div>
  <button type="submit" class="danger">発令を取り消す</button>
</form>
<?cs /with ?>
