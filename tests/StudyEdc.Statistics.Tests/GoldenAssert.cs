using System.Text.Json;

namespace StudyEdc.Statistics.Tests;

/// <summary>Compares computed values with golden JSON values; JSON null means "undefined" and must be null here too.</summary>
internal static class GoldenAssert
{
    /// <summary>AUCs, variances, standard errors and intervals (README: 1e-12 is safe for 15-digit golden values).</summary>
    public const double Tight = 1e-12;

    /// <summary>p-values (README: 1e-9).</summary>
    public const double PValue = 1e-9;

    public static void Number(JsonElement expected, double? actual, double tolerance, string path)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            Assert.True(actual is null, $"{path}: golden is null (undefined) but computed {actual}");
            return;
        }

        var value = ParseNumber(expected);
        Assert.True(actual is not null, $"{path}: golden is {value} but computed null");
        var difference = Math.Abs(value - actual!.Value);
        Assert.True(
            difference <= tolerance || value.Equals(actual.Value),
            $"{path}: golden {value:R}, computed {actual.Value:R}, |difference| {difference:E3} > {tolerance:E0}");
    }

    public static void Number(JsonElement parent, string property, double? actual, double tolerance, string path) =>
        Number(parent.GetProperty(property), actual, tolerance, $"{path}.{property}");

    public static void Count(JsonElement parent, string property, int actual, string path) =>
        Assert.True(parent.GetProperty(property).GetDouble() == actual,
            $"{path}.{property}: golden {parent.GetProperty(property)}, computed {actual}");

    public static void Interval(JsonElement parent, string property, ConfidenceInterval? actual, double tolerance, string path)
    {
        var bounds = parent.GetProperty(property).EnumerateArray().ToArray();
        Assert.True(bounds.Length == 2, $"{path}.{property}: golden interval has {bounds.Length} bounds");
        Number(bounds[0], actual?.Lower, tolerance, $"{path}.{property}[lower]");
        Number(bounds[1], actual?.Upper, tolerance, $"{path}.{property}[upper]");
    }

    /// <summary>
    /// Compares a pROC threshold: ±Inf exactly, finite midpoints to <see cref="Tight"/> because golden.json rounds
    /// to 15 significant digits (0.20500000000000002 is written as 0.205).
    /// </summary>
    public static void Threshold(JsonElement expected, double actual, string path)
    {
        var value = ParseNumber(expected);
        if (double.IsInfinity(value))
        {
            Assert.True(value.Equals(actual), $"{path}: golden {expected}, computed {actual:R}");
            return;
        }

        Number(expected, actual, Tight, path);
    }

    /// <summary>Reads a number, or pROC's infinite thresholds written as the strings "Inf" and "-Inf".</summary>
    public static double ParseNumber(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.String when element.GetString() == "Inf" => double.PositiveInfinity,
        JsonValueKind.String when element.GetString() == "-Inf" => double.NegativeInfinity,
        _ => throw new InvalidDataException($"Expected a number or \"Inf\"/\"-Inf\", found {element}"),
    };

    public static bool IsUndefined(JsonElement block) =>
        block.GetProperty("status").GetString()!.StartsWith("undefined", StringComparison.Ordinal);
}
