<?cs # error summary: each message links to its field ?>
<?cs if:subcount(Page.Errors) > 0 ?>
<div class="alert" role="alert" tabindex="-1" id="errors">
  <p><strong><?cs if:Page.DeleteRefused ?>削除できませんでした<?cs else ?>入力内容を確認してください（<?cs var:subcount(Page.Errors) ?>件）<?cs /if ?></strong></p>
  <ul><?cs each:e = Page.Errors ?><li><?cs if:e.Field ?><a href="#f-<?cs var:e.Field ?>"><?cs var:e.Message ?></a><?cs else ?><?cs var:e.Message ?><?cs /if ?></li><?cs /each ?></ul>
</div>
<?cs /if ?>
