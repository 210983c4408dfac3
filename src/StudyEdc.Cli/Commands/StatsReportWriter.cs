using System.Globalization;
using System.Text;
using System.Text.Json;
using StudyEdc.Statistics;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// Prints `stats roc` and `stats compare` results as text or as JSON. JSON numbers are written in round-trip
/// form, undefined values as null with a "problem" object, and infinite thresholds as "Inf" / "-Inf" (R's
/// spelling). The field list is in docs/statistics.md.
/// </summary>
internal sealed class StatsReportWriter(TextWriter output, StatsDataset.Source source)
{
    /// <summary>Text output prints 10 significant digits; JSON keeps every digit.</summary>
    private const string TextFormat = "G10";

    public void WriteRocJson(IReadOnlyList<RocGroup> groups, bool clustered)
    {
        WriteJson(writer =>
        {
            WriteHeader(writer, "roc");
            writer.WriteStartArray("groups");
            foreach (var group in groups)
            {
                var summary = group.Summary;
                writer.WriteStartObject();
                writer.WriteString("group", group.Name);
                writer.WriteNumber("n", group.Count);
                writer.WriteNumber("positives", summary.Positives);
                writer.WriteNumber("negatives", summary.Negatives);
                WriteAuc(writer, summary.DeLong);
                if (clustered && summary.Clustered is not null)
                {
                    WriteClustered(writer, summary.Clustered);
                }

                WriteYouden(writer, summary.Youden);
                writer.WriteStartArray("thresholds");
                foreach (var accuracy in summary.AtThresholds)
                {
                    WriteAccuracy(writer, accuracy);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    public void WriteCompareJson(IReadOnlyList<CompareGroup> groups, string[] columns)
    {
        WriteJson(writer =>
        {
            WriteHeader(writer, "compare");
            writer.WriteStartArray("groups");
            foreach (var group in groups)
            {
                var comparison = group.Comparison;
                writer.WriteStartObject();
                writer.WriteString("group", group.Name);
                writer.WriteNumber("n", group.Count);
                writer.WriteNumber("positives", group.Positives);
                writer.WriteNumber("negatives", group.Count - group.Positives);
                writer.WriteString("score_a", columns[0]);
                writer.WriteString("score_b", columns[1]);
                WriteNumber(writer, "auc_a", comparison.Auc1);
                WriteNumber(writer, "auc_b", comparison.Auc2);
                WriteNumber(writer, "difference", comparison.Difference);
                WriteNumber(writer, "variance_a", comparison.Variance1);
                WriteNumber(writer, "variance_b", comparison.Variance2);
                WriteNumber(writer, "covariance", comparison.Covariance);
                WriteNumber(writer, "variance_of_difference", comparison.VarianceOfDifference);
                WriteNumber(writer, "se_of_difference", comparison.StandardErrorOfDifference);
                WriteNumber(writer, "z", comparison.Z);
                WriteNumber(writer, "p_value", comparison.PValue);
                WriteInterval(writer, "ci95_difference", comparison.DifferenceInterval);
                WriteProblem(writer, comparison.Problem);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    public void WriteRocText(IReadOnlyList<RocGroup> groups)
    {
        output.WriteLine(Invariant($"Input {source.Path}: score {source.ScoreColumns[0]}, label {source.LabelColumn} (positive = {source.PositiveValue}); score >= threshold is positive"));
        foreach (var group in groups)
        {
            var summary = group.Summary;
            output.WriteLine();
            output.WriteLine(Invariant($"Group {group.Name}: n = {group.Count}, positives = {summary.Positives}, negatives = {summary.Negatives}"));
            var auc = summary.DeLong;
            output.WriteLine(Invariant($"  AUC {Text(auc.Auc)}  DeLong variance {Text(auc.Variance)}  SE {Text(auc.StandardError)}  95% CI {Text(auc.Interval)}"));
            WriteProblemText(auc.Problem);
            if (summary.Clustered is { } clustered)
            {
                output.WriteLine(Invariant($"  Clustered AUC (Obuchowski) {Text(clustered.Auc)}  variance {Text(clustered.Variance)}  SE {Text(clustered.StandardError)}  95% CI {Text(clustered.Interval)}  ({clustered.Clusters} clusters)"));
                WriteProblemText(clustered.Problem);
            }

            foreach (var best in summary.Youden.Best)
            {
                output.WriteLine(Invariant($"  Youden threshold {Text(best.Threshold)} (score >= {Text(best.ObservedCutoff)}): sensitivity {Text(best.Sensitivity)}, specificity {Text(best.Specificity)}, J {Text(best.YoudenIndex)}"));
            }

            WriteProblemText(summary.Youden.Problem);
            foreach (var accuracy in summary.AtThresholds)
            {
                var counts = accuracy.Counts;
                output.WriteLine(Invariant($"  Threshold {Text(accuracy.Threshold)}: TP {counts.TruePositives}  FP {counts.FalsePositives}  TN {counts.TrueNegatives}  FN {counts.FalseNegatives}"));
                WriteProportionText("sensitivity", accuracy.Sensitivity);
                WriteProportionText("specificity", accuracy.Specificity);
                WriteProportionText("PPV", accuracy.PositivePredictiveValue);
                WriteProportionText("NPV", accuracy.NegativePredictiveValue);
                WriteProportionText("accuracy", accuracy.Accuracy);
            }
        }
    }

    public void WriteCompareText(IReadOnlyList<CompareGroup> groups, string[] columns)
    {
        output.WriteLine(Invariant($"Input {source.Path}: paired DeLong test of AUC({columns[0]}) - AUC({columns[1]}), label {source.LabelColumn} (positive = {source.PositiveValue})"));
        foreach (var group in groups)
        {
            var comparison = group.Comparison;
            output.WriteLine();
            output.WriteLine(Invariant($"Group {group.Name}: n = {group.Count}, positives = {group.Positives}, negatives = {group.Count - group.Positives}"));
            output.WriteLine(Invariant($"  AUC {columns[0]} {Text(comparison.Auc1)}  AUC {columns[1]} {Text(comparison.Auc2)}  difference {Text(comparison.Difference)}  95% CI {Text(comparison.DifferenceInterval)}"));
            output.WriteLine(Invariant($"  Z {Text(comparison.Z)}  p {Text(comparison.PValue)}"));
            WriteProblemText(comparison.Problem);
        }
    }

    private void WriteHeader(Utf8JsonWriter writer, string command)
    {
        writer.WriteString("command", command);
        writer.WriteString("input", source.Path);
        writer.WriteString("label_column", source.LabelColumn);
        writer.WriteString("positive_value", source.PositiveValue);
        writer.WriteStartArray("score_columns");
        foreach (var column in source.ScoreColumns)
        {
            writer.WriteStringValue(column);
        }

        writer.WriteEndArray();
        WriteNullableString(writer, "group_column", source.GroupColumn);
        WriteNullableString(writer, "cluster_column", source.ClusterColumn);
        writer.WriteNumber("confidence_level", 0.95);
        writer.WriteString("threshold_rule", "score >= threshold is positive");
    }

    private static void WriteAuc(Utf8JsonWriter writer, AucResult auc)
    {
        writer.WriteStartObject("auc");
        WriteNumber(writer, "estimate", auc.Auc);
        WriteNumber(writer, "variance", auc.Variance);
        WriteNumber(writer, "se", auc.StandardError);
        WriteInterval(writer, "ci95", auc.Interval);
        WriteInterval(writer, "ci95_unclipped", auc.UnclippedInterval);
        WriteProblem(writer, auc.Problem);
        writer.WriteEndObject();
    }

    private static void WriteClustered(Utf8JsonWriter writer, ClusteredAucResult clustered)
    {
        writer.WriteStartObject("clustered_auc");
        writer.WriteNumber("clusters", clustered.Clusters);
        writer.WriteNumber("clusters_with_positive", clustered.ClustersWithPositive);
        writer.WriteNumber("clusters_with_negative", clustered.ClustersWithNegative);
        WriteNumber(writer, "estimate", clustered.Auc);
        WriteNumber(writer, "variance", clustered.Variance);
        WriteNumber(writer, "se", clustered.StandardError);
        WriteInterval(writer, "ci95", clustered.Interval);
        WriteInterval(writer, "ci95_clipped", clustered.ClippedInterval);
        WriteProblem(writer, clustered.Problem);
        writer.WriteEndObject();
    }

    private static void WriteYouden(Utf8JsonWriter writer, YoudenResult youden)
    {
        writer.WriteStartObject("youden");
        writer.WriteStartArray("best");
        foreach (var best in youden.Best)
        {
            writer.WriteStartObject();
            WriteThreshold(writer, "threshold", best.Threshold);
            WriteNumber(writer, "observed_cutoff", best.ObservedCutoff);
            writer.WriteNumber("sensitivity", best.Sensitivity);
            writer.WriteNumber("specificity", best.Specificity);
            writer.WriteNumber("youden_j", best.YoudenIndex);
            WriteCounts(writer, best.Counts);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteProblem(writer, youden.Problem);
        writer.WriteEndObject();
    }

    private static void WriteAccuracy(Utf8JsonWriter writer, DiagnosticAccuracy accuracy)
    {
        writer.WriteStartObject();
        WriteThreshold(writer, "threshold", accuracy.Threshold);
        WriteCounts(writer, accuracy.Counts);
        writer.WriteNumber("n", accuracy.Counts.Total);
        WriteProportion(writer, "sensitivity", accuracy.Sensitivity);
        WriteProportion(writer, "specificity", accuracy.Specificity);
        WriteProportion(writer, "ppv", accuracy.PositivePredictiveValue);
        WriteProportion(writer, "npv", accuracy.NegativePredictiveValue);
        WriteProportion(writer, "accuracy", accuracy.Accuracy);
        writer.WriteEndObject();
    }

    private static void WriteProportion(Utf8JsonWriter writer, string name, Proportion proportion)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("x", proportion.Successes);
        writer.WriteNumber("n", proportion.Trials);
        WriteNumber(writer, "estimate", proportion.Estimate);
        WriteInterval(writer, "ci95_wilson", proportion.Wilson);
        WriteInterval(writer, "ci95_exact", proportion.Exact);
        WriteProblem(writer, proportion.Problem);
        writer.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter writer, ConfusionCounts counts)
    {
        writer.WriteNumber("tp", counts.TruePositives);
        writer.WriteNumber("fp", counts.FalsePositives);
        writer.WriteNumber("tn", counts.TrueNegatives);
        writer.WriteNumber("fn", counts.FalseNegatives);
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteThreshold(Utf8JsonWriter writer, string name, double threshold)
    {
        if (double.IsInfinity(threshold))
        {
            writer.WriteString(name, threshold > 0 ? "Inf" : "-Inf");
        }
        else
        {
            writer.WriteNumber(name, threshold);
        }
    }

    private static void WriteInterval(Utf8JsonWriter writer, string name, ConfidenceInterval? interval)
    {
        writer.WriteStartArray(name);
        if (interval is { } bounds)
        {
            writer.WriteNumberValue(bounds.Lower);
            writer.WriteNumberValue(bounds.Upper);
        }
        else
        {
            writer.WriteNullValue();
            writer.WriteNullValue();
        }

        writer.WriteEndArray();
    }

    private static void WriteProblem(Utf8JsonWriter writer, NotEstimable? problem)
    {
        if (problem is null)
        {
            writer.WriteNull("problem");
            return;
        }

        writer.WriteStartObject("problem");
        writer.WriteString("reason", problem.Reason.ToString());
        writer.WriteString("message", problem.Message);
        writer.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private void WriteJson(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private void WriteProportionText(string name, Proportion proportion)
    {
        output.WriteLine(Invariant($"    {name,-12} {Text(proportion.Estimate)} ({proportion.Successes}/{proportion.Trials})  Wilson {Text(proportion.Wilson)}  exact {Text(proportion.Exact)}"));
    }

    private void WriteProblemText(NotEstimable? problem)
    {
        if (problem is not null)
        {
            output.WriteLine(Invariant($"    not estimable ({problem.Reason}): {problem.Message}"));
        }
    }

    private static string Text(double? value) => value switch
    {
        null => "NA",
        double.PositiveInfinity => "Inf",
        double.NegativeInfinity => "-Inf",
        { } number => number.ToString(TextFormat, CultureInfo.InvariantCulture),
    };

    private static string Text(ConfidenceInterval? interval) =>
        interval is { } bounds ? $"[{Text(bounds.Lower)}, {Text(bounds.Upper)}]" : "NA";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The `stats roc` result of one group.</summary>
    public sealed record RocGroup(string Name, int Count, AccuracySummary Summary);

    /// <summary>The `stats compare` result of one group.</summary>
    public sealed record CompareGroup(string Name, int Count, int Positives, PairedAucComparison Comparison);
}
