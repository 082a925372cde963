<h1>業務リスク<?cs if:Page.Unit.Name ?>（<?cs var:Page.Unit.Name ?>）<?cs /if ?></h1>
<?cs include:"duties/nav.cs" ?>
<?cs if:Page.Unit.Code ?>
<p role="status"><?cs var:Page.AsofLabel ?> 時点（下位の所属を含む）</p>
<section class="card" aria-labelledby="h-nomain">
  <h2 id="h-nomain">主担当のいない業務（<?cs var:Page.Count.NoMain ?> 件）</h2>
  <?cs if:Page.Count.NoMain > 0 ?>
  <ul class="risk-list">
  <?cs each:d = Page.NoMain ?>
    <li><a href="/duties/<?cs var:d.Id ?>?asof=<?cs var:url_escape(Page.Asof) ?>"><?cs var:d.Name ?></a> <span class="note"><?cs var:d.Unit ?><?cs if:d.Others ?> ・ 副担当: <?cs var:d.Others ?><?cs else ?> ・ 担当者なし<?cs /if ?></span></li>
  <?cs /each ?>
  </ul>
  <?cs else ?><p class="note">ありません。</p><?cs /if ?>
</section>
<section class="card" aria-labelledby="h-leaving">
  <h2 id="h-leaving">経験者が全員、退職・異動予定の業務<?cs if:Page.Show.Leaving ?>（<?cs var:Page.Count.Leaving ?> 件）<?cs /if ?></h2>
  <?cs if:Page.Show.Leaving ?>
  <p class="note">在職中の経験者（現在・過去の担当者）全員が、1年以内に退職または異動（発令予定）となる業務です。</p>
  <?cs if:Page.Count.Leaving > 0 ?>
  <ul class="risk-list">
  <?cs each:d = Page.Leaving ?>
    <li><a href="/duties/<?cs var:d.Id ?>?asof=<?cs var:url_escape(Page.Asof) ?>"><?cs var:d.Name ?></a> <span class="note"><?cs var:d.Unit ?> ・ <?cs var:d.Leaving ?></span></li>
  <?cs /each ?>
  </ul>
  <?cs else ?><p class="note">ありません。</p><?cs /if ?>
  <?cs else ?><p class="note">発令予定（将来の異動）は人事担当のみ閲覧できるため、この一覧は人事担当に表示されます。</p><?cs /if ?>
</section>
<?cs else ?><p class="note">所属を選んでください。</p><?cs /if ?>
