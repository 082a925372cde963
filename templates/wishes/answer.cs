<?cs # answer.cs: one answer, read-only (items = list of Key/Label/Value/Units) ?>
<?cs def:answer_items(items) ?>
<dl class="answer">
<?cs each:it = items ?>
  <dt><?cs var:it.Label ?><?cs if:it.Confidential == "1" ?> <span class="badge bad">人事担当のみ</span><?cs /if ?></dt>
  <dd>
    <?cs if:it.Value ?><p class="pre"><?cs var:it.Value ?></p><?cs else ?><p class="note">（回答なし）</p><?cs /if ?>
    <?cs if:subcount(it.Units) > 0 ?>
    <ol class="wished">
      <?cs each:u = it.Units ?><li>第<?cs var:u.Rank ?>希望: <?cs var:u.Name ?><?cs if:u.Reason ?><span class="note pre">理由: <?cs var:u.Reason ?></span><?cs /if ?></li><?cs /each ?>
    </ol>
    <?cs /if ?>
  </dd>
<?cs /each ?>
</dl>
<?cs /def ?>
