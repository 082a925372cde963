<h1><?cs var:User.Name ?> さん、こんにちは</h1>
<p class="lead">あなたの権限は「<?cs var:User.RoleLabel ?>」です。利用できる機能は上のメニューにあります。</p>
<ul class="cards">
  <?cs each:m = Menu ?>
  <?cs if:m.Href != "/" ?>
  <li class="card"><a href="<?cs var:m.Href ?>"><?cs var:m.Label ?></a></li>
  <?cs /if ?>
  <?cs /each ?>
</ul>
<section class="card">
  <h2>お知らせ</h2>
  <?cs if:Page.IsAdmin == "1" ?>
  <p>システム管理者として、アカウントと設定を管理できます。人事評価の閲覧には人事担当の権限が必要です。</p>
  <?cs elif:Page.IsHr == "1" ?>
  <p>人事担当として、職員情報の登録・更新、取込、集計を行えます。</p>
  <?cs else ?>
  <p>職員名簿で同僚の経歴やスキルを閲覧し、自分の自己紹介やスキルを登録できます。</p>
  <?cs /if ?>
</section>
