<p><a href="/staff/<?cs var:Page.Id ?>">← <?cs var:Page.Name ?> さんのプロフィールへ戻る</a></p>
<h1><?cs var:Page.Name ?> さんの情報の編集</h1>
<?cs if:Page.Saved == "1" ?><p class="ok" role="status">保存しました。</p>
<?cs elif:Page.Saved == "none" ?><p class="ok" role="status">変更はありませんでした。</p>
<?cs elif:Page.Saved == "appointment" ?><p class="ok" role="status">発令を登録しました。</p>
<?cs elif:Page.Saved == "appt_updated" ?><p class="ok" role="status">発令を修正しました。</p>
<?cs elif:Page.Saved == "appt_cancelled" ?><p class="ok" role="status">発令を取り消しました。</p>
<?cs elif:Page.Saved == "skill" ?><p class="ok" role="status">スキルを更新しました。</p><?cs /if ?>
<?cs if:Page.Conflict ?><p class="alert" role="alert">この間に他の人が情報を更新しました。ページを読み込み直して、最新の内容を確認してから編集してください。</p><?cs /if ?>
<?cs if:subcount(Page.Errors) > 0 ?>
<div class="alert" role="alert" tabindex="-1">
  <p><strong>入力内容を確認してください（<?cs var:subcount(Page.Errors) ?>件）</strong></p>
  <ul><?cs each:e = Page.Errors ?><li><?cs if:e.Field ?><a href="#f-<?cs var:e.Field ?>"><?cs var:e.Message ?></a><?cs else ?><?cs var:e.Message ?><?cs /if ?></li><?cs /each ?></ul>
</div>
<?cs /if ?>


<?cs def:field(name, label, type, help) ?>
  <?cs if:Page.Edit[name] ?>
  <div class="field<?cs if:Page.FieldErr[name] ?> has-error<?cs /if ?>">
    <label for="f-<?cs var:name ?>"><?cs var:label ?></label>
    <?cs if:Page.FieldErr[name] ?><span class="err" id="e-<?cs var:name ?>"><?cs var:Page.FieldErr[name] ?></span><?cs /if ?>
    <input id="f-<?cs var:name ?>" name="<?cs var:name ?>" type="<?cs var:type ?>" value="<?cs var:Page.V[name] ?>"<?cs if:Page.FieldErr[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>>
    <?cs if:help ?><small><?cs var:help ?></small><?cs /if ?>
  </div>
  <?cs /if ?>
<?cs /def ?>

<?cs if:Page.Can.Fields == "1" ?>
<form method="post" action="/staff/<?cs var:Page.Id ?>/edit" class="card">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <input type="hidden" name="version" value="<?cs var:Page.Version ?>">
  <?cs if:Page.Edit.family_name ?>
  <fieldset><legend>氏名</legend>
  <div class="grid-form">
    <?cs call:field("family_name", "姓", "text", "") ?>
    <?cs call:field("given_name", "名", "text", "") ?>
    <?cs call:field("family_kana", "姓（フリガナ）", "text", "ひらがな・カタカナどちらでも可") ?>
    <?cs call:field("given_kana", "名（フリガナ）", "text", "") ?>
    <?cs call:field("former_family_name", "旧姓", "text", "") ?>
    <?cs call:field("former_family_kana", "旧姓（フリガナ）", "text", "") ?>
    <?cs call:field("alias_name", "通称", "text", "") ?>
    <div class="field">
      <label for="f-name_display">表示する氏名</label>
      <select id="f-name_display" name="name_display">
        <option value="legal"<?cs if:Page.V.name_display == "legal" ?> selected<?cs /if ?>>戸籍上の氏名</option>
        <option value="former"<?cs if:Page.V.name_display == "former" ?> selected<?cs /if ?>>旧姓</option>
        <option value="alias"<?cs if:Page.V.name_display == "alias" ?> selected<?cs /if ?>>通称</option>
      </select>
    </div>
    <div class="field">
      <label for="f-employment_type">職員区分</label>
      <select id="f-employment_type" name="employment_type">
        <?cs each:o = Page.Opt.Etypes ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.V.employment_type ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
  </div>
  </fieldset>
  <?cs /if ?>
  <?cs if:Page.Edit.hire_date || Page.Edit.birth_date ?>
  <fieldset><legend>日付・個人情報</legend>
  <div class="grid-form">
    <?cs call:field("hire_date", "採用日", "text", "2024-04-01 / 令和6年4月1日 / R6.4.1") ?>
    <?cs call:field("birth_date", "生年月日", "text", "西暦・和暦どちらでも可") ?>
    <?cs if:Page.Edit.gender ?>
    <div class="field">
      <label for="f-gender">性別</label>
      <select id="f-gender" name="gender">
        <option value="female"<?cs if:Page.V.gender == "female" ?> selected<?cs /if ?>>女性</option>
        <option value="male"<?cs if:Page.V.gender == "male" ?> selected<?cs /if ?>>男性</option>
        <option value="other"<?cs if:Page.V.gender == "other" ?> selected<?cs /if ?>>その他</option>
        <option value="unspecified"<?cs if:Page.V.gender == "unspecified" ?> selected<?cs /if ?>>回答しない</option>
      </select>
    </div>
    <?cs /if ?>
  </div>
  </fieldset>
  <?cs /if ?>
  <?cs if:Page.Edit.email ?>
  <fieldset><legend>連絡先</legend>
  <div class="grid-form">
    <?cs call:field("email", "メールアドレス", "email", "") ?>
    <?cs call:field("phone_ext", "内線番号", "text", "") ?>
  </div>
  </fieldset>
  <?cs /if ?>
  <?cs if:Page.Edit.self_intro ?>
  <div class="field<?cs if:Page.FieldErr.self_intro ?> has-error<?cs /if ?>">
    <label for="f-self_intro">自己紹介（2000文字まで）</label>
    <?cs call:errmsg("self_intro") ?>
    <textarea id="f-self_intro" name="self_intro" rows="6"<?cs call:errattr("self_intro") ?>><?cs var:Page.V.self_intro ?></textarea>
  </div>
  <?cs /if ?>
  <button type="submit" class="primary">保存する</button>
</form>
<?cs /if ?>

<?cs if:Page.Saved == "photo" ?><p class="ok" role="status">写真を更新しました。</p><?cs /if ?>
<?cs if:Page.Can.Photo == "1" ?>
<form method="post" action="/staff/<?cs var:Page.Id ?>/photo" enctype="multipart/form-data" class="card">
  <h2>写真</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="field">
    <label for="f-photo">顔写真（JPEG または PNG、5MBまで）</label>
    <input id="f-photo" name="photo" type="file" accept="image/jpeg,image/png">
    <small>正方形に切り抜いて保存します。撮影場所などの情報（Exif）は削除されます。</small>
  </div>
  <button type="submit" class="primary">写真を保存</button>
</form>
<?cs /if ?>

<?cs if:Page.Can.Skills == "1" ?>
<?cs if:Page.SkillConfirm.Ids ?>
<section class="card" id="skill-confirm" aria-labelledby="h-skill-confirm">
  <h2 id="h-skill-confirm">スキル履歴の削除の確認</h2>
  <p class="alert" role="alert" tabindex="-1">「<?cs var:Page.SkillConfirm.SkillName ?>」を<?cs var:Page.SkillConfirm.AsofLabel ?>から<?cs if:Page.SkillConfirm.Level == "0" ?>削除<?cs else ?>レベル<?cs var:Page.SkillConfirm.Level ?>に<?cs /if ?>すると、その後に登録されている次の履歴（<?cs var:subcount(Page.SkillConfirm.Rows) ?>件）が削除されます。削除してよければ「履歴を削除して登録」を押してください。</p>
  <div class="table-wrap" role="region" aria-label="削除される履歴" tabindex="0"><table>
    <caption class="sr-only">削除されるスキルの履歴</caption>
    <thead><tr><th scope="col">開始日</th><th scope="col">終了日</th><th scope="col">レベル</th><th scope="col">根拠</th></tr></thead>
    <tbody>
    <?cs each:h = Page.SkillConfirm.Rows ?>
    <tr><td><?cs var:h.From ?></td><td><?cs if:h.To ?><?cs var:h.To ?><?cs else ?>（現在まで）<?cs /if ?></td><td><?cs var:h.Level ?></td><td><?cs var:h.Evidence ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <form method="post" action="/staff/<?cs var:Page.Id ?>/skills">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <input type="hidden" name="skill" value="<?cs var:Page.SkillConfirm.Skill ?>">
    <input type="hidden" name="level" value="<?cs var:Page.SkillConfirm.Level ?>">
    <input type="hidden" name="evidence" value="<?cs var:Page.SkillConfirm.Evidence ?>">
    <input type="hidden" name="asof" value="<?cs var:Page.SkillConfirm.Asof ?>">
    <input type="hidden" name="confirm" value="<?cs var:Page.SkillConfirm.Ids ?>">
    <button type="submit" class="danger">履歴を削除して登録</button>
  </form>
</section>
<?cs /if ?>
<form method="post" action="/staff/<?cs var:Page.Id ?>/skills" class="card">
  <h2>スキルの登録・更新</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="grid-form">
    <div class="field<?cs call:errclass("skill") ?>">
      <label for="f-skill">スキル</label>
      <?cs call:errmsg("skill") ?>
      <select id="f-skill" name="skill"<?cs call:errattr("skill") ?>><option value="">選択してください</option>
        <?cs each:o = Page.Opt.Skills ?><option value="<?cs var:o.Code ?>"><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field<?cs call:errclass("level") ?>">
      <label for="f-level">レベル</label>
      <?cs call:errmsg("level") ?>
      <select id="f-level" name="level"<?cs call:errattr("level") ?>>
        <option value="1">1 基礎知識がある</option><option value="2">2 指導を受けて実務ができる</option>
        <option value="3" selected>3 一人で実務ができる</option><option value="4">4 他の職員に指導できる</option>
        <option value="5">5 庁内の第一人者</option><option value="0">0 登録を削除する</option>
      </select>
    </div>
    <div class="field wide<?cs call:errclass("evidence") ?>">
      <label for="f-evidence">根拠（経験・資格・研修など）</label>
      <?cs call:errmsg("evidence") ?>
      <input id="f-evidence" name="evidence" type="text" maxlength="500"<?cs call:errattr("evidence") ?>>
    </div>
    <?cs if:Page.Can.SkillDate == "1" ?>
    <div class="field<?cs call:errclass("asof") ?>">
      <label for="f-asof">適用日</label>
      <?cs call:errmsg("asof") ?>
      <input id="f-asof" name="asof" type="text" inputmode="numeric" placeholder="2024-04-01 / R6.4.1" aria-describedby="<?cs if:Page.FieldErr.asof ?>e-asof <?cs /if ?>h-asof"<?cs if:Page.FieldErr.asof ?> aria-invalid="true"<?cs /if ?>>
      <small id="h-asof">空欄なら今日から。過去の日付でその後の履歴を削除することになる場合は、削除される履歴を表示して確認します。</small>
    </div>
    <?cs /if ?>
  </div>
  <button type="submit" class="primary">スキルを保存</button>
</form>
<?cs /if ?>

<?cs if:Page.Can.Career == "1" ?>
<form method="post" action="/staff/<?cs var:Page.Id ?>/appointments" class="card">
  <h2>発令の登録</h2>
  <p class="note">本務の発令は、その日に有効な本務を終了させて新しい所属を開始します。将来日付（4月1日の異動など）も登録できます。</p>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="grid-form">
    <div class="field<?cs call:errclass("kind") ?>">
      <label for="f-kind">発令区分</label>
      <?cs call:errmsg("kind") ?>
      <select id="f-kind" name="kind"<?cs call:errattr("kind") ?>>
        <option<?cs if:Page.A.kind == "異動" ?> selected<?cs /if ?>>異動</option><option<?cs if:Page.A.kind == "昇任" ?> selected<?cs /if ?>>昇任</option>
        <option<?cs if:Page.A.kind == "兼務" ?> selected<?cs /if ?>>兼務</option><option<?cs if:Page.A.kind == "併任" ?> selected<?cs /if ?>>併任</option>
        <option<?cs if:Page.A.kind == "出向" ?> selected<?cs /if ?>>出向</option><option<?cs if:Page.A.kind == "休職" ?> selected<?cs /if ?>>休職</option>
        <option<?cs if:Page.A.kind == "復職" ?> selected<?cs /if ?>>復職</option><option<?cs if:Page.A.kind == "事務取扱" ?> selected<?cs /if ?>>事務取扱</option>
        <option<?cs if:Page.A.kind == "降任" ?> selected<?cs /if ?>>降任</option><option<?cs if:Page.A.kind == "配置換" ?> selected<?cs /if ?>>配置換</option>
      </select>
    </div>
    <div class="field<?cs call:errclass("date") ?>">
      <label for="f-date">発令日</label>
      <?cs call:errmsg("date") ?>
      <input id="f-date" name="date" type="text" inputmode="numeric" value="<?cs var:Page.A.date ?>" placeholder="2027-04-01 / R9.4.1"<?cs call:errattr("date") ?>>
    </div>
    <div class="field<?cs call:errclass("unit") ?>">
      <label for="f-unit">所属</label>
      <?cs call:errmsg("unit") ?>
      <select id="f-unit" name="unit"<?cs call:errattr("unit") ?>><option value="">選択してください</option>
        <?cs each:o = Page.Opt.Units ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.A.unit ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field<?cs call:errclass("position") ?>">
      <label for="f-position">職位</label>
      <?cs call:errmsg("position") ?>
      <select id="f-position" name="position"<?cs call:errattr("position") ?>><option value="">選択してください</option>
        <?cs each:o = Page.Opt.Positions ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.A.position ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-job">職種（任意）</label>
      <select id="f-job" name="job"><option value="">（指定しない）</option>
        <?cs each:o = Page.Opt.Jobs ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.A.job ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="a-grade">級（任意）</label>
      <select id="a-grade" name="grade"><option value="">（指定しない）</option>
        <?cs each:o = Page.Opt.Grades ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.A.grade ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field<?cs call:errclass("end") ?>">
      <label for="f-end">終了日（兼務など・任意）</label>
      <?cs call:errmsg("end") ?>
      <input id="f-end" name="end" type="text" inputmode="numeric" value="<?cs var:Page.A.end ?>"<?cs call:errattr("end") ?>>
    </div>
    <div class="field">
      <span class="label">本務・兼務</span>
      <label class="check"><input type="checkbox" name="main" value="1" checked> 本務として発令する</label>
    </div>
    <div class="field wide<?cs call:errclass("remarks") ?>">
      <label for="f-remarks">備考</label>
      <?cs call:errmsg("remarks") ?>
      <input id="f-remarks" name="remarks" type="text" maxlength="500" value="<?cs var:Page.A.remarks ?>"<?cs call:errattr("remarks") ?>>
    </div>
  </div>
  <button type="submit" class="primary">発令を登録</button>
</form>
<section class="card" id="appts" aria-labelledby="h-appts">
  <h2 id="h-appts">発令履歴の修正・取消</h2>
  <div class="table-wrap" role="region" aria-label="発令履歴" tabindex="0"><table>
    <caption class="sr-only">発令履歴（予定を含む、新しい順）</caption>
    <thead><tr><th scope="col">発令日</th><th scope="col">区分</th><th scope="col">所属・職位</th><th scope="col">終了日</th><th scope="col">操作</th></tr></thead>
    <tbody>
    <?cs each:a = Page.Appts ?>
    <tr><td><?cs var:a.From ?></td><td><?cs var:a.Kind ?><?cs if:a.Main != "t" ?>（兼務等）<?cs /if ?></td>
      <td><?cs var:a.Unit ?> <?cs var:a.Position ?></td><td><?cs var:a.To ?></td>
      <td><a href="/staff/<?cs var:Page.Id ?>/appointments/<?cs var:a.Id ?>" aria-label="<?cs var:a.From ?>の<?cs var:a.Kind ?>を修正・取消">修正・取消</a></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
</section>
<form method="post" action="/staff/<?cs var:Page.Id ?>/retire" class="card">
  <h2>退職の登録</h2>
  <?cs if:Page.Saved == "retired" ?><p class="ok" role="status">退職を登録しました。</p><?cs /if ?>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="field<?cs call:errclass("last_day") ?>">
    <label for="f-last_day">退職日（最終在職日）</label>
    <?cs call:errmsg("last_day") ?>
    <input id="f-last_day" name="last_day" type="text" inputmode="numeric" placeholder="2027-03-31 / R9.3.31" aria-describedby="<?cs if:Page.FieldErr.last_day ?>e-last_day <?cs /if ?>h-last_day"<?cs if:Page.FieldErr.last_day ?> aria-invalid="true"<?cs /if ?>>
    <small id="h-last_day">この日の翌日以降の発令は取り消され、所属はこの日で終了します。</small>
  </div>
  <button type="submit" class="danger">退職を登録</button>
</form>
<?cs /if ?>

<?cs def:delbtn(kind, id, label) ?>
<form method="post" action="/staff/<?cs var:Page.Id ?>/records/<?cs var:kind ?>/<?cs var:id ?>/delete" class="inline">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <button type="submit" class="danger" aria-label="<?cs var:label ?>を削除">削除</button>
</form>
<?cs /def ?>

<?cs if:Page.Saved == "quals" || Page.Saved == "training" || Page.Saved == "evals" ?><p class="ok" role="status">登録しました。</p><?cs /if ?>
<?cs if:Page.Saved == "deleted" ?><p class="ok" role="status">削除しました。</p><?cs /if ?>

<?cs if:Page.Can.Quals == "1" ?>
<section class="card" aria-labelledby="h-equals">
  <h2 id="h-equals">資格・免許</h2>
  <ul class="records"><?cs each:q = Page.Quals ?><li><?cs var:q.Name ?>（<?cs var:q.Acquired ?>取得<?cs if:q.Expires ?>・期限 <?cs var:q.Expires ?><?cs /if ?>）<?cs call:delbtn("quals", q.Id, q.Name) ?></li><?cs /each ?></ul>
  <form method="post" action="/staff/<?cs var:Page.Id ?>/records/quals">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="grid-form">
      <div class="field<?cs call:errclass("qualification") ?>"><label for="f-qualification">資格</label>
        <?cs call:errmsg("qualification") ?>
        <select id="f-qualification" name="qualification"<?cs call:errattr("qualification") ?>><option value="">選択してください</option><?cs each:o = Page.Opt.Quals ?><option value="<?cs var:o.Code ?>"><?cs var:o.Name ?></option><?cs /each ?></select></div>
      <div class="field<?cs call:errclass("acquired_on") ?>"><label for="f-acquired_on">取得日</label>
        <?cs call:errmsg("acquired_on") ?>
        <input id="f-acquired_on" name="acquired_on" type="text" inputmode="numeric" placeholder="2020-04-01 / R2.4.1"<?cs call:errattr("acquired_on") ?>></div>
      <div class="field<?cs call:errclass("expires_on") ?>"><label for="f-expires_on">有効期限（任意）</label>
        <?cs call:errmsg("expires_on") ?>
        <input id="f-expires_on" name="expires_on" type="text" inputmode="numeric"<?cs call:errattr("expires_on") ?>></div>
      <div class="field<?cs call:errclass("registration_no") ?>"><label for="f-registration_no">登録番号（任意）</label>
        <?cs call:errmsg("registration_no") ?>
        <input id="f-registration_no" name="registration_no" type="text" maxlength="50"<?cs call:errattr("registration_no") ?>></div>
    </div>
    <button type="submit" class="primary">資格を登録</button>
  </form>
</section>
<?cs /if ?>

<?cs if:Page.Can.Training == "1" ?>
<section class="card" aria-labelledby="h-etraining">
  <h2 id="h-etraining">研修履歴</h2>
  <ul class="records"><?cs each:t = Page.Training ?><li><?cs var:t.Name ?>（<?cs var:t.Start ?>・<?cs var:t.Hours ?>時間・<?cs var:t.Result ?>）<?cs call:delbtn("training", t.Id, t.Name) ?></li><?cs /each ?></ul>
  <form method="post" action="/staff/<?cs var:Page.Id ?>/records/training">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="grid-form">
      <div class="field<?cs call:errclass("course") ?>"><label for="f-course">研修</label>
        <?cs call:errmsg("course") ?>
        <select id="f-course" name="course"<?cs call:errattr("course") ?>><option value="">選択してください</option><?cs each:o = Page.Opt.Courses ?><option value="<?cs var:o.Code ?>"><?cs var:o.Name ?></option><?cs /each ?></select></div>
      <div class="field<?cs call:errclass("start_date") ?>"><label for="f-start_date">開始日</label>
        <?cs call:errmsg("start_date") ?>
        <input id="f-start_date" name="start_date" type="text" inputmode="numeric"<?cs call:errattr("start_date") ?>></div>
      <div class="field<?cs call:errclass("end_date") ?>"><label for="f-end_date">終了日</label>
        <?cs call:errmsg("end_date") ?>
        <input id="f-end_date" name="end_date" type="text" inputmode="numeric"<?cs call:errattr("end_date") ?>></div>
      <div class="field<?cs call:errclass("hours") ?>"><label for="f-hours">時間</label>
        <?cs call:errmsg("hours") ?>
        <input id="f-hours" name="hours" type="text" inputmode="decimal"<?cs call:errattr("hours") ?>></div>
      <div class="field"><label for="f-result">結果</label><select id="f-result" name="result"><option>修了</option><option>未修了</option><option>受講中</option></select></div>
    </div>
    <button type="submit" class="primary">研修を登録</button>
  </form>
</section>
<?cs /if ?>

<?cs if:Page.Can.Evals == "1" ?>
<section class="card" aria-labelledby="h-eevals">
  <h2 id="h-eevals">人事評価</h2>
  <ul class="records"><?cs each:v = Page.Evals ?><li><?cs var:v.Year ?>年度 <?cs var:v.Period ?> <?cs var:v.Kind ?> <?cs var:v.Grade ?><?cs call:delbtn("evals", v.Id, v.Kind) ?></li><?cs /each ?></ul>
  <form method="post" action="/staff/<?cs var:Page.Id ?>/records/evals">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="grid-form">
      <div class="field<?cs call:errclass("fiscal_year") ?>"><label for="f-fiscal_year">年度（西暦）</label>
        <?cs call:errmsg("fiscal_year") ?>
        <input id="f-fiscal_year" name="fiscal_year" type="text" inputmode="numeric" placeholder="2025"<?cs call:errattr("fiscal_year") ?>></div>
      <div class="field"><label for="f-period">期</label><select id="f-period" name="period"><option>上期</option><option>下期</option><option>年間</option></select></div>
      <div class="field"><label for="v-kind">区分</label><select id="v-kind" name="kind"><option>能力評価</option><option>業績評価</option></select></div>
      <div class="field"><label for="f-grade">評語</label><select id="f-grade" name="grade"><option>S</option><option>A</option><option selected>B</option><option>C</option><option>D</option></select></div>
      <div class="field<?cs call:errclass("score") ?>"><label for="f-score">点数（任意）</label>
        <?cs call:errmsg("score") ?>
        <input id="f-score" name="score" type="text" inputmode="decimal"<?cs call:errattr("score") ?>></div>
      <div class="field wide<?cs call:errclass("comment") ?>"><label for="f-comment">評価者コメント（任意）</label>
        <?cs call:errmsg("comment") ?>
        <textarea id="f-comment" name="comment" rows="3"<?cs call:errattr("comment") ?>></textarea></div>
    </div>
    <button type="submit" class="primary">評価を登録</button>
  </form>
</section>
<?cs /if ?>
