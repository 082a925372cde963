<?cs # the fields of a master form (list page: add; edit page: the code is fixed) ?>
<div class="grid-form">
<?cs each:f = Page.Fields ?>
<?cs if:f.Input != "code" || !Page.Code ?>
  <div class="field<?cs if:f.Err ?> has-error<?cs /if ?><?cs if:f.Input == "text" && #f.Max > #60 ?> wide<?cs /if ?>">
  <?cs if:f.Input == "check" ?>
    <span class="label"><?cs var:f.Label ?></span>
    <?cs if:f.Err ?><span class="err" id="e-<?cs var:f.Name ?>"><?cs var:f.Err ?></span><?cs /if ?>
    <label class="check" for="f-<?cs var:f.Name ?>"><input type="checkbox" id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" value="1"<?cs if:f.Value == "1" ?> checked<?cs /if ?>> <?cs var:f.Help ?></label>
  <?cs else ?>
    <label for="f-<?cs var:f.Name ?>"><?cs var:f.Label ?><?cs if:f.Required == "1" ?> <span class="req">（必須）</span><?cs /if ?></label>
    <?cs if:f.Err ?><span class="err" id="e-<?cs var:f.Name ?>"><?cs var:f.Err ?></span><?cs /if ?>
    <?cs if:f.Input == "parent" ?>
    <select id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" aria-describedby="<?cs if:f.Err ?>e-<?cs var:f.Name ?> <?cs /if ?>h-<?cs var:f.Name ?>"<?cs if:f.Err ?> aria-invalid="true"<?cs /if ?>>
      <option value="">（なし：最上位の分野）</option>
      <?cs each:o = Page.Opt.Parents ?><?cs if:o.Code != Page.Code ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == f.Value ?> selected<?cs /if ?>><?cs loop:i = #1, #o.Depth, #1 ?>　<?cs /loop ?><?cs var:o.Name ?></option><?cs /if ?><?cs /each ?>
    </select>
    <?cs else ?>
    <input id="f-<?cs var:f.Name ?>" name="<?cs var:f.Name ?>" type="text" value="<?cs var:f.Value ?>"<?cs if:f.Input == "number" ?> inputmode="numeric"<?cs elif:f.Input == "decimal" ?> inputmode="decimal"<?cs elif:f.Input == "code" ?> autocapitalize="off" spellcheck="false"<?cs /if ?><?cs if:f.Required == "1" ?> aria-required="true"<?cs /if ?> autocomplete="off"<?cs if:f.Help || f.Err ?> aria-describedby="<?cs if:f.Err ?>e-<?cs var:f.Name ?><?cs if:f.Help ?> <?cs /if ?><?cs /if ?><?cs if:f.Help ?>h-<?cs var:f.Name ?><?cs /if ?>"<?cs /if ?><?cs if:f.Err ?> aria-invalid="true"<?cs /if ?><?cs if:f.Name == "category" ?> list="dl-category"<?cs /if ?>>
    <?cs if:f.Name == "category" ?><datalist id="dl-category"><?cs each:o = Page.Opt.Categories ?><option value="<?cs var:o ?>"></option><?cs /each ?></datalist><?cs /if ?>
    <?cs /if ?>
    <?cs if:f.Help ?><small id="h-<?cs var:f.Name ?>"><?cs var:f.Help ?></small><?cs /if ?>
  <?cs /if ?>
  </div>
<?cs /if ?>
<?cs /each ?>
</div>
