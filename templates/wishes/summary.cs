<h1>意向の分析</h1>
<p class="lead">提出済みの回答から、所属別の希望の分布と、翌年度4月1日の発令で希望がかなった割合（希望の実現率）を集計します。「現所属での継続」は同じ所属に残った場合、「希望所属あり」は第1〜第3希望のいずれかに配属された場合を実現とし、「所属は問わない」は数えません。</p>
<?cs if:subcount(Page.Rounds) > 0 ?>
<form method="get" action="/wishes/summary" class="card inline-form">
  <label for="s-round">調査</label>
  <select id="s-round" name="round"><?cs each:r = Page.Rounds ?><option value="<?cs var:r.Id ?>"<?cs if:r.Id == Page.Round.Id ?> selected<?cs /if ?>><?cs var:r.Title ?>（<?cs var:r.Year ?>年度）</option><?cs /each ?></select>
  <label for="s-depth">集計の単位</label>
  <select id="s-depth" name="depth"><option value="0"<?cs if:Page.F.depth == "0" ?> selected<?cs /if ?>>部</option><option value="1"<?cs if:Page.F.depth == "1" ?> selected<?cs /if ?>>課</option><option value="2"<?cs if:Page.F.depth == "2" ?> selected<?cs /if ?>>係</option></select>
  <button type="submit">集計</button>
</form>
<?cs if:Page.Round.Id ?>
<section class="card" aria-labelledby="h-dist">
  <h2 id="h-dist">希望の分布（<?cs var:Page.Round.Title ?>）</h2>
  <div class="table-wrap" tabindex="0" role="region" aria-label="希望の分布">
  <table class="staff-table">
    <caption>所属別の異動希望と庁内公募への応募意向（提出者数）</caption>
    <thead><tr><th scope="col">所属</th><th scope="col">提出</th><th scope="col">継続</th><th scope="col">異動（問わない）</th><th scope="col">希望所属あり</th><th scope="col">公募: 応募したい</th><th scope="col">公募: 内容次第</th></tr></thead>
    <tbody>
    <?cs each:d = Page.Dist ?><tr><th scope="row"><?cs var:d.Unit ?></th><td><?cs var:d.Answers ?></td><td><?cs var:d.Stay ?></td><td><?cs var:d.Any ?></td><td><?cs var:d.Units ?></td><td><?cs var:d.PostYes ?></td><td><?cs var:d.PostMaybe ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
</section>
<section class="card" aria-labelledby="h-ful">
  <h2 id="h-ful">希望の実現率（<?cs var:Page.April ?> の発令）</h2>
  <p>全体: <strong><?cs var:Page.FulTotal.Rate ?></strong>（継続 <?cs var:Page.FulTotal.Stay ?>・<?cs var:Page.FulTotal.StayRate ?>、希望所属への異動 <?cs var:Page.FulTotal.Move ?>・<?cs var:Page.FulTotal.MoveRate ?>）</p>
  <div class="table-wrap" tabindex="0" role="region" aria-label="希望の実現率">
  <table class="staff-table">
    <caption>所属別（調査時の所属）の希望の実現（実現 / 希望）</caption>
    <thead><tr><th scope="col">所属</th><th scope="col">継続の希望</th><th scope="col">希望所属への異動</th><th scope="col">実現率</th><th scope="col">退職等</th></tr></thead>
    <tbody>
    <?cs each:f = Page.Ful ?><tr><th scope="row"><?cs var:f.Unit ?></th><td><?cs var:f.Stay ?></td><td><?cs var:f.Move ?></td><td><?cs var:f.Rate ?></td><td><?cs var:f.Left ?></td></tr><?cs /each ?>
    </tbody>
  </table>
  </div>
</section>
<?cs /if ?>
<?cs else ?><p class="note">調査はまだありません。</p><?cs /if ?>
