<h1>業務量<?cs if:Page.Unit.Name ?>（<?cs var:Page.Unit.Name ?>）<?cs /if ?></h1>
<?cs include:"duties/nav.cs" ?>
<?cs if:Page.Unit.Code ?>
<p role="status"><?cs var:Page.AsofLabel ?> 時点 ・ <?cs var:Page.Count.Staff ?> 人。従事割合の合計を 1.0（1人分）と比べます。</p>
<?cs if:subcount(Page.Units) > 0 ?>
<div class="table-wrap" role="region" aria-label="所属ごとの集計" tabindex="0"><table>
  <caption>所属ごとの集計</caption>
  <thead><tr><th scope="col">所属</th><th scope="col">人数</th><th scope="col">従事割合の計</th><th scope="col">超過（1.0超）</th><th scope="col">不足（1.0未満）</th></tr></thead>
  <tbody>
  <?cs each:u = Page.Units ?>
  <tr><th scope="row"><?cs var:u.Name ?></th><td><?cs var:u.Staff ?></td><td><?cs var:u.Shares ?></td>
    <td><?cs if:u.Over > 0 ?><strong class="badge bad"><?cs var:u.Over ?> 人</strong><?cs else ?>0 人<?cs /if ?></td>
    <td><?cs if:u.Under > 0 ?><strong class="badge warn"><?cs var:u.Under ?> 人</strong><?cs else ?>0 人<?cs /if ?></td></tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs /if ?>
<?cs if:Page.Count.Staff > 0 ?>
<div class="table-wrap" role="region" aria-label="職員ごとの業務量" tabindex="0"><table class="workload">
  <caption>職員ごとの業務量</caption>
  <thead><tr><th scope="col">氏名</th><th scope="col">所属・職位</th><th scope="col">合計</th><th scope="col">担当業務</th></tr></thead>
  <tbody>
  <?cs each:s = Page.Staff ?>
  <tr class="wl-<?cs var:s.State ?>">
    <th scope="row"><a href="/staff/<?cs var:s.Id ?>"><?cs var:s.Name ?></a></th>
    <td><?cs var:s.Unit ?> <?cs var:s.Position ?></td>
    <td><span class="wl-total"><?cs var:s.Total ?></span>
      <?cs if:s.State == "over" ?><strong class="badge bad">超過</strong><?cs elif:s.State == "under" ?><strong class="badge warn">不足</strong><?cs /if ?>
      <meter min="0" max="150" low="99" high="101" optimum="100" value="<?cs var:s.Pct ?>" aria-hidden="true"></meter></td>
    <td><?cs if:s.Detail ?><?cs var:s.Detail ?><?cs else ?>担当なし<?cs /if ?></td>
  </tr>
  <?cs /each ?>
  </tbody>
</table></div>
<?cs else ?><p class="note">この所属には基準日時点で職員がいません。</p><?cs /if ?>
<?cs else ?><p class="note">所属を選んでください。</p><?cs /if ?>
