<?cs # the unit and date (and fiscal year) chooser shared by the duty pages, and their sub-menu ?>
<form method="get" action="<?cs var:Page.Path ?>" class="inline-form duty-pick">
  <label for="f-pick-unit">所属</label>
  <select id="f-pick-unit" name="unit">
    <?cs if:!Page.Unit.Code ?><option value="">選択してください</option><?cs /if ?>
    <?cs each:o = Page.Opt.Units ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.Unit.Code ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
  </select>
  <?cs if:Page.Fy ?>
  <label for="f-pick-fy">年度</label>
  <input id="f-pick-fy" name="fy" type="text" inputmode="numeric" value="<?cs var:Page.Fy ?>" size="6">
  <?cs else ?>
  <label for="f-pick-asof">基準日</label>
  <input id="f-pick-asof" name="asof" type="text" inputmode="numeric" value="<?cs var:Page.Asof ?>" placeholder="2026-04-01 / R8.4.1" size="12">
  <?cs /if ?>
  <button type="submit">表示</button>
</form>
<?cs if:Page.Unit.Code ?>
<nav class="subnav" aria-label="事務分掌のメニュー">
  <ul>
    <li><a href="/duties?unit=<?cs var:url_escape(Page.Unit.Code) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>"<?cs if:Page.Path == "/duties" ?> aria-current="page"<?cs /if ?>>業務一覧</a></li>
    <li><a href="/duties/timeline?unit=<?cs var:url_escape(Page.Unit.Code) ?>"<?cs if:Page.Path == "/duties/timeline" ?> aria-current="page"<?cs /if ?>>スケジュール</a></li>
    <li><a href="/duties/workload?unit=<?cs var:url_escape(Page.Unit.Code) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>"<?cs if:Page.Path == "/duties/workload" ?> aria-current="page"<?cs /if ?>>業務量</a></li>
    <li><a href="/duties/risks?unit=<?cs var:url_escape(Page.Unit.Code) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>"<?cs if:Page.Path == "/duties/risks" ?> aria-current="page"<?cs /if ?>>リスク</a></li>
    <li><a href="/duties/export?kind=duties&amp;unit=<?cs var:url_escape(Page.Unit.Code) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>">CSV（業務）</a></li>
    <li><a href="/duties/export?kind=assignments&amp;unit=<?cs var:url_escape(Page.Unit.Code) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>">CSV（担当者）</a></li>
  </ul>
</nav>
<?cs /if ?>
