<h1>職員の新規登録（採用）</h1>
<?cs if:subcount(Page.Errors) > 0 ?>
<div class="alert" role="alert">
  <p><strong>入力内容を確認してください（<?cs var:subcount(Page.Errors) ?>件）</strong></p>
  <ul><?cs each:e = Page.Errors ?><li><?cs if:e.Field ?><a href="#n-<?cs var:e.Field ?>"><?cs var:e.Message ?></a><?cs else ?><?cs var:e.Message ?><?cs /if ?></li><?cs /each ?></ul>
</div>
<?cs /if ?>
<?cs def:nfield(name, label, help) ?>
  <div class="field<?cs if:Page.FieldErr[name] ?> has-error<?cs /if ?>">
    <label for="n-<?cs var:name ?>"><?cs var:label ?></label>
    <?cs if:Page.FieldErr[name] ?><span class="err" id="ne-<?cs var:name ?>"><?cs var:Page.FieldErr[name] ?></span><?cs /if ?>
    <input id="n-<?cs var:name ?>" name="<?cs var:name ?>" type="text" value="<?cs var:Page.V[name] ?>"<?cs if:Page.FieldErr[name] ?> aria-invalid="true" aria-describedby="ne-<?cs var:name ?>"<?cs /if ?>>
    <?cs if:help ?><small><?cs var:help ?></small><?cs /if ?>
  </div>
<?cs /def ?>
<form method="post" action="/staff/new" class="card">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="grid-form">
    <?cs call:nfield("staff_no", "職員番号", "半角英数字") ?>
    <?cs call:nfield("family_name", "姓", "") ?>
    <?cs call:nfield("given_name", "名", "") ?>
    <?cs call:nfield("family_kana", "姓（フリガナ）", "ひらがな・カタカナ") ?>
    <?cs call:nfield("given_kana", "名（フリガナ）", "") ?>
    <?cs call:nfield("birth_date", "生年月日", "西暦・和暦どちらでも可") ?>
    <div class="field"><label for="n-gender">性別</label>
      <select id="n-gender" name="gender"><option value="female"<?cs if:Page.V.gender == "female" ?> selected<?cs /if ?>>女性</option><option value="male"<?cs if:Page.V.gender == "male" ?> selected<?cs /if ?>>男性</option><option value="other"<?cs if:Page.V.gender == "other" ?> selected<?cs /if ?>>その他</option><option value="unspecified"<?cs if:Page.V.gender == "unspecified" ?> selected<?cs /if ?>>回答しない</option></select></div>
    <div class="field"><label for="n-employment_type">職員区分</label>
      <select id="n-employment_type" name="employment_type"><?cs each:o = Page.Opt.Etypes ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.V.employment_type ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select></div>
    <?cs call:nfield("hire_date", "採用日", "例: 2027-04-01 / R9.4.1") ?>
    <div class="field<?cs if:Page.FieldErr.unit ?> has-error<?cs /if ?>"><label for="n-unit">配属先</label>
      <?cs if:Page.FieldErr.unit ?><span class="err"><?cs var:Page.FieldErr.unit ?></span><?cs /if ?>
      <select id="n-unit" name="unit"><option value="">選択してください</option><?cs each:o = Page.Opt.Units ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.V.unit ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select></div>
    <div class="field<?cs if:Page.FieldErr.position ?> has-error<?cs /if ?>"><label for="n-position">職位</label>
      <?cs if:Page.FieldErr.position ?><span class="err"><?cs var:Page.FieldErr.position ?></span><?cs /if ?>
      <select id="n-position" name="position"><option value="">選択してください</option><?cs each:o = Page.Opt.Positions ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.V.position ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?></select></div>
  </div>
  <button type="submit" class="primary">登録する</button>
</form>
