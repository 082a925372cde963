<section class="card narrow">
  <h1><?cs var:Page.Title ?></h1>
  <p class="alert" role="alert"><?cs var:Page.Error.Message ?></p>
  <p class="code">エラーコード <?cs var:Page.Error.Status ?></p>
  <p><a href="/">ホームへ戻る</a></p>
</section>
