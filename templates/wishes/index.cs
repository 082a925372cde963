<h1>意向調査（自己申告）</h1>
<p class="lead">異動の希望、挑戦したい業務、キャリアプランなどを年に一度申告します。締切までは何度でも修正できます。「人事担当のみ閲覧」の設問は上司には表示されず、暗号化して保存されます。</p>
<?cs if:Page.Linked == "0" ?><p class="alert">このアカウントは職員情報に結び付いていないため、回答はできません。</p><?cs /if ?>
<section class="card" aria-labelledby="h-mine">
  <h2 id="h-mine">あなたの調査</h2>
  <?cs if:subcount(Page.Rounds) > 0 ?>
  <ul class="rounds">
  <?cs each:r = Page.Rounds ?>
    <li>
      <a href="/wishes/<?cs var:r.Id ?>"><?cs var:r.Title ?>（<?cs var:r.Year ?>年度）</a>
      <span class="badge<?cs if:r.Status != "submitted" && r.State == "open" ?> warn<?cs /if ?>"><?cs var:r.StatusLabel ?></span>
      <span class="badge"><?cs var:r.StateLabel ?></span>
      <span class="note">受付 <?cs var:r.Opens ?> 〜 <?cs var:r.Closes ?><?cs if:r.SubmittedAt ?> ・ 提出 <?cs var:r.SubmittedAt ?><?cs /if ?></span>
    </li>
  <?cs /each ?>
  </ul>
  <?cs else ?><p class="note">対象の調査はまだありません。</p><?cs /if ?>
</section>
<section class="card" aria-labelledby="h-more">
  <h2 id="h-more">関連ページ</h2>
  <ul class="records">
    <li><a href="/wishes/team">所属職員の意向（所属長向け）</a></li>
    <?cs if:Page.IsHr == "1" ?>
    <li><a href="/admin/wishes">調査の管理（実施・回収状況・未回答者・CSV出力）</a></li>
    <li><a href="/wishes/summary">意向の分析（所属別の分布・希望の実現率）</a></li>
    <?cs /if ?>
  </ul>
</section>
