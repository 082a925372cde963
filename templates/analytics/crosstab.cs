<?cs include:"analytics/head.cs" ?>
<p class="lead">行と列に項目を選んで、人数・平均年齢・平均勤続年数を集計します。</p>
<?cs include:"analytics/chart.cs" ?>
