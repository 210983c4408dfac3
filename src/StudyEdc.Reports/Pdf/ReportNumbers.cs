using System.Globalization;
using StudyEdc.Statistics;

namespace StudyEdc.Reports.Pdf;

/// <summary>
/// Culture-invariant number text for the report: proportions and AUCs with three decimals, intervals as
/// "lower–upper", and "—" where a value is not estimable.
/// </summary>
internal static class ReportNumbers
{
    public const string Missing = "—";

    public static string Value(double? value) =>
        value is { } number ? number.ToString("F3", CultureInfo.InvariantCulture) : Missing;

    public static string Interval(ConfidenceInterval? interval) =>
        interval is { } bounds ? $"{Value(bounds.Lower)}–{Value(bounds.Upper)}" : Missing;

    public static string WithInterval(double? value, ConfidenceInterval? interval) =>
        value is null ? Missing : interval is null ? Value(value) : $"{Value(value)} ({Interval(interval)})";

    public static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    /// <summary>Threshold as stored, with up to six significant digits.</summary>
    public static string Threshold(double threshold) => threshold.ToString("G6", CultureInfo.InvariantCulture);
}
