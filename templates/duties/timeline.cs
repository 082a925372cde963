<h1>業務スケジュール<?cs if:Page.Unit.Name ?>（<?cs var:Page.Unit.Name ?>）<?cs /if ?></h1>
<?cs include:"duties/nav.cs" ?>
<?cs if:Page.Unit.Code ?>
<p role="status"><?cs var:Page.Fy ?>年度（<?cs var:Page.FyLabel ?>度）・ <?cs var:Page.Count.Rows ?> タスク</p>
<p class="pager"><a href="/duties/timeline?unit=<?cs var:url_escape(Page.Unit.Code) ?>&amp;fy=<?cs var:Page.PrevFy ?>">← <?cs var:Page.PrevFy ?>年度</a>
  <a href="/duties/timeline?unit=<?cs var:url_escape(Page.Unit.Code) ?>&amp;fy=<?cs var:Page.NextFy ?>"><?cs var:Page.NextFy ?>年度 →</a></p>
<p class="note legend"><span class="key k-ok" aria-hidden="true"></span>予定 <span class="key k-done" aria-hidden="true"></span>進捗 <span class="key k-overdue" aria-hidden="true"></span>期限超過 <span class="key k-soon" aria-hidden="true"></span>期限間近<?cs if:Page.Year.TodayX >= 0 ?> ・ 縦線は今日<?cs /if ?></p>
<?cs if:Page.Count.Rows > 0 ?>
<div class="gantt">
  <div class="gantt-row gantt-axis" aria-hidden="true">
    <span class="gantt-label"></span>
    <span class="gantt-months"><?cs each:m = Page.Months ?><span><?cs var:m.Label ?></span><?cs /each ?></span>
  </div>
  <?cs each:r = Page.Rows ?>
  <?cs if:r.First ?><h2 class="gantt-duty"><a href="/duties/<?cs var:r.DutyId ?>#tasks"><?cs var:r.Duty ?></a></h2><?cs /if ?>
  <div class="gantt-row st-<?cs var:r.State ?>">
    <p class="gantt-label"><span class="gantt-title"><?cs var:r.Title ?></span>
      <?cs if:r.State == "overdue" ?><strong class="badge bad">期限超過</strong><?cs elif:r.State == "soon" ?><strong class="badge warn">期限間近</strong><?cs /if ?>
      <span class="note"><?cs var:r.Start ?> 〜 <?cs var:r.Due ?> ・ <?cs var:r.Status ?> <?cs var:r.Progress ?>%<?cs if:r.Assignees ?> ・ <?cs var:r.Assignees ?><?cs /if ?></span></p>
    <svg class="gantt-bar" viewBox="0 0 <?cs var:Page.Year.Days ?> 20" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="track" x="0" y="0" width="<?cs var:Page.Year.Days ?>" height="20"></rect>
      <?cs each:m = Page.Months ?><line class="tick" x1="<?cs var:m.X ?>" x2="<?cs var:m.X ?>" y1="0" y2="20" vector-effect="non-scaling-stroke"></line><?cs /each ?>
      <rect class="bar" x="<?cs var:r.X ?>" y="4" width="<?cs var:r.W ?>" height="12"></rect>
      <rect class="done" x="<?cs var:r.X ?>" y="4" width="<?cs var:r.PW ?>" height="12"></rect>
      <?cs if:Page.Year.TodayX >= 0 ?><line class="today" x1="<?cs var:Page.Year.TodayX ?>" x2="<?cs var:Page.Year.TodayX ?>" y1="0" y2="20" vector-effect="non-scaling-stroke"></line><?cs /if ?>
    </svg>
  </div>
  <?cs /each ?>
</div>
<?cs else ?><p class="note">この年度のタスクはありません。</p><?cs /if ?>
<?cs else ?><p class="note">所属を選んでください。</p><?cs /if ?>
