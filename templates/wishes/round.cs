<?cs include:"wishes/filters.cs" ?>
<h1><?cs var:Page.Round.Title ?>（<?cs var:Page.Round.Year ?>年度）</h1>
<p class="lead">受付 <?cs var:Page.Round.Opens ?> 〜 <?cs var:Page.Round.Closes ?>（<?cs var:Page.Round.StateLabel ?>）・ 対象: <?cs var:Page.Round.Target ?></p>
<?cs if:Page.Saved == "closed" ?><p class="ok" role="status">締め切りました。これ以降は提出・修正できません。</p><?cs /if ?>
<?cs if:Page.Saved == "queued" ?><p class="ok" role="status">未提出者<?cs var:Page.MailQueued ?>人へのリマインドメールを送信キューに登録しました。<?cs if:Page.MailWaiting != "0" ?>（<?cs var:Page.MailWaiting ?>人は前回のリマインドが送信待ちのため登録していません）<?cs /if ?>送信の結果は下の「リマインドメールの送信状況」に表示されます。</p><?cs /if ?>
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
<?cs if:Page.Mail == "1" || Page.MailQ.LastQueued != "" ?>
<section class="card" aria-labelledby="h-mail">
  <h2 id="h-mail">リマインドメールの送信状況</h2>
  <?cs if:Page.MailQ.LastQueued == "" ?>
  <p>この調査のリマインドメールはまだ登録されていません。</p>
  <?cs else ?>
  <ul>
    <li>送信待ち: <strong><?cs var:Page.MailQ.Queued ?>件</strong></li>
    <li>送信済み: <strong><?cs var:Page.MailQ.Sent ?>件</strong><?cs if:Page.MailQ.LastSent != "" ?>（最終送信 <?cs var:Page.MailQ.LastSent ?>）<?cs /if ?></li>
    <li>失敗・再送予定: <strong><?cs var:Page.MailQ.Retry ?>件</strong></li>
    <li>失敗・送信中止: <strong><?cs var:Page.MailQ.Failed ?>件</strong></li>
  </ul>
  <p class="note">最終登録 <?cs var:Page.MailQ.LastQueued ?>。送信はサーバーの送信処理（tmsctl mail-send）が順に行います。この画面を再読み込みすると最新の状況を表示します。</p>
  <?cs if:subcount(Page.MailFailed) > 0 ?>
  <div class="table-wrap" tabindex="0" role="region" aria-label="送信に失敗したリマインドメール">
  <table class="staff-table">
    <caption>送信に失敗したリマインドメール（新しい順）</caption>
    <thead><tr><th scope="col">職員番号</th><th scope="col">氏名</th><th scope="col">宛先</th><th scope="col">試行回数</th><th scope="col">理由</th><th scope="col">今後</th></tr></thead>
    <tbody>
    <?cs each:m = Page.MailFailed ?>
    <tr><td><?cs var:m.StaffNo ?></td><td><?cs var:m.Name ?></td><td><?cs var:m.Address ?></td><td><?cs var:m.Attempts ?></td><td><?cs var:m.Error ?></td><td><?cs if:m.Retry != "" ?><?cs var:m.Retry ?>に再送<?cs else ?>送信を中止しました<?cs /if ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs /if ?>
</section>
<?cs /if ?>
<section aria-labelledby="h-list">
  <h2 id="h-list">回答の検索・未提出者</h2>
  <?cs call:answer_list("/admin/wishes/" + Page.Round.Id, "/wishes/" + Page.Round.Id + "/staff/") ?>
</section>
<p><a href="/admin/wishes">調査の一覧へ戻る</a> ・ <a href="/wishes/summary?round=<?cs var:Page.Round.Id ?>">この調査の分析</a></p>
