<p><a href="/duties?unit=<?cs var:url_escape(Page.Duty.UnitCode) ?>&amp;asof=<?cs var:url_escape(Page.Asof) ?>">← <?cs var:Page.Duty.UnitName ?> の事務分掌へ</a></p>
<h1><?cs var:Page.Duty.Name ?></h1>
<?cs if:Page.Saved == "created" ?><p class="ok" role="status">業務を登録しました。</p>
<?cs elif:Page.Saved == "updated" ?><p class="ok" role="status">保存しました。</p>
<?cs elif:Page.Saved == "assigned" ?><p class="ok" role="status">担当者を登録しました。</p>
<?cs elif:Page.Saved == "ended" ?><p class="ok" role="status">担当の終了日を登録しました。</p>
<?cs elif:Page.Saved == "task" ?><p class="ok" role="status">タスクを登録しました。</p>
<?cs elif:Page.Saved == "progress" ?><p class="ok" role="status">進捗を更新しました。</p><?cs /if ?>
<?cs if:subcount(Page.Errors) > 0 ?>
<div class="alert" role="alert" tabindex="-1">
  <p><strong>入力内容を確認してください（<?cs var:subcount(Page.Errors) ?>件）</strong></p>
  <ul><?cs each:e = Page.Errors ?><li><a href="#f-<?cs var:e.Field ?>"><?cs var:e.Message ?></a></li><?cs /each ?></ul>
</div>
<?cs /if ?>

<section class="card" aria-labelledby="h-duty">
  <h2 id="h-duty">業務の概要</h2>
  <dl class="facts">
    <dt>所属</dt><dd><?cs var:Page.Duty.UnitName ?></dd>
    <dt>区分</dt><dd><?cs var:Page.Duty.Category ?></dd>
    <dt>根拠法令</dt><dd><?cs if:Page.Duty.Legal ?><?cs var:Page.Duty.Legal ?><?cs else ?>—<?cs /if ?></dd>
    <dt>業務量</dt><dd><?cs var:Page.Duty.Workload ?> 人年</dd>
    <dt>期間</dt><dd><?cs var:Page.Duty.StartLabel ?> 〜 <?cs var:Page.Duty.EndLabel ?></dd>
    <dt>状態</dt><dd><?cs var:Page.Duty.Status ?></dd>
  </dl>
  <?cs if:Page.Duty.Desc ?><p class="pre"><?cs var:Page.Duty.Desc ?></p><?cs /if ?>
  <?cs if:Page.Duty.InForce != "t" ?><p class="alert">基準日（<?cs var:Page.AsofLabel ?>）にはこの業務は実施されていません。</p><?cs /if ?>
  <?cs if:Page.Can.Edit == "1" ?><p class="actions"><a class="button" href="/duties/<?cs var:Page.Duty.Id ?>/edit">業務を編集・移管</a></p><?cs /if ?>
</section>

<section class="card" aria-labelledby="h-units">
  <h2 id="h-units">所属の履歴</h2>
  <ol class="timeline">
  <?cs each:u = Page.Units ?>
    <li><span class="when"><?cs var:u.From ?> 〜 <?cs var:u.To ?></span> <span class="what"><?cs var:u.Unit ?></span></li>
  <?cs /each ?>
  </ol>
</section>

<section class="card" aria-labelledby="h-assign" id="assign">
  <h2 id="h-assign">担当者</h2>
  <?cs if:Page.Count.Assign > 0 ?>
  <div class="table-wrap" role="region" aria-label="担当者の一覧" tabindex="0"><table class="assign-table">
    <caption class="sr-only">担当者の一覧（基準日 <?cs var:Page.AsofLabel ?>）</caption>
    <thead><tr><th scope="col">氏名</th><th scope="col">担当</th><th scope="col">従事割合</th><th scope="col">期間</th><?cs if:Page.Can.Edit == "1" ?><th scope="col">終了</th><?cs /if ?></tr></thead>
    <tbody>
    <?cs each:a = Page.Assign ?>
    <tr class="as-<?cs var:a.State ?>">
      <td><a href="/staff/<?cs var:a.StaffId ?>"><?cs var:a.Name ?></a><?cs if:a.State == "past" ?> <span class="badge">終了</span><?cs elif:a.State == "future" ?> <span class="badge warn">予定</span><?cs /if ?></td>
      <td><?cs var:a.Role ?></td><td><?cs var:a.Share ?></td>
      <td><?cs var:a.From ?> 〜 <?cs var:a.To ?></td>
      <?cs if:Page.Can.Edit == "1" ?><td><?cs if:a.State != "past" ?>
        <form method="post" action="/duties/<?cs var:Page.Duty.Id ?>/assign/<?cs var:a.Id ?>/end" class="inline-form">
          <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
          <label for="f-last-<?cs var:a.Id ?>" class="sr-only"><?cs var:a.Name ?>さんの担当終了日</label>
          <input id="f-last-<?cs var:a.Id ?>" name="last" type="text" inputmode="numeric" size="11" placeholder="終了日">
          <button type="submit">終了</button>
        </form><?cs /if ?></td><?cs /if ?>
    </tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs else ?><p class="note">担当者は登録されていません。</p><?cs /if ?>

  <?cs if:Page.Can.Edit == "1" ?>
  <form method="post" action="/duties/<?cs var:Page.Duty.Id ?>/assign" class="sub-form">
    <h3>担当者を割り当てる</h3>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="grid-form">
      <div class="field<?cs call:errclass("staff") ?>">
        <label for="f-staff">職員</label>
        <?cs call:errmsg("staff") ?>
        <select id="f-staff" name="staff"<?cs call:errattr("staff") ?>><option value="">選択してください</option>
          <?cs each:o = Page.Opt.Staff ?><option value="<?cs var:o.Code ?>"<?cs if:o.Code == Page.A.staff ?> selected<?cs /if ?>><?cs var:o.Name ?></option><?cs /each ?>
        </select>
      </div>
      <div class="field<?cs call:errclass("role") ?>">
        <label for="f-role">担当区分</label>
        <?cs call:errmsg("role") ?>
        <select id="f-role" name="role"<?cs call:errattr("role") ?>>
          <option<?cs if:Page.A.role == "主担当" ?> selected<?cs /if ?>>主担当</option>
          <option<?cs if:Page.A.role == "副担当" ?> selected<?cs /if ?>>副担当</option>
        </select>
      </div>
      <div class="field<?cs call:errclass("share") ?>">
        <label for="f-share">従事割合（0〜1）</label>
        <?cs call:errmsg("share") ?>
        <input id="f-share" name="share" type="text" inputmode="decimal" value="<?cs if:Page.A.share ?><?cs var:Page.A.share ?><?cs else ?>0.5<?cs /if ?>"<?cs call:errattr("share") ?>>
      </div>
      <div class="field<?cs call:errclass("from") ?>">
        <label for="f-from">開始日</label>
        <?cs call:errmsg("from") ?>
        <input id="f-from" name="from" type="text" inputmode="numeric" value="<?cs if:Page.A.from ?><?cs var:Page.A.from ?><?cs else ?><?cs var:Page.Asof ?><?cs /if ?>"<?cs call:errattr("from") ?>>
      </div>
      <div class="field<?cs call:errclass("to") ?>">
        <label for="f-to">終了日（任意）</label>
        <?cs call:errmsg("to") ?>
        <input id="f-to" name="to" type="text" inputmode="numeric" value="<?cs var:Page.A.to ?>"<?cs call:errattr("to") ?>>
      </div>
    </div>
    <button type="submit" class="primary">割り当てる</button>
  </form>
  <?cs /if ?>
</section>

<section class="card" aria-labelledby="h-tasks" id="tasks">
  <h2 id="h-tasks">タスク</h2>
  <?cs if:Page.Count.Tasks > 0 ?>
  <ul class="task-list">
  <?cs each:t = Page.Tasks ?>
    <li class="task st-<?cs var:t.State ?>">
      <h3 class="task-title"><?cs var:t.Title ?>
        <?cs if:t.State == "overdue" ?><strong class="badge bad">期限超過</strong><?cs elif:t.State == "soon" ?><strong class="badge warn">期限間近</strong><?cs /if ?></h3>
      <p class="task-meta"><?cs var:t.Start ?> 〜 <?cs var:t.Due ?> ・ <?cs var:t.Status ?> ・ 担当: <?cs if:t.Assignees ?><?cs var:t.Assignees ?><?cs else ?>未定<?cs /if ?></p>
      <p class="task-progress"><meter min="0" max="100" value="<?cs var:t.Progress ?>" aria-hidden="true"></meter> 進捗 <?cs var:t.Progress ?>%</p>
      <?cs if:t.Notes ?><p class="pre note"><?cs var:t.Notes ?></p><?cs /if ?>
      <?cs if:t.CanUpdate == "1" ?>
      <form method="post" action="/tasks/<?cs var:t.Id ?>" class="progress-form">
        <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
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
  <?cs else ?><p class="note">タスクは登録されていません。</p><?cs /if ?>

  <?cs if:Page.Can.Edit == "1" ?>
  <form method="post" action="/duties/<?cs var:Page.Duty.Id ?>/tasks" class="sub-form">
    <h3>タスクを追加</h3>
    <input type="hidden" name="csrf" value="<?cs var:Csrf ?>">
    <div class="grid-form">
      <div class="field wide<?cs call:errclass("title") ?>">
        <label for="f-title">タスク名</label>
        <?cs call:errmsg("title") ?>
        <input id="f-title" name="title" type="text" value="<?cs var:Page.T.title ?>"<?cs call:errattr("title") ?>>
      </div>
      <div class="field<?cs call:errclass("start_date") ?>">
        <label for="f-start_date">開始日</label>
        <?cs call:errmsg("start_date") ?>
        <input id="f-start_date" name="start_date" type="text" inputmode="numeric" value="<?cs var:Page.T.start_date ?>" placeholder="2026-04-01 / R8.4.1"<?cs call:errattr("start_date") ?>>
      </div>
      <div class="field<?cs call:errclass("due_date") ?>">
        <label for="f-due_date">期限</label>
        <?cs call:errmsg("due_date") ?>
        <input id="f-due_date" name="due_date" type="text" inputmode="numeric" value="<?cs var:Page.T.due_date ?>"<?cs call:errattr("due_date") ?>>
      </div>
      <div class="field<?cs call:errclass("progress") ?>">
        <label for="f-progress">進捗（%）</label>
        <?cs call:errmsg("progress") ?>
        <input id="f-progress" name="progress" type="number" min="0" max="100" value="<?cs if:Page.T.progress ?><?cs var:Page.T.progress ?><?cs else ?>0<?cs /if ?>"<?cs call:errattr("progress") ?>>
      </div>
      <div class="field<?cs call:errclass("status") ?>">
        <label for="f-status">状態</label>
        <?cs call:errmsg("status") ?>
        <select id="f-status" name="status"<?cs call:errattr("status") ?>>
          <option<?cs if:Page.T.status == "未着手" ?> selected<?cs /if ?>>未着手</option><option<?cs if:Page.T.status == "進行中" ?> selected<?cs /if ?>>進行中</option>
          <option<?cs if:Page.T.status == "完了" ?> selected<?cs /if ?>>完了</option><option<?cs if:Page.T.status == "保留" ?> selected<?cs /if ?>>保留</option>
        </select>
      </div>
      <div class="field wide<?cs call:errclass("notes") ?>">
        <label for="f-notes">メモ（任意）</label>
        <?cs call:errmsg("notes") ?>
        <textarea id="f-notes" name="notes" rows="2"<?cs call:errattr("notes") ?>><?cs var:Page.T.notes ?></textarea>
      </div>
    </div>
    <fieldset><legend>担当者（この業務の担当者から選択）</legend>
      <?cs each:a = Page.Assign ?><?cs if:a.State == "current" ?>
      <label class="check"><input type="checkbox" name="assignee" value="<?cs var:a.No ?>"<?cs if:Page.T.assignee[a.No] ?> checked<?cs /if ?>> <?cs var:a.Name ?></label>
      <?cs /if ?><?cs /each ?>
    </fieldset>
    <button type="submit" class="primary">タスクを追加</button>
  </form>
  <?cs /if ?>
</section>
<p><a href="/duties/timeline?unit=<?cs var:url_escape(Page.Duty.UnitCode) ?>">この所属のスケジュールを見る</a></p>
