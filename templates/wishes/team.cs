<?cs include:"wishes/filters.cs" ?>
<h1>所属職員の意向</h1>
<p class="lead">あなたが所属長（上司）である職員の提出済みの回答を閲覧し、コメントできます。人事担当のみが閲覧できる設問は表示されません。</p>
<?cs if:subcount(Page.Rounds) > 0 ?>
<form method="get" action="/wishes/team" class="inline-form card">
  <label for="t-round">調査</label>
  <select id="t-round" name="round"><?cs each:r = Page.Rounds ?><option value="<?cs var:r.Id ?>"<?cs if:r.Id == Page.Round.Id ?> selected<?cs /if ?>><?cs var:r.Title ?>（<?cs var:r.Year ?>年度・<?cs var:r.StateLabel ?>）</option><?cs /each ?></select>
  <button type="submit">表示</button>
</form>
<?cs if:Page.Round.Id ?>
<?cs call:answer_list("/wishes/team", "/wishes/" + Page.Round.Id + "/staff/") ?>
<?cs /if ?>
<?cs else ?><p class="note">調査はまだありません。</p><?cs /if ?>
