<h1>担当タスク</h1>
<?cs if:Page.Saved == "progress" ?><p class="ok" role="status">進捗を更新しました。</p><?cs /if ?>
<?cs if:Page.NoStaff ?>
<p class="note">このアカウントは職員情報と結びついていないため、担当タスクはありません。</p>
<?cs else ?>
<p role="status"><?cs var:Page.Count.Tasks ?> 件<?cs if:Page.Count.Overdue > 0 ?> ・ <strong class="badge bad">期限超過 <?cs var:Page.Count.Overdue ?> 件</strong><?cs /if ?><?cs if:Page.Count.Soon > 0 ?> ・ <strong class="badge warn">期限間近（7日以内） <?cs var:Page.Count.Soon ?> 件</strong><?cs /if ?></p>
<?cs if:Page.Count.Tasks > 0 ?>
<ul class="task-list">
<?cs each:t = Page.Tasks ?>
  <li class="card task st-<?cs var:t.State ?>">
    <h2 class="task-title"><?cs var:t.Title ?>
      <?cs if:t.State == "overdue" ?><strong class="badge bad">期限超過</strong><?cs elif:t.State == "soon" ?><strong class="badge warn">期限間近</strong><?cs elif:t.State == "done" ?><span class="badge">完了</span><?cs /if ?></h2>
    <p class="task-meta">業務: <a href="/duties/<?cs var:t.DutyId ?>#tasks"><?cs var:t.Duty ?></a> ・ <?cs var:t.Start ?> 〜 <?cs var:t.Due ?> ・ <?cs var:t.Status ?></p>
    <p class="task-progress"><meter min="0" max="100" value="<?cs var:t.Progress ?>" aria-hidden="true"></meter> 進捗 <?cs var:t.Progress ?>%</p>
    <?cs if:t.CanUpdate == "1" ?>
    <form method="post" action="/tasks/<?cs var:t.Id ?>" class="progress-form">
      <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
      <input type="hidden" name="back" value="mine">
      <label for="p-<?cs var:t.Id ?>">進捗（%）</label>
      <input id="p-<?cs var:t.Id ?>" name="progress" type="number" min="0" max="100" step="5" value="<?cs var:t.Progress ?>">
      <label for="s-<?cs var:t.Id ?>">状態</label>
      <select id="s-<?cs var:t.Id ?>" name="status">
        <option<?cs if:t.Status == "未着手" ?> selected<?cs /if ?>>未着手</option><option<?cs if:t.Status == "進行中" ?> selected<?cs /if ?>>進行中</option>
        <option<?cs if:t.Status == "完了" ?> selected<?cs /if ?>>完了</option><option<?cs if:t.Status == "保留" ?> selected<?cs /if ?>>保留</option>
      </select>
      <label for="n-<?cs var:t.Id ?>">メモ</label>
      <input id="n-<?cs var:t.Id ?>" name="notes" type="text" value="<?cs var:t.Notes ?>">
      <button type="submit">進捗を更新</button>
    </form>
    <?cs /if ?>
  </li>
<?cs /each ?>
</ul>
<?cs else ?><p class="note">担当しているタスクはありません。</p><?cs /if ?>
<?cs /if ?>
