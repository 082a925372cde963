<?cs include:"analytics/head.cs" ?>
<div class="charts">
<?cs include:"analytics/chart.cs" ?>
</div>
