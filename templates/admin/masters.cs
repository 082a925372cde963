<h1>マスタ管理</h1>
<p class="lead">職位・職種・級・職員区分・資格・研修・スキルの一覧です。ここで登録・変更した内容は、職員名簿の絞り込みやプロフィールの登録画面の選択肢にすぐに反映されます。</p>
<div class="table-wrap master-wrap" tabindex="0" role="region" aria-labelledby="cap-masters">
<table class="masters">
  <caption id="cap-masters">マスタの一覧（<?cs var:subcount(Page.Masters) ?>種類）</caption>
  <thead><tr><th scope="col">マスタ</th><th scope="col">内容</th><th scope="col">登録件数</th></tr></thead>
  <tbody>
  <?cs each:m = Page.Masters ?>
  <tr>
    <th scope="row"><a href="/admin/masters/<?cs var:m.Slug ?>"><?cs var:m.Title ?></a></th>
    <td><?cs var:m.Lead ?></td>
    <td class="num"><?cs var:m.Count ?> 件</td>
  </tr>
  <?cs /each ?>
  </tbody>
</table>
</div>
