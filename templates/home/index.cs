<h1><?cs var:User.Name ?> さん、こんにちは</h1>
<p class="lead">あなたの権限は「<?cs var:User.RoleLabel ?>」です。利用できる機能は上のメニューにあります。</p>
<?cs if:subcount(Announce) > 0 ?>
<section class="card announce" aria-labelledby="announce-h">
  <h2 id="announce-h">システムのお知らせ</h2>
  <?cs each:a = Announce ?>
  <article><h3><?cs var:a.Title ?></h3>
  <p class="pre"><?cs var:a.Body ?></p>
  <p class="note">掲載は <?cs var:a.Ends ?> まで</p></article>
  <?cs /each ?>
</section>
<?cs /if ?>
<ul class="cards">
  <?cs each:m = Menu ?>
  <?cs if:m.Href != "/" ?>
  <li class="card"><a href="<?cs var:m.Href ?>"><?cs var:m.Label ?></a>
    <p><?cs if:m.Href == "/staff" ?>顔写真つきの名簿で、同僚の所属・経歴・資格・スキルを調べます。
    <?cs elif:m.Href == "/staff/new" ?>採用した職員を登録し、最初の発令を行います。
    <?cs elif:m.Href == "/org" ?>指定した日付の組織図と、各所属の人数を表示します。
    <?cs elif:m.Href == "/analytics" ?>人員構成・年齢・異動・評価を、時点と所属ごとにグラフで見ます。
    <?cs elif:m.Href == "/duties" ?>所属の事務分掌、担当者、業務量とリスクを管理します。
    <?cs elif:m.Href == "/tasks" ?>担当するタスクの期限を確認し、進捗を更新します。
    <?cs elif:m.Href == "/wishes" ?>意向調査（自己申告）に回答し、過去の回答を確認します。
    <?cs elif:m.Href == "/admin/accounts" ?>ログインアカウントと権限を管理します。
    <?cs elif:m.Href == "/admin/masters" ?>職位・職種・級・職員区分・資格・研修・スキルを管理します。
    <?cs elif:m.Href == "/admin/org" ?>所属の新設・改称・統合・廃止を、実施日つきで登録します。
    <?cs elif:m.Href == "/admin/audit" ?>だれが、いつ、だれの情報を閲覧・変更したかを確認します。
    <?cs elif:m.Href == "/admin/import" ?>人事給与・評価システムのCSVを取り込み、各種データを出力します。
    <?cs /if ?></p></li>
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
