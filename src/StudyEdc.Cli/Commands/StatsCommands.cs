using System.CommandLine;
using System.Globalization;
using StudyEdc.Statistics;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// `studyedc stats roc` and `studyedc stats compare`: diagnostic-accuracy statistics of a CSV analysis dataset,
/// per group (for example per site) and pooled. Numbers follow R's pROC conventions: higher score means positive,
/// score ≥ threshold is test-positive, ties count ½ in the AUC.
/// </summary>
internal static class StatsCommands
{
    public static Command Create(CliContext context)
    {
        var stats = new Command("stats", "Diagnostic-accuracy statistics (AUC, DeLong, sensitivity, specificity) of a CSV analysis dataset");
        stats.Subcommands.Add(CreateRoc(context));
        stats.Subcommands.Add(CreateCompare(context));
        return stats;
    }

    private static Command CreateRoc(CliContext context)
    {
        var options = new DatasetOptions();
        var score = new Option<string>("--score") { Description = "Column with the score; a higher score means more likely positive", Required = true };
        var cluster = new Option<string?>("--cluster") { Description = "Column with the patient (cluster) id; adds the clustered AUC of Obuchowski (1997)" };
        var thresholds = new Option<double[]>("--threshold")
        {
            Description = "Decision threshold (score >= threshold is positive); repeat for several. Decimal point '.'",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("roc", "AUC with DeLong 95% CI, Youden threshold and 2x2 metrics with Wilson and exact intervals");
        options.AddTo(command);
        command.Options.Add(score);
        command.Options.Add(cluster);
        command.Options.Add(thresholds);
        command.SetAction(parseResult => Run(context, () =>
        {
            var dataset = options.Load(parseResult, [parseResult.GetValue(score)!], parseResult.GetValue(cluster));
            var results = dataset.Groups.Select(group => new StatsReportWriter.RocGroup(
                group.Name,
                group.Labels.Length,
                AccuracyAnalysis.Run(group.Scores[0], group.Labels, group.Clusters, parseResult.GetValue(thresholds) ?? [])))
                .ToList();
            var writer = new StatsReportWriter(context.Out, dataset.Description);
            if (parseResult.GetValue(options.Json))
            {
                writer.WriteRocJson(results, dataset.HasClusters);
            }
            else
            {
                writer.WriteRocText(results);
            }
        }));
        return command;
    }

    private static Command CreateCompare(CliContext context)
    {
        var options = new DatasetOptions();
        var scores = new Option<string[]>("--score")
        {
            Description = "Score column; give --score twice (first A, then B). The test is on AUC(A) - AUC(B)",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("compare", "Paired DeLong test of two correlated AUCs measured on the same rows");
        options.AddTo(command);
        command.Options.Add(scores);
        command.SetAction(parseResult => Run(context, () =>
        {
            var columns = parseResult.GetValue(scores) ?? [];
            if (columns.Length != 2)
            {
                throw new StatsInputException(string.Create(CultureInfo.InvariantCulture,
                    $"stats compare needs exactly two --score options (A and B); {columns.Length} were given."));
            }

            var dataset = options.Load(parseResult, columns, clusterColumn: null);
            var results = dataset.Groups.Select(group => new StatsReportWriter.CompareGroup(
                group.Name,
                group.Labels.Length,
                group.Labels.Count(label => label),
                DeLong.Compare(group.Scores[0], group.Scores[1], group.Labels)))
                .ToList();
            var writer = new StatsReportWriter(context.Out, dataset.Description);
            if (parseResult.GetValue(options.Json))
            {
                writer.WriteCompareJson(results, columns);
            }
            else
            {
                writer.WriteCompareText(results, columns);
            }
        }));
        return command;
    }

    private static int Run(CliContext context, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (StatsInputException exception)
        {
            context.Error.WriteLine(exception.Message);
            return 1;
        }
    }

    /// <summary>The options shared by both subcommands and the loading of the dataset they describe.</summary>
    private sealed class DatasetOptions
    {
        public Option<string> Input { get; } = new("--input") { Description = "CSV file (UTF-8, header row, comma-separated)", Required = true };

        public Option<string> Label { get; } = new("--label") { Description = "Column with the reference standard", Required = true };

        public Option<string> Positive { get; } = new("--positive")
        {
            Description = "Label value that marks a positive (case); every other value is negative",
            DefaultValueFactory = _ => "1",
        };

        public Option<string?> Group { get; } = new("--group") { Description = "Column to split by (for example the site); pooled results are always printed" };

        public Option<bool> Json { get; } = new("--json") { Description = "Print JSON (fields documented in docs/statistics.md) instead of text" };

        public void AddTo(Command command)
        {
            command.Options.Add(Input);
            command.Options.Add(Label);
            command.Options.Add(Positive);
            command.Options.Add(Group);
            command.Options.Add(Json);
        }

        public StatsDataset Load(ParseResult parseResult, string[] scoreColumns, string? clusterColumn)
        {
            var table = StatsCsvTable.Read(parseResult.GetValue(Input)!);
            return StatsDataset.Create(
                table,
                parseResult.GetValue(Label)!,
                parseResult.GetValue(Positive)!,
                scoreColumns,
                parseResult.GetValue(Group),
                clusterColumn);
        }
    }
}
