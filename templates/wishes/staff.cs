<?cs include:"wishes/answer.cs" ?>
<h1><?cs var:Page.Person.Name ?>さんの意向（<?cs var:Page.Round.Title ?>・<?cs var:Page.Round.Year ?>年度）</h1>
<p class="lead">職員番号 <?cs var:Page.Person.No ?> ・ <a href="/staff/<?cs var:Page.Person.Id ?>">プロフィール</a><?cs if:Page.Answer.SubmittedAt ?> ・ 提出 <?cs var:Page.Answer.SubmittedAt ?>（最終更新 <?cs var:Page.Answer.UpdatedAt ?>）<?cs /if ?></p>
<?cs if:Page.Saved ?><p class="ok" role="status">コメントを保存しました。</p><?cs /if ?>
<section class="card" aria-labelledby="h-ans">
  <h2 id="h-ans">回答</h2>
  <?cs if:subcount(Page.Items) > 0 ?>
  <?cs call:answer_items(Page.Items) ?>
  <?cs if:Page.Conf == "0" ?><p class="note">人事担当のみが閲覧できる設問は表示していません。</p><?cs /if ?>
  <?cs else ?><p class="note">まだ提出されていません。</p><?cs /if ?>
</section>
<section class="card" aria-labelledby="h-com">
  <h2 id="h-com">所属長コメント</h2>
  <?cs if:subcount(Page.Comments) > 0 ?>
  <ul class="records"><?cs each:m = Page.Comments ?><li><strong><?cs var:m.Author ?></strong>（<?cs var:m.At ?>）<p class="pre"><?cs var:m.Body ?></p></li><?cs /each ?></ul>
  <?cs else ?><p class="note">コメントはありません。</p><?cs /if ?>
  <?cs if:Page.CanComment == "1" ?>
  <form method="post" action="/wishes/<?cs var:Page.Round.Id ?>/staff/<?cs var:Page.Person.Id ?>/comment">
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="field"><label for="f-comment">あなたのコメント（本人には表示されません。空にして保存すると削除）</label>
      <textarea id="f-comment" name="comment" rows="4" maxlength="2000"><?cs var:Page.MyComment ?></textarea></div>
    <button type="submit" class="primary">コメントを保存</button>
  </form>
  <?cs /if ?>
</section>
<p><a href="/wishes/team?round=<?cs var:Page.Round.Id ?>">所属職員の一覧へ戻る</a></p>
