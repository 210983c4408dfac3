using StudyEdc.Reports.Model;
using StudyEdc.Statistics;

namespace StudyEdc.Reports.Pdf;

/// <summary>One table with every site and the pooled row: counts, AUC, sensitivity and specificity with intervals.</summary>
internal static class SummarySection
{
    public static void Compose(ReportContext context)
    {
        var (report, text) = (context.Report, context.Text);
        context.Layout.NewPage();
        context.Heading(text["SummaryHeading"]);

        var sites = report.Sites.Append(report.Pooled).ToList();
        var rows = sites.Select(site => (IReadOnlyList<string>)
        [
            site.Name,
            ReportNumbers.Count(site.Count),
            ReportNumbers.Count(site.Positives),
            ReportNumbers.Count(site.Negatives),
            ReportNumbers.WithInterval(site.Auc.Auc, site.Auc.Interval),
            ReportNumbers.WithInterval(site.Accuracy.Sensitivity.Estimate, site.Accuracy.Sensitivity.Wilson),
            ReportNumbers.WithInterval(site.Accuracy.Specificity.Estimate, site.Accuracy.Specificity.Wilson),
        ]).ToList();

        TableDrawer.Draw(
            context,
            [
                new TableColumn(text["SiteColumn"], 1.5f),
                new TableColumn(text["CountColumn"], 0.5f, CellAlign.Right),
                new TableColumn(text["PositivesColumn"], 0.75f, CellAlign.Right),
                new TableColumn(text["NegativesColumn"], 0.85f, CellAlign.Right),
                new TableColumn(text["AucColumn"], 1.6f, CellAlign.Right),
                new TableColumn(text["SensitivityColumn"], 1.6f, CellAlign.Right),
                new TableColumn(text["SpecificityColumn"], 1.6f, CellAlign.Right),
            ],
            rows,
            new HashSet<int> { rows.Count - 1 });

        context.Paragraph(text["IntervalNote"], small: true);
        foreach (var site in sites)
        {
            AddNote(context, site.Name, "AucColumn", site.Auc.Auc is null ? site.Auc.Problem : null);
            AddNote(context, site.Name, "Sensitivity", site.Accuracy.Sensitivity.Problem);
            AddNote(context, site.Name, "Specificity", site.Accuracy.Specificity.Problem);
        }
    }

    private static void AddNote(ReportContext context, string site, string metricKey, NotEstimable? problem)
    {
        if (problem is not null)
        {
            context.Paragraph(context.Text.Format("NotEstimableNote", site, context.Text[metricKey], context.Reason(problem)), small: true);
        }
    }
}
