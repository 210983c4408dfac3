using System.Globalization;
using StudyEdc.Reports.Model;

namespace StudyEdc.Reports.Pdf;

/// <summary>The title page: what the report is, when it was made, and from which snapshot, model and threshold.</summary>
internal static class TitlePageSection
{
    public static void Compose(ReportContext context)
    {
        var (report, text, style, layout) = (context.Report, context.Text, context.Style, context.Layout);
        layout.NewPage();
        layout.Y = layout.Top + 120;

        var center = layout.Left + (layout.ContentWidth / 2);
        foreach (var line in new[] { text["ReportTitle"], report.StudyTitle })
        {
            foreach (var wrapped in PdfText.Wrap(line, style.Title, layout.ContentWidth))
            {
                var baseline = layout.Y + style.Title.Size;
                layout.Draw(canvas => PdfText.Draw(canvas, wrapped, center, baseline, style.Title, style.Ink, SkiaSharp.SKTextAlign.Center));
                layout.Y += ReportStyle.LineHeight(style.Title) + 4;
            }
        }

        layout.Y += 50;
        var local = LocalTime(report);
        TableDrawer.Draw(
            context,
            [new TableColumn(string.Empty, 0.32f), new TableColumn(string.Empty, 0.68f)],
            [
                [text["GeneratedUtc"], report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)],
                [text.Format("GeneratedLocal", report.SiteTimeZoneId), local],
                [text["SnapshotLabel"], text.Format("SnapshotValue", report.Snapshot.Number, report.Snapshot.Id)],
                [text["ModelLabel"], $"{report.Model.Name} {report.Model.Version}"],
                [text["ModelSha"], report.Model.Sha256],
                [text["ThresholdLabel"], text.Format("ThresholdRule", ReportNumbers.Threshold(report.DecisionThreshold))],
                [text["PopulationLabel"], text["Population_" + report.Population]],
                [text["LevelLabel"], text["Level_" + report.Level]],
                [text["SitesLabel"], ReportNumbers.Count(report.Sites.Count)],
            ]);
    }

    /// <summary>Returns the generation time in the sites' time zone, with its UTC offset.</summary>
    /// <exception cref="TimeZoneNotFoundException">The report names a time zone this machine does not know.</exception>
    public static string LocalTime(AccuracyReport report)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.SiteTimeZoneId);
        var local = TimeZoneInfo.ConvertTime(report.GeneratedAt, zone);
        return local.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture);
    }
}
