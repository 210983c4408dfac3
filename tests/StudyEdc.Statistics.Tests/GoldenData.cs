using System.Globalization;
using System.Text.Json;
using StudyEdc.TestSupport;

namespace StudyEdc.Statistics.Tests;

/// <summary>
/// The reference values computed with R's pROC (tests/data/stats/golden.json) and the CSV files they were computed
/// from. Groups are "pooled" (all rows) or a site; a patient-level group aggregates each patient's lesions as
/// label = max(label) and score = max(score), as the R script does.
/// </summary>
internal static class GoldenData
{
    public const string PatientLevel = "patient_level";

    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepositoryPaths.TestData("stats", "golden.json"))).RootElement);

    private static readonly Dictionary<string, DatasetTable> Tables = [];
    private static readonly Lock TablesLock = new();

    public static JsonElement Datasets => Root.Value.GetProperty("datasets");

    public static double CriticalValue => Root.Value.GetProperty("conventions").GetProperty("z").GetDouble();

    /// <summary>Returns (dataset, group, level) for every golden group; level is "" or <see cref="PatientLevel"/>.</summary>
    public static IEnumerable<(string Dataset, string Group, string Level)> Groups()
    {
        foreach (var dataset in Datasets.EnumerateObject())
        {
            foreach (var group in dataset.Value.GetProperty("groups").EnumerateObject())
            {
                yield return (dataset.Name, group.Name, "");
                if (group.Value.TryGetProperty(PatientLevel, out _))
                {
                    yield return (dataset.Name, group.Name, PatientLevel);
                }
            }
        }
    }

    public static IReadOnlyList<string> Predictors(string dataset) =>
        Datasets.GetProperty(dataset).GetProperty("predictors").EnumerateArray().Select(p => p.GetString()!).ToList();

    /// <summary>The thresholds of a predictor; R wrote a single threshold as a number and several as an array.</summary>
    public static double[] Thresholds(string dataset, string predictor)
    {
        var value = Datasets.GetProperty(dataset).GetProperty("thresholds").GetProperty(predictor);
        return value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetDouble()).ToArray() : [value.GetDouble()];
    }

    public static JsonElement Group(string dataset, string group, string level)
    {
        var element = Datasets.GetProperty(dataset).GetProperty("groups").GetProperty(group);
        return level.Length == 0 ? element : element.GetProperty(level);
    }

    /// <summary>Returns the rows of a group: labels, one score array per predictor, and the patient of each row.</summary>
    public static GroupRows Rows(string dataset, string group, string level)
    {
        var table = Table(dataset);
        var selected = Enumerable.Range(0, table.RowCount)
            .Where(row => group == "pooled" || table.Text("site", row) == group)
            .ToList();
        var predictors = Predictors(dataset);
        var rows = new GroupRows(
            selected.Select(row => table.Text("label", row) == "1").ToArray(),
            predictors.ToDictionary(p => p, p => selected.Select(row => table.Number(p, row)).ToArray()),
            selected.Select(row => table.Text(table.Has("patient_id") ? "patient_id" : table.Columns[0], row)).ToArray());
        return level == PatientLevel ? rows.AggregateByPatient() : rows;
    }

    private static DatasetTable Table(string dataset)
    {
        lock (TablesLock)
        {
            if (!Tables.TryGetValue(dataset, out var table))
            {
                var file = Datasets.GetProperty(dataset).GetProperty("file").GetString()!;
                table = DatasetTable.Read(RepositoryPaths.TestData("stats", file));
                Tables.Add(dataset, table);
            }

            return table;
        }
    }

    /// <summary>One group's data in row order.</summary>
    public sealed record GroupRows(bool[] IsPositive, Dictionary<string, double[]> Scores, string[] Patients)
    {
        public int[] ClusterIds()
        {
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            return Patients.Select(p => ids.TryGetValue(p, out var id) ? id : ids[p] = ids.Count).ToArray();
        }

        public GroupRows AggregateByPatient()
        {
            var patients = Patients.Distinct(StringComparer.Ordinal).ToArray();
            var rowsOf = patients.ToDictionary(p => p, p => Enumerable.Range(0, Patients.Length).Where(i => Patients[i] == p).ToArray(),
                StringComparer.Ordinal);
            return new GroupRows(
                patients.Select(p => rowsOf[p].Any(i => IsPositive[i])).ToArray(),
                Scores.ToDictionary(s => s.Key, s => patients.Select(p => rowsOf[p].Max(i => s.Value[i])).ToArray()),
                patients);
        }
    }

    /// <summary>
    /// The golden CSV files: a header row, fields optionally in double quotes, no embedded commas or quotes
    /// (checked, so a changed file fails loudly instead of being misread).
    /// </summary>
    private sealed class DatasetTable(string[] columns, List<string[]> rows)
    {
        public string[] Columns => columns;

        public int RowCount => rows.Count;

        public static DatasetTable Read(string path)
        {
            var lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToArray();
            var header = Split(lines[0]);
            var rows = lines.Skip(1).Select(Split).ToList();
            if (rows.Any(row => row.Length != header.Length))
            {
                throw new InvalidDataException($"{path} has a row whose field count differs from the header's {header.Length}.");
            }

            return new DatasetTable(header, rows);
        }

        public bool Has(string column) => Array.IndexOf(columns, column) >= 0;

        public string Text(string column, int row) => rows[row][Array.IndexOf(columns, column)];

        public double Number(string column, int row) => double.Parse(Text(column, row), NumberStyles.Float, CultureInfo.InvariantCulture);

        private static string[] Split(string line) =>
            line.Split(',').Select(field => field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1] : field).ToArray();
    }
}
