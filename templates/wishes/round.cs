<?cs include:"wishes/filters.cs" ?>
<h1><?cs var:Page.Round.Title ?>（<?cs var:Page.Round.Year ?>年度）</h1>
<p class="lead">受付 <?cs var:Page.Round.Opens ?> 〜 <?cs var:Page.Round.Closes ?>（<?cs var:Page.Round.StateLabel ?>）・ 対象: <?cs var:Page.Round.Target ?></p>
<?cs if:Page.Saved == "closed" ?><p class="ok" role="status">締め切りました。これ以降は提出・修正できません。</p><?cs /if ?>
<?cs if:string.slice(Page.Saved, 0, 4) == "mail" ?><p class="ok" role="status">未提出者へのリマインドメールを送信しました（<?cs var:string.slice(Page.Saved, 4, 12) ?>件）。</p><?cs /if ?>
<section class="card" aria-labelledby="h-done">
  <h2 id="h-done">回収状況</h2>
  <p>全体: <strong><?cs var:Page.AllDone ?> / <?cs var:Page.AllTargets ?>人（<?cs var:Page.AllRate ?>%）</strong></p>
  <?cs if:Page.Round.State == "open" ?>
  <div class="actions">
    <?cs if:Page.Mail == "1" ?>
    <form method="post" action="/admin/wishes/<?cs var:Page.Round.Id ?>/remind"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button type="submit">未提出者にリマインドメールを送信</button></form>
    <?cs /if ?>
    <form method="post" action="/admin/wishes/<?cs var:Page.Round.Id ?>/close"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button type="submit" class="danger">今すぐ締め切る</button></form>
  </div>
  <?cs /if ?>
  <div class="table-wrap" tabindex="0" role="region" aria-label="所属別の回収状況">
  <table class="staff-table">
    <caption>所属別の回収状況（未提出者は下の一覧で「未提出」を選んで確認できます）</caption>
    <thead><tr><th scope="col">所属</th><th scope="col">対象</th><th scope="col">提出</th><th scope="col">回収率</th></tr></thead>
    <tbody>
    <?cs each:u = Page.Units ?>
    <tr><th scope="row"><a href="/admin/wishes/<?cs var:Page.Round.Id ?>?unit=<?cs var:url_escape(u.Code) ?>&amp;status=missing"><?cs var:u.Name ?></a></th><td><?cs var:u.Targets ?></td><td><?cs var:u.Done ?></td><td><?cs var:u.Rate ?>%</td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
</section>
<section aria-labelledby="h-list">
  <h2 id="h-list">回答の検索・未提出者</h2>
  <?cs call:answer_list("/admin/wishes/" + Page.Round.Id, "/wishes/" + Page.Round.Id + "/staff/") ?>
</section>
<p><a href="/admin/wishes">調査の一覧へ戻る</a> ・ <a href="/wishes/summary?round=<?cs var:Page.Round.Id ?>">この調査の分析</a></p>
