using System.Globalization;
using Microsoft.Extensions.Localization;
using StudyEdc.Statistics;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Pages.Reports;

/// <summary>
/// Text of one table cell: an estimate with its intervals, three decimals, written invariantly so that Chinese and
/// English pages print the same digits as the PDF and the exports.
/// </summary>
internal sealed class ReportCells(IStringLocalizer<ReportResource> text)
{
    public string Proportion(Proportion proportion)
    {
        if (proportion.Estimate is not { } estimate || proportion.Wilson is not { } wilson || proportion.Exact is not { } exact)
        {
            return NotEstimable(proportion.Problem);
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{estimate:0.000} ({wilson.Lower:0.000}–{wilson.Upper:0.000}; {exact.Lower:0.000}–{exact.Upper:0.000}) {proportion.Successes}/{proportion.Trials}");
    }

    public string Auc(double? auc, ConfidenceInterval? interval, NotEstimable? problem)
    {
        if (auc is not { } value)
        {
            return NotEstimable(problem);
        }

        // The AUC exists but its variance may not (fewer than two cases or controls): show the reason beside it.
        return interval is { } ci
            ? string.Create(CultureInfo.InvariantCulture, $"{value:0.000} ({ci.Lower:0.000}–{ci.Upper:0.000})")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.000} ({NotEstimable(problem)})");
    }

    public string NotEstimable(NotEstimable? problem) =>
        text["NotEstimable", problem is null ? "—" : text["Reason." + problem.Reason].Value];

    public static string Threshold(double threshold) => threshold.ToString("0.###", CultureInfo.InvariantCulture);
}
