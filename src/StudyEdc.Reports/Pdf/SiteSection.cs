using StudyEdc.Reports.Model;
using StudyEdc.Statistics;

namespace StudyEdc.Reports.Pdf;

/// <summary>Per site and pooled: the 2×2 table and every metric with its Wilson and exact intervals and the AUCs.</summary>
internal static class SiteSection
{
    public static void Compose(ReportContext context)
    {
        context.Layout.NewPage();
        foreach (var site in context.Report.Sites.Append(context.Report.Pooled))
        {
            ComposeSite(context, site);
        }
    }

    private static void ComposeSite(ReportContext context, SiteAccuracy site)
    {
        var text = context.Text;

        // Keep the heading, the 2×2 table and the metrics of one site on one page (about 300 points).
        context.Heading(text.Format("SiteHeading", site.Name), keepWithNext: 300);
        context.Layout.Y -= 2;
        context.Paragraph(text.Format("TwoByTwoHeading", ReportNumbers.Threshold(site.Accuracy.Threshold)));
        var counts = site.Accuracy.Counts;
        TableDrawer.Draw(
            context,
            [
                new TableColumn(string.Empty, 1.4f),
                new TableColumn(text["ReferencePositive"], 1f, CellAlign.Right),
                new TableColumn(text["ReferenceNegative"], 1f, CellAlign.Right),
                new TableColumn(text["Total"], 1f, CellAlign.Right),
            ],
            [
                [text["ModelPositive"], ReportNumbers.Count(counts.TruePositives), ReportNumbers.Count(counts.FalsePositives), ReportNumbers.Count(counts.TruePositives + counts.FalsePositives)],
                [text["ModelNegative"], ReportNumbers.Count(counts.FalseNegatives), ReportNumbers.Count(counts.TrueNegatives), ReportNumbers.Count(counts.FalseNegatives + counts.TrueNegatives)],
                [text["Total"], ReportNumbers.Count(site.Positives), ReportNumbers.Count(site.Negatives), ReportNumbers.Count(site.Count)],
            ]);

        var accuracy = site.Accuracy;
        var rows = new List<IReadOnlyList<string>>
        {
            ProportionRow(context, "Sensitivity", accuracy.Sensitivity),
            ProportionRow(context, "Specificity", accuracy.Specificity),
            ProportionRow(context, "PositivePredictiveValue", accuracy.PositivePredictiveValue),
            ProportionRow(context, "NegativePredictiveValue", accuracy.NegativePredictiveValue),
            ProportionRow(context, "Accuracy", accuracy.Accuracy),
            ProportionRow(context, "Recall", accuracy.Recall),
            ProportionRow(context, "Precision", accuracy.Precision),
            AucRow(context, text["AucDeLong"], site.Auc.Auc, site.Auc.Interval, site.Auc.Problem),
        };
        if (site.ClusteredAuc is { } clustered)
        {
            rows.Add(AucRow(context, text["AucClustered"], clustered.Auc, clustered.Interval, clustered.Problem));
        }

        TableDrawer.Draw(
            context,
            [
                new TableColumn(text["MetricColumn"], 2.1f),
                new TableColumn(text["EstimateColumn"], 1.2f, CellAlign.Right),
                new TableColumn(text["FractionColumn"], 1f, CellAlign.Right),
                new TableColumn(text["WilsonColumn"], 1.3f, CellAlign.Right),
                new TableColumn(text["ExactColumn"], 1.3f, CellAlign.Right),
            ],
            rows);
        context.Paragraph(text["ExactMethodNote"], small: true);
        context.Layout.Y += 14;
    }

    private static List<string> ProportionRow(ReportContext context, string key, Proportion proportion) =>
    [
        context.Text[key],
        proportion.Estimate is null ? context.NotEstimable(proportion.Problem) : ReportNumbers.Value(proportion.Estimate),
        $"{ReportNumbers.Count(proportion.Successes)} / {ReportNumbers.Count(proportion.Trials)}",
        ReportNumbers.Interval(proportion.Wilson),
        ReportNumbers.Interval(proportion.Exact),
    ];

    // The AUC and its interval (named in the row label) share the estimate cell: an AUC has no x / n, and the
    // Wilson and exact columns are binomial intervals that do not apply to it.
    private static List<string> AucRow(ReportContext context, string label, double? auc, ConfidenceInterval? interval, NotEstimable? problem)
    {
        var estimate = auc is null ? context.NotEstimable(problem) : ReportNumbers.WithInterval(auc, interval);
        if (auc is not null && interval is null && problem is not null)
        {
            estimate = $"{ReportNumbers.Value(auc)} ({context.NotEstimable(problem)})";
        }

        return [label, estimate, ReportNumbers.Missing, ReportNumbers.Missing, ReportNumbers.Missing];
    }
}
