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
<?cs include:Page.Template ?>
</main>
<footer class="site">
  <p>釧路市 総務部職員課 ・ <?cs var:Page.Today ?></p>
</footer>
</body>
</html>
