<article class="profile">
<header class="card person">
  <?cs if:Page.Person.Photo ?><img src="<?cs var:Page.Person.Photo ?>" alt="<?cs var:Page.Person.Name ?>さんの写真" width="128" height="128"><?cs else ?><span class="nophoto big" aria-hidden="true"></span><?cs /if ?>
  <div>
    <h1><?cs var:Page.Person.Name ?> <small class="kana"><?cs var:Page.Person.Kana ?></small></h1>
    <?cs if:Page.Person.LegalName ?><p class="note">戸籍上の氏名: <?cs var:Page.Person.LegalName ?></p><?cs /if ?>
    <?cs if:Page.Person.Alias ?><p class="note">通称: <?cs var:Page.Person.Alias ?></p><?cs /if ?>
    <?cs if:Page.Person.FormerName ?><p class="note">旧姓: <?cs var:Page.Person.FormerName ?>（<?cs var:Page.Person.FormerKana ?>）</p><?cs /if ?>
    <dl class="facts">
      <dt>職員番号</dt><dd><?cs var:Page.Person.No ?></dd>
      <dt>職員区分</dt><dd><?cs var:Page.Person.Etype ?></dd>
      <?cs each:a = Page.Assign ?>
      <dt><?cs if:a.Main == "t" ?>所属<?cs else ?><?cs var:a.Kind ?><?cs /if ?></dt>
      <dd><a href="/staff?unit=<?cs var:url_escape(a.Code) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>"><?cs var:a.Unit ?></a> <?cs var:a.Position ?></dd>
      <?cs /each ?>
      <?cs if:Page.Person.HireDate ?><dt>採用日</dt><dd><?cs var:Page.Person.HireDate ?></dd><?cs /if ?>
      <?cs if:Page.Person.RetireDate ?><dt>退職日</dt><dd><?cs var:Page.Person.RetireDate ?></dd><?cs /if ?>
    </dl>
    <?cs if:Page.Person.Active == "0" ?><p class="alert">基準日（<?cs var:Page.AsofLabel ?>）には在職していません。</p><?cs /if ?>
    <p class="note"><?cs var:Page.AsofLabel ?> 時点の情報です。</p>
    <?cs if:Page.Can.EditBasic == "1" || Page.Can.EditSelfIntro == "1" || Page.Can.EditSkills == "1" || Page.Can.EditCareer == "1" ?>
    <p class="actions"><a class="button" href="/staff/<?cs var:Page.Person.Id ?>/edit"><?cs if:Page.IsSelf == "1" ?>自分の情報を編集<?cs else ?>編集<?cs /if ?></a></p>
    <?cs /if ?>
  </div>
</header>

<?cs if:Page.Show.Contact ?>
<section class="card" aria-labelledby="h-contact">
  <h2 id="h-contact">連絡先</h2>
  <dl class="facts"><dt>メール</dt><dd><?cs var:Page.Person.Email ?></dd><dt>内線</dt><dd><?cs var:Page.Person.PhoneExt ?></dd></dl>
</section>
<?cs /if ?>

<?cs if:Page.Show.Sensitive ?>
<section class="card" aria-labelledby="h-sens">
  <h2 id="h-sens">個人情報</h2>
  <dl class="facts"><dt>生年月日</dt><dd><?cs var:Page.Person.BirthDate ?>（<?cs var:Page.Person.Age ?>歳）</dd><dt>性別</dt><dd><?cs var:Page.Person.Gender ?></dd></dl>
</section>
<?cs /if ?>

<?cs if:Page.Show.SelfIntro ?>
<section class="card" aria-labelledby="h-intro">
  <h2 id="h-intro">自己紹介</h2>
  <?cs if:Page.Person.SelfIntro ?><p class="pre"><?cs var:Page.Person.SelfIntro ?></p><?cs else ?><p class="note">登録されていません。</p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Page.Show.Career ?>
<section class="card" aria-labelledby="h-career">
  <h2 id="h-career">経歴（発令履歴）</h2>
  <ol class="timeline">
  <?cs each:e = Page.Career ?>
    <li<?cs if:e.Main != "t" ?> class="concurrent"<?cs /if ?>>
      <span class="when"><?cs var:e.From ?><?cs if:e.To ?> 〜 <?cs var:e.To ?><?cs /if ?></span>
      <span class="kind"><?cs var:e.Kind ?></span>
      <span class="what"><?cs var:e.Unit ?> <?cs var:e.Position ?><?cs if:e.Grade ?>（<?cs var:e.Grade ?>）<?cs /if ?></span>
      <?cs if:e.Remarks ?><span class="note"><?cs var:e.Remarks ?></span><?cs /if ?>
    </li>
  <?cs /each ?>
  </ol>
</section>
<?cs /if ?>

<?cs if:Page.Show.DutyHistory ?>
<section class="card" aria-labelledby="h-duties">
  <h2 id="h-duties">担当業務の履歴</h2>
  <?cs if:Page.Count.DutyHistory > 0 ?>
  <div class="table-wrap" role="region" aria-label="担当業務の履歴" tabindex="0"><table>
    <caption class="sr-only">担当業務の履歴</caption>
    <thead><tr><th scope="col">期間</th><th scope="col">業務</th><th scope="col">所属</th><th scope="col">担当</th><th scope="col">割合</th></tr></thead>
    <tbody>
    <?cs each:h = Page.DutyHistory ?>
    <tr><td><?cs var:h.From ?> 〜 <?cs var:h.To ?></td><td><a href="/duties/<?cs var:h.Id ?>"><?cs var:h.Name ?></a></td><td><?cs var:h.Unit ?></td><td><?cs var:h.Role ?></td><td><?cs var:h.Share ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="note">登録されていません。</p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Page.Show.Quals ?>
<section class="card" aria-labelledby="h-quals">
  <h2 id="h-quals">資格・免許</h2>
  <?cs if:Page.Count.Quals > 0 ?>
  <div class="table-wrap" role="region" aria-label="資格・免許の一覧" tabindex="0"><table>
    <caption class="sr-only">資格・免許の一覧</caption>
    <thead><tr><th scope="col">資格</th><th scope="col">分類</th><th scope="col">取得日</th><th scope="col">有効期限</th><th scope="col">登録番号</th></tr></thead>
    <tbody>
    <?cs each:q = Page.Quals ?>
    <tr class="q-<?cs var:q.State ?>"><td><?cs var:q.Name ?></td><td><?cs var:q.Category ?></td><td><?cs var:q.Acquired ?></td>
      <td><?cs var:q.Expires ?><?cs if:q.State == "expired" ?> <strong class="badge bad">期限切れ</strong><?cs elif:q.State == "soon" ?> <strong class="badge warn">まもなく期限</strong><?cs /if ?></td><td><?cs var:q.RegNo ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="note">登録されていません。</p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Page.Show.Skills ?>
<section class="card" aria-labelledby="h-skills">
  <h2 id="h-skills">スキル</h2>
  <?cs if:Page.Count.Skills > 0 ?>
  <ul class="skills">
  <?cs each:k = Page.Skills ?>
    <li><span class="skill-name"><?cs var:k.Area ?> › <?cs var:k.Name ?></span>
      <span class="level">Lv.<?cs var:k.Level ?><span class="sr-only">（5段階）</span></span>
      <meter min="1" max="5" value="<?cs var:k.Level ?>" aria-hidden="true"></meter>
      <?cs if:k.Evidence ?><span class="note"><?cs var:k.Evidence ?></span><?cs /if ?></li>
  <?cs /each ?>
  </ul>
  <?cs else ?><p class="note">登録されていません。</p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Page.Show.Training ?>
<section class="card" aria-labelledby="h-training">
  <h2 id="h-training">研修履歴</h2>
  <?cs if:Page.Count.Training > 0 ?>
  <div class="table-wrap" role="region" aria-label="研修履歴の一覧" tabindex="0"><table>
    <caption class="sr-only">研修履歴の一覧</caption>
    <thead><tr><th scope="col">研修</th><th scope="col">分類</th><th scope="col">期間</th><th scope="col">時間</th><th scope="col">結果</th></tr></thead>
    <tbody>
    <?cs each:t = Page.Training ?>
    <tr><td><?cs var:t.Name ?></td><td><?cs var:t.Category ?></td><td><?cs var:t.Start ?> 〜 <?cs var:t.End ?></td><td><?cs var:t.Hours ?></td><td><?cs var:t.Result ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="note">登録されていません。</p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Page.Show.Evals ?>
<section class="card" aria-labelledby="h-evals">
  <h2 id="h-evals">人事評価</h2>
  <?cs if:Page.Count.Evals > 0 ?>
  <div class="table-wrap" role="region" aria-label="人事評価の一覧" tabindex="0"><table>
    <caption class="sr-only">人事評価の一覧</caption>
    <thead><tr><th scope="col">年度</th><th scope="col">期</th><th scope="col">区分</th><th scope="col">評語</th><th scope="col">点数</th><th scope="col">評価者コメント</th></tr></thead>
    <tbody>
    <?cs each:v = Page.Evals ?>
    <tr><td><?cs var:v.Year ?>年度</td><td><?cs var:v.Period ?></td><td><?cs var:v.Kind ?></td><td><?cs var:v.Grade ?></td><td><?cs var:v.Score ?></td><td><?cs var:v.Comment ?></td></tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="note">登録されていません。</p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Page.Show.Wishes ?>
<section class="card" aria-labelledby="h-wishes">
  <h2 id="h-wishes">意向（自己申告）</h2>
  <?cs if:subcount(Page.Wishes) > 0 ?>
  <?cs each:w = Page.Wishes ?>
  <h3><?cs var:w.Round ?>（<?cs var:w.Year ?>年度）<?cs if:w.Status != "submitted" ?> <span class="badge warn">下書き</span><?cs else ?> <span class="note">提出 <?cs var:w.Submitted ?></span><?cs /if ?></h3>
  <dl class="answer">
  <?cs each:it = w.Items ?>
    <dt><?cs var:it.Label ?><?cs if:it.Confidential == "1" ?> <span class="badge bad">人事担当のみ</span><?cs /if ?></dt>
    <dd><?cs if:it.Value ?><span class="pre"><?cs var:it.Value ?></span><?cs else ?><span class="note">（回答なし）</span><?cs /if ?>
      <?cs if:subcount(it.Units) > 0 ?><ol class="wished"><?cs each:u = it.Units ?><li>第<?cs var:u.Rank ?>希望: <?cs var:u.Name ?><?cs if:u.Reason ?><span class="note pre">理由: <?cs var:u.Reason ?></span><?cs /if ?></li><?cs /each ?></ol><?cs /if ?></dd>
  <?cs /each ?>
  </dl>
  <?cs /each ?>
  <?cs else ?><p class="note">提出された意向はありません。</p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Page.Show.Viewers ?>
<section class="card" aria-labelledby="h-viewers">
  <h2 id="h-viewers">あなたのプロフィールを見た人</h2>
  <?cs if:subcount(Page.Viewers) > 0 ?>
  <ul class="viewers"><?cs each:w = Page.Viewers ?><li><?cs var:w.At ?> ・ <?cs var:w.Who ?></li><?cs /each ?></ul>
  <?cs else ?><p class="note">まだ閲覧されていません。</p><?cs /if ?>
</section>
<?cs /if ?>
</article>
