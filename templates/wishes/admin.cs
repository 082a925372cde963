<h1>意向調査の管理</h1>
<p class="lead">調査の実施（年度・受付期間・対象）と、回収状況の確認を行います。設問は設定ファイル（survey.yaml）で定義されています。</p>
<?cs if:Page.Saved == "1" ?><p class="ok" role="status">調査を登録しました。</p><?cs /if ?>
<div class="table-wrap" tabindex="0" role="region" aria-label="調査の一覧">
<table>
  <caption>調査の一覧</caption>
  <thead><tr><th scope="col">調査</th><th scope="col">年度</th><th scope="col">受付期間</th><th scope="col">対象</th><th scope="col">状態</th><th scope="col">提出数</th></tr></thead>
  <tbody>
  <?cs each:r = Page.Rounds ?>
  <tr><td><a href="/admin/wishes/<?cs var:r.Id ?>"><?cs var:r.Title ?></a></td><td><?cs var:r.Year ?></td><td><?cs var:r.Opens ?> 〜 <?cs var:r.Closes ?></td><td><?cs var:r.Target ?></td><td><?cs var:r.StateLabel ?></td><td><?cs var:r.Submitted ?></td></tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<?cs if:subcount(Page.Errors) > 0 ?>
<div class="alert" role="alert">
  <p><strong>入力内容を確認してください（<?cs var:subcount(Page.Errors) ?>件）</strong></p>
  <ul><?cs each:e = Page.Errors ?><li><a href="#f-<?cs var:e.Field ?>"><?cs var:e.Message ?></a></li><?cs /each ?></ul>
</div>
<?cs /if ?>
<form method="post" action="/admin/wishes" class="card">
  <h2>調査を実施する</h2>
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <div class="grid-form">
    <div class="field<?cs if:Page.FieldErr.fiscal_year ?> has-error<?cs /if ?>"><label for="f-fiscal_year">年度（西暦）</label><input id="f-fiscal_year" name="fiscal_year" type="text" inputmode="numeric" value="<?cs var:Page.V.fiscal_year ?>"></div>
    <div class="field<?cs if:Page.FieldErr.title ?> has-error<?cs /if ?>"><label for="f-title">調査名</label><input id="f-title" name="title" type="text" maxlength="100" value="<?cs var:Page.V.title ?>"></div>
    <div class="field<?cs if:Page.FieldErr.opens_on ?> has-error<?cs /if ?>"><label for="f-opens_on">受付開始日</label><input id="f-opens_on" name="opens_on" type="text" value="<?cs var:Page.V.opens_on ?>" aria-describedby="d-fmt"></div>
    <div class="field<?cs if:Page.FieldErr.closes_on ?> has-error<?cs /if ?>"><label for="f-closes_on">締切日</label><input id="f-closes_on" name="closes_on" type="text" value="<?cs var:Page.V.closes_on ?>" aria-describedby="d-fmt"></div>
    <div class="field<?cs if:Page.FieldErr.target ?> has-error<?cs /if ?>"><label for="f-target">対象</label>
      <select id="f-target" name="target">
        <option value="all"<?cs if:Page.V.target == "all" ?> selected<?cs /if ?>>全職員</option>
        <option value="unit"<?cs if:Page.V.target == "unit" ?> selected<?cs /if ?>>所属（下位組織を含む）</option>
        <option value="etype"<?cs if:Page.V.target == "etype" ?> selected<?cs /if ?>>職員区分</option></select></div>
    <div class="field<?cs if:Page.FieldErr.unit ?> has-error<?cs /if ?>"><label for="f-unit">対象の所属</label>
      <select id="f-unit" name="unit"><option value="">―</option><?cs each:u = Page.Opt.Units ?><option value="<?cs var:u.Code ?>"<?cs if:Page.V.unit == u.Code ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?></select></div>
    <div class="field<?cs if:Page.FieldErr.etype ?> has-error<?cs /if ?>"><label for="f-etype">対象の職員区分</label>
      <select id="f-etype" name="etype"><option value="">―</option><?cs each:u = Page.Opt.Etypes ?><option value="<?cs var:u.Code ?>"<?cs if:Page.V.etype == u.Code ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?></select></div>
  </div>
  <p class="note" id="d-fmt">日付は西暦（2026-12-01）・和暦（R8.12.1）のどちらでも入力できます。</p>
  <button type="submit" class="primary">調査を登録</button>
</form>
