<h1>アカウントの発行</h1>
<p class="lead">職員番号をログインIDとするアカウントを発行し、一人ひとりに初回ログイン用のコードを作ります。
コードの有効期限は発行から<?cs var:Page.Days ?>日です。お知らせ（A4、1人1枚）とCSVは、発行した本人だけが発行後<?cs var:Page.Minutes ?>分間だけ表示できます（コードはサーバに保存しません）。</p>
<?cs call:errsummary() ?>
<form method="post" action="/admin/accounts/issue" enctype="multipart/form-data" class="card">
  <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
  <fieldset id="f-scope"><legend>発行する対象（本日在職していて、まだアカウントのない職員）</legend>
    <label class="check"><input type="radio" name="scope" value="unit"<?cs if:Page.F.scope == "unit" ?> checked<?cs /if ?>> 所属の職員（下位の所属を含む）</label>
    <div class="field">
      <label for="f-unit">所属</label>
      <select id="f-unit" name="unit">
        <option value="">選んでください</option>
        <?cs each:u = Page.Opt.Units ?><option value="<?cs var:u.Code ?>"<?cs if:u.Code == Page.F.unit ?> selected<?cs /if ?>><?cs var:u.Name ?></option><?cs /each ?>
      </select>
    </div>
    <label class="check"><input type="radio" name="scope" value="list"<?cs if:Page.F.scope == "list" ?> checked<?cs /if ?>> 職員番号の一覧</label>
    <div class="field">
      <label for="f-list">職員番号（1行に1つ。CSVを貼り付けた場合は各行の最初の列）</label>
      <textarea id="f-list" name="list" rows="6" maxlength="1000000"><?cs var:Page.F.list ?></textarea>
    </div>
    <div class="field">
      <label for="f-file">または CSV・テキストファイル（最初の列が職員番号）</label>
      <input id="f-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain">
    </div>
    <label class="check"><input type="radio" name="scope" value="all"<?cs if:Page.F.scope == "all" ?> checked<?cs /if ?>> 在職者全員（アカウントのない全職員）</label>
  </fieldset>
  <button type="submit" class="primary">発行する</button>
  <a href="/admin/accounts">アカウント管理へ戻る</a>
</form>
