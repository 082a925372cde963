<h1>事務分掌<?cs if:Page.Unit.Name ?>（<?cs var:Page.Unit.Name ?>）<?cs /if ?></h1>
<?cs include:"duties/nav.cs" ?>
<?cs if:Page.Unit.Code ?>
<p role="status"><?cs var:Page.Unit.Path ?> ・ <?cs var:Page.AsofLabel ?> 時点 ・ <?cs var:Page.Count.Duties ?> 業務</p>
<?cs if:Page.Can.Edit == "1" ?><p class="actions"><a class="button" href="/duties/new?unit=<?cs var:url_escape(Page.Unit.Code) ?>">業務を登録</a></p><?cs /if ?>
<?cs if:Page.Count.Duties > 0 ?>
<ul class="duty-list">
<?cs each:d = Page.Duties ?>
  <li class="card">
    <h2 class="duty-name"><a href="/duties/<?cs var:d.Id ?>?asof=<?cs var:url_escape(Page.Asof) ?>"><?cs var:d.Name ?></a>
      <?cs if:d.Status != "実施中" ?><span class="badge warn"><?cs var:d.Status ?></span><?cs /if ?></h2>
    <dl class="facts">
      <dt>区分</dt><dd><?cs var:d.Category ?></dd>
      <?cs if:d.Legal ?><dt>根拠法令</dt><dd><?cs var:d.Legal ?></dd><?cs /if ?>
      <dt>業務量</dt><dd><?cs var:d.Workload ?> 人年（担当者の従事割合の計 <?cs var:d.Shares ?>）</dd>
      <dt>主担当</dt><dd><?cs if:d.Main ?><?cs var:d.Main ?><?cs else ?><strong class="badge bad">主担当なし</strong><?cs /if ?></dd>
      <?cs if:d.Sub ?><dt>副担当</dt><dd><?cs var:d.Sub ?></dd><?cs /if ?>
      <dt>未完了タスク</dt><dd><?cs var:d.Open ?> 件</dd>
    </dl>
  </li>
<?cs /each ?>
</ul>
<?cs else ?><p class="note">この所属には、基準日時点で登録された業務がありません。</p><?cs /if ?>
<?cs else ?>
<p class="note">所属を選んでください。</p>
<?cs /if ?>
<p><a href="/tasks">自分の担当タスクを見る</a></p>
