using System.Globalization;

namespace StudyEdc.Cli.Commands;

/// <summary>The rows of a CSV analysis dataset turned into labels, scores and cluster ids, per group and pooled.</summary>
internal sealed record StatsDataset(StatsDataset.Source Description, IReadOnlyList<StatsDataset.RowGroup> Groups, bool HasClusters)
{
    public const string PooledName = "pooled";

    /// <summary>Builds the groups: one per distinct value of the group column (ordinal order), then all rows pooled.</summary>
    /// <exception cref="StatsInputException">A column is missing, a label is empty, or a score is not a finite number.</exception>
    public static StatsDataset Create(
        StatsCsvTable table, string labelColumn, string positiveValue, string[] scoreColumns, string? groupColumn, string? clusterColumn)
    {
        var labelIndex = table.Column(labelColumn, "--label");
        var scoreIndexes = scoreColumns.Select(column => table.Column(column, "--score")).ToArray();
        var groupIndex = groupColumn is null ? -1 : table.Column(groupColumn, "--group");
        var clusterIndex = clusterColumn is null ? -1 : table.Column(clusterColumn, "--cluster");

        var labels = new bool[table.Rows.Count];
        var scores = scoreIndexes.Select(_ => new double[table.Rows.Count]).ToArray();
        var clusters = new int[clusterIndex < 0 ? 0 : table.Rows.Count];
        var clusterIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < table.Rows.Count; row++)
        {
            var fields = table.Rows[row];
            labels[row] = ParseLabel(table, row, fields[labelIndex], labelColumn, positiveValue);
            for (var s = 0; s < scoreIndexes.Length; s++)
            {
                scores[s][row] = ParseScore(table, row, fields[scoreIndexes[s]], scoreColumns[s]);
            }

            if (clusterIndex >= 0)
            {
                var id = fields[clusterIndex];
                if (!clusterIds.TryGetValue(id, out var cluster))
                {
                    cluster = clusterIds.Count;
                    clusterIds.Add(id, cluster);
                }

                clusters[row] = cluster;
            }
        }

        var groups = new List<RowGroup>();
        if (groupIndex >= 0)
        {
            var names = table.Rows.Select(fields => fields[groupIndex]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var rows = Enumerable.Range(0, table.Rows.Count).Where(row => table.Rows[row][groupIndex] == name).ToArray();
                groups.Add(RowGroup.Select(name, rows, labels, scores, clusters));
            }
        }

        groups.Add(new RowGroup(PooledName, labels, scores, clusters));
        var source = new Source(table.Path, labelColumn, positiveValue, scoreColumns, groupColumn, clusterColumn);
        return new StatsDataset(source, groups, clusterIndex >= 0);
    }

    private static bool ParseLabel(StatsCsvTable table, int row, string value, string column, string positiveValue)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new StatsInputException(string.Create(CultureInfo.InvariantCulture,
                $"Row {row + 2} of {table.Path} has an empty {column}; every row needs a reference-standard label. Remove the row or fill in the label."));
        }

        return value.Trim() == positiveValue;
    }

    private static double ParseScore(StatsCsvTable table, int row, string value, string column)
    {
        if (!double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
        {
            throw new StatsInputException(string.Create(CultureInfo.InvariantCulture,
                $"Row {row + 2} of {table.Path}: {column} is \"{value}\", which is not a finite number. Scores need a '.' decimal point and no missing values."));
        }

        return score;
    }

    /// <summary>The file and columns the numbers came from, echoed in the output.</summary>
    public sealed record Source(
        string Path, string LabelColumn, string PositiveValue, string[] ScoreColumns, string? GroupColumn, string? ClusterColumn);

    /// <summary>The rows of one group. <see cref="Clusters"/> is empty when no cluster column was given.</summary>
    public sealed record RowGroup(string Name, bool[] Labels, double[][] Scores, int[] Clusters)
    {
        public static RowGroup Select(string name, int[] rows, bool[] labels, double[][] scores, int[] clusters) => new(
            name,
            rows.Select(row => labels[row]).ToArray(),
            scores.Select(column => rows.Select(row => column[row]).ToArray()).ToArray(),
            clusters.Length == 0 ? [] : rows.Select(row => clusters[row]).ToArray());
    }
}
