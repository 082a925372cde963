<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.Title ?> | 釧路市 タレントマネジメントシステム</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<a class="skip" href="#main">本文へ移動</a>
<header class="site">
  <div class="brand"><a href="/">タレントマネジメント</a></div>
  <?cs if:User.Login ?>
  <div class="who">
    <span class="name"><?cs var:User.Name ?></span>
    <span class="role role-<?cs var:User.Role ?>"><?cs var:User.RoleLabel ?></span>
    <form method="post" action="/logout" class="logout">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <button type="submit">ログアウト</button>
    </form>
  </div>
  <?cs /if ?>
</header>
<?cs if:User.Login ?>
<nav class="menu" aria-label="メインメニュー">
  <ul>
  <?cs each:m = Menu ?>
    <li><a href="<?cs var:m.Href ?>"<?cs if:m.Current ?> aria-current="page"<?cs /if ?>><?cs var:m.Label ?></a></li>
  <?cs /each ?>
  </ul>
</nav>
<?cs /if ?>
<main id="main">
<?cs if:subcount(WishBanner) > 0 ?>
<div class="banner" role="region" aria-label="意向調査のお知らせ">
  <?cs each:b = WishBanner ?><p>意向調査「<a href="<?cs var:b.Href ?>"><?cs var:b.Title ?></a>」が未提出です。締切は <?cs var:b.Closes ?> です。</p><?cs /each ?>
</div>
<?cs /if ?>
<?cs # form helpers for every page: an error message next to its field, tied
   to it with aria-describedby; the error summary at the top of a form ?>
<?cs def:errclass(name) ?><?cs if:Page.FieldErr[name] ?> has-error<?cs /if ?><?cs /def ?>
<?cs def:errmsg(name) ?><?cs if:Page.FieldErr[name] ?><span class="err" id="e-<?cs var:name ?>"><?cs var:Page.FieldErr[name] ?></span><?cs /if ?><?cs /def ?>
<?cs def:errattr(name) ?><?cs if:Page.FieldErr[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?><?cs /def ?>
<?cs def:errsummary() ?><?cs if:subcount(Page.Errors) > 0 ?>
<div class="alert" role="alert" tabindex="-1">
  <p><strong>入力内容を確認してください（<?cs var:subcount(Page.Errors) ?>件）</strong></p>
  <ul><?cs each:e = Page.Errors ?><li><?cs if:e.Field ?><a href="#f-<?cs var:e.Field ?>"><?cs var:e.Message ?></a><?cs else ?><?cs var:e.Message ?><?cs /if ?></li><?cs /each ?></ul>
</div><?cs /if ?><?cs /def ?>
<?cs include:Page.Template ?>
</main>
<footer class="site">
  <p>釧路市 総務部職員課 ・ <?cs var:Page.Today ?></p>
</footer>
</body>
</html>
