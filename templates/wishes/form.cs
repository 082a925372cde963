<?cs include:"wishes/answer.cs" ?>
<h1><?cs var:Page.Round.Title ?>（<?cs var:Page.Round.Year ?>年度）</h1>
<p class="lead">受付 <?cs var:Page.Round.Opens ?> 〜 <?cs var:Page.Round.Closes ?>（<?cs var:Page.Round.StateLabel ?>）・ あなたの回答: <strong><?cs var:Page.Answer.StatusLabel ?></strong><?cs if:Page.Answer.SubmittedAt ?>（提出 <?cs var:Page.Answer.SubmittedAt ?>、最終更新 <?cs var:Page.Answer.UpdatedAt ?>）<?cs /if ?></p>
<?cs if:Page.Saved == "submit" ?><p class="ok" role="status">提出しました。締切までは修正して再提出できます。</p><?cs /if ?>
<?cs if:Page.Saved == "draft" ?><p class="ok" role="status">下書きを保存しました。上司・人事担当には、提出するまで表示されません。</p><?cs /if ?>
<?cs if:subcount(Page.Errors) > 0 ?>
<div class="alert" role="alert">
  <p><strong>入力内容を確認してください（<?cs var:subcount(Page.Errors) ?>件）</strong></p>
  <ul><?cs each:e = Page.Errors ?><li><?cs if:e.Field ?><a href="#f-<?cs var:e.Field ?>"><?cs var:e.Message ?></a><?cs else ?><?cs var:e.Message ?><?cs /if ?></li><?cs /each ?></ul>
</div>
<?cs /if ?>
<?cs if:Page.Open == "1" ?>
<form method="post" action="/wishes/<?cs var:Page.Round.Id ?>" class="card wish-form">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <?cs each:q = Page.Q ?>
  <?cs set:n = "w_" + q.Key ?>
  <fieldset class="question<?cs if:q.Confidential == "1" ?> confidential<?cs /if ?>">
    <legend><?cs var:q.Label ?><?cs if:q.Required == "1" ?> <span class="req">（提出時必須）</span><?cs /if ?><?cs if:q.Confidential == "1" ?> <span class="badge bad">人事担当のみ閲覧</span><?cs /if ?></legend>
    <?cs if:q.Help ?><p class="note" id="h-<?cs var:n ?>"><?cs var:q.Help ?></p><?cs /if ?>
    <?cs if:q.Type == "transfer" ?>
      <?cs set:cn = n + "_choice" ?>
      <?cs if:Page.FieldErr[cn] ?><p class="err" id="e-<?cs var:cn ?>"><?cs var:Page.FieldErr[cn] ?></p><?cs /if ?>
      <div class="choices" id="f-<?cs var:cn ?>">
        <label class="check"><input type="radio" name="<?cs var:cn ?>" value="stay"<?cs if:Page.V[cn] == "stay" ?> checked<?cs /if ?>> 現所属での継続を希望</label>
        <label class="check"><input type="radio" name="<?cs var:cn ?>" value="any"<?cs if:Page.V[cn] == "any" ?> checked<?cs /if ?>> 異動を希望（所属は問わない）</label>
        <label class="check"><input type="radio" name="<?cs var:cn ?>" value="units"<?cs if:Page.V[cn] == "units" ?> checked<?cs /if ?>> 希望する所属への異動を希望（下で選択）</label>
      </div>
      <?cs each:k = Page.Ranks ?>
      <?cs set:un = n + "_unit" + k.N ?><?cs set:rn = n + "_reason" + k.N ?>
      <div class="rank">
        <div class="field<?cs if:Page.FieldErr[un] ?> has-error<?cs /if ?>">
          <label for="f-<?cs var:un ?>">第<?cs var:k.N ?>希望の所属</label>
          <?cs if:Page.FieldErr[un] ?><span class="err" id="e-<?cs var:un ?>"><?cs var:Page.FieldErr[un] ?></span><?cs /if ?>
          <select id="f-<?cs var:un ?>" name="<?cs var:un ?>"<?cs if:Page.FieldErr[un] ?> aria-invalid="true" aria-describedby="e-<?cs var:un ?>"<?cs /if ?>><option value="">（選択しない）</option>
            <?cs each:u = Page.Opt.Units ?><option value="<?cs var:u.Code ?>"<?cs if:Page.V[un] == u.Code ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
          </select>
        </div>
        <div class="field<?cs if:Page.FieldErr[rn] ?> has-error<?cs /if ?>">
          <label for="f-<?cs var:rn ?>">第<?cs var:k.N ?>希望の理由</label>
          <?cs if:Page.FieldErr[rn] ?><span class="err" id="e-<?cs var:rn ?>"><?cs var:Page.FieldErr[rn] ?></span><?cs /if ?>
          <textarea id="f-<?cs var:rn ?>" name="<?cs var:rn ?>" rows="2" maxlength="<?cs var:q.Max ?>"<?cs if:Page.FieldErr[rn] ?> aria-invalid="true" aria-describedby="e-<?cs var:rn ?>"<?cs /if ?>><?cs var:Page.V[rn] ?></textarea>
        </div>
      </div>
      <?cs /each ?>
    <?cs elif:q.Type == "choice" ?>
      <?cs if:Page.FieldErr[n] ?><p class="err" id="e-<?cs var:n ?>"><?cs var:Page.FieldErr[n] ?></p><?cs /if ?>
      <div class="choices" id="f-<?cs var:n ?>">
      <?cs each:o = q.Options ?><label class="check"><input type="radio" name="<?cs var:n ?>" value="<?cs var:o.Code ?>"<?cs if:Page.V[n] == o.Code ?> checked<?cs /if ?>> <?cs var:o.Label ?></label><?cs /each ?>
      </div>
    <?cs else ?>
      <div class="field<?cs if:Page.FieldErr[n] ?> has-error<?cs /if ?>">
        <label for="f-<?cs var:n ?>" class="sr-only"><?cs var:q.Label ?></label>
        <?cs if:Page.FieldErr[n] ?><span class="err" id="e-<?cs var:n ?>"><?cs var:Page.FieldErr[n] ?></span><?cs /if ?>
        <?cs if:q.Type == "text" ?>
        <input type="text" id="f-<?cs var:n ?>" name="<?cs var:n ?>" maxlength="<?cs var:q.Max ?>" value="<?cs var:Page.V[n] ?>"<?cs if:Page.FieldErr[n] ?> aria-invalid="true" aria-describedby="e-<?cs var:n ?>"<?cs elif:q.Help ?> aria-describedby="h-<?cs var:n ?>"<?cs /if ?>>
        <?cs else ?>
        <textarea id="f-<?cs var:n ?>" name="<?cs var:n ?>" rows="4" maxlength="<?cs var:q.Max ?>"<?cs if:Page.FieldErr[n] ?> aria-invalid="true" aria-describedby="e-<?cs var:n ?>"<?cs elif:q.Help ?> aria-describedby="h-<?cs var:n ?>"<?cs /if ?>><?cs var:Page.V[n] ?></textarea>
        <?cs /if ?>
        <small><?cs var:q.Max ?>文字まで</small>
      </div>
    <?cs /if ?>
  </fieldset>
  <?cs /each ?>
  <div class="actions">
    <?cs if:Page.Answer.Status != "submitted" ?><button type="submit" name="action" value="draft">下書き保存</button><?cs /if ?>
    <button type="submit" name="action" value="submit" class="primary"><?cs if:Page.Answer.Status == "submitted" ?>修正して再提出<?cs else ?>提出する<?cs /if ?></button>
  </div>
</form>
<?cs else ?>
<section class="card" aria-labelledby="h-ans">
  <h2 id="h-ans">あなたの回答</h2>
  <?cs if:Page.Round.State == "closed" ?><p class="note">この調査は締め切られました。回答は変更できません。</p><?cs /if ?>
  <?cs if:subcount(Page.Items) > 0 ?><?cs call:answer_items(Page.Items) ?><?cs else ?><p class="note">回答はありません。</p><?cs /if ?>
</section>
<?cs /if ?>
<p><a href="/wishes">意向調査の一覧へ戻る</a></p>
