<?cs # filters.cs: filter form and the list of answers (Page.List), shared by team.cs and round.cs ?>
<?cs def:answer_list(action, staffbase) ?>
<form method="get" action="<?cs var:action ?>" class="card" role="search" aria-label="回答の絞り込み">
  <input type="hidden" name="round" value="<?cs var:Page.Round.Id ?>">
  <div class="grid-form">
    <div class="field"><label for="l-q">氏名・職員番号・回答の語句</label><input id="l-q" name="q" type="text" value="<?cs var:Page.F.q ?>"></div>
    <div class="field"><label for="l-status">提出状況</label>
      <select id="l-status" name="status"><option value="">すべて</option>
        <option value="submitted"<?cs if:Page.F.status == "submitted" ?> selected<?cs /if ?>>提出済み</option>
        <option value="missing"<?cs if:Page.F.status == "missing" ?> selected<?cs /if ?>>未提出</option></select></div>
    <div class="field"><label for="l-choice">異動の希望</label>
      <select id="l-choice" name="choice"><option value="">すべて</option>
        <option value="stay"<?cs if:Page.F.choice == "stay" ?> selected<?cs /if ?>>現所属での継続</option>
        <option value="any"<?cs if:Page.F.choice == "any" ?> selected<?cs /if ?>>異動（所属は問わない）</option>
        <option value="units"<?cs if:Page.F.choice == "units" ?> selected<?cs /if ?>>希望所属あり</option></select></div>
    <?cs if:subcount(Page.Units) > 0 ?>
    <div class="field"><label for="l-unit">所属（下位組織を含む）</label>
      <select id="l-unit" name="unit"><option value="">すべて</option>
        <?cs each:u = Page.Units ?><option value="<?cs var:u.Code ?>"<?cs if:Page.F.unit == u.Code ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?></select></div>
    <?cs /if ?>
  </div>
  <button type="submit" class="primary">絞り込む</button>
</form>
<div class="result-head">
  <p role="status"><?cs var:Page.Total ?>人<?cs if:Page.Pages > 1 ?>（<?cs var:Page.Page ?> / <?cs var:Page.Pages ?>ページ）<?cs /if ?></p>
  <p><a class="button" href="/wishes/<?cs var:Page.Round.Id ?>/export?<?cs var:Page.FilterQs ?>">CSVで出力（提出済み）</a></p>
</div>
<div class="table-wrap" tabindex="0" role="region" aria-label="回答の一覧">
<table class="staff-table">
  <caption>回答の一覧（50音順）</caption>
  <thead><tr><th scope="col">氏名</th><th scope="col">所属</th><th scope="col">提出</th><th scope="col">異動の希望</th><th scope="col">コメント</th></tr></thead>
  <tbody>
  <?cs each:s = Page.List ?>
  <tr>
    <td><?cs if:s.Submitted == "1" ?><a href="<?cs var:staffbase ?><?cs var:s.Id ?>"><?cs var:s.Name ?></a><?cs else ?><?cs var:s.Name ?><?cs /if ?> <span class="note"><?cs var:s.No ?></span></td>
    <td><?cs var:s.Unit ?></td>
    <td><?cs if:s.Submitted == "1" ?><?cs var:s.SubmittedAt ?><?cs else ?><span class="badge warn">未提出</span><?cs /if ?></td>
    <td><?cs var:s.Choice ?></td>
    <td><?cs if:s.Comments > 0 ?><?cs var:s.Comments ?>件<?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
<nav class="pager" aria-label="ページ送り">
  <?cs if:Page.Page > 1 ?><a rel="prev" href="?round=<?cs var:Page.Round.Id ?>&amp;<?cs var:Page.FilterQs ?>page=<?cs var:Page.Page - 1 ?>">前へ</a><?cs /if ?>
  <?cs if:Page.Page < Page.Pages ?><a rel="next" href="?round=<?cs var:Page.Round.Id ?>&amp;<?cs var:Page.FilterQs ?>page=<?cs var:Page.Page + 1 ?>">次へ</a><?cs /if ?>
</nav>
<?cs /def ?>
