using System.Globalization;
using SkiaSharp;
using StudyEdc.Reports.Model;
using StudyEdc.Reports.Resources;

namespace StudyEdc.Reports.Pdf;

/// <summary>
/// Writes the accuracy report as an A4 PDF with SkiaSharp's PDF backend: title page, summary table, per-site
/// details, ROC and FROC figures, and the STARD flow diagram. Every page's footer names the data snapshot, the model
/// version, the generation time and "page N of M". All labels come from Resources/ReportText.resx.
/// </summary>
public static class AccuracyReportPdfWriter
{
    /// <summary>
    /// Writes <paramref name="report"/> to <paramref name="output"/> (left open). Writing is synchronous; run it off
    /// the UI thread.
    /// </summary>
    /// <returns>The number of pages written.</returns>
    /// <exception cref="TimeZoneNotFoundException">The report's site time zone is unknown on this machine.</exception>
    public static int Write(AccuracyReport report, ReportTypefaces typefaces, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(typefaces);
        ArgumentNullException.ThrowIfNull(output);

        var text = new ReportText(report.Language);
        using var style = new ReportStyle(typefaces);
        var layout = new PageLayout();
        var context = new ReportContext(report, text, style, layout);

        TitlePageSection.Compose(context);
        SummarySection.Compose(context);
        SiteSection.Compose(context);
        FiguresSection.Compose(context);
        StardSection.Compose(context);

        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"{text["ReportTitle"]} — {report.StudyTitle}",
            Creator = "StudyEdc",
            Producer = "StudyEdc (SkiaSharp PDF)",
            Subject = text.Format("SnapshotValue", report.Snapshot.Number, report.Snapshot.Id),
            Creation = report.GeneratedAt.UtcDateTime,
            Modified = report.GeneratedAt.UtcDateTime,
        };

        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            var pages = layout.Pages;
            for (var index = 0; index < pages.Count; index++)
            {
                var canvas = document.BeginPage(PageLayout.PageWidth, PageLayout.PageHeight);
                foreach (var step in pages[index])
                {
                    step(canvas);
                }

                DrawFooter(canvas, context, index + 1, pages.Count);
                document.EndPage();
            }

            document.Close();
        }

        return layout.Pages.Count;
    }

    private static void DrawFooter(SKCanvas canvas, ReportContext context, int pageNumber, int pageCount)
    {
        var (report, text, style, layout) = (context.Report, context.Text, context.Style, context.Layout);
        var ruleY = layout.Bottom + 8;
        canvas.DrawLine(layout.Left, ruleY, layout.Right, ruleY, style.Rule);

        var generated = report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var footer = text.Format("Footer", report.Snapshot.Number, report.Model.Name, report.Model.Version, generated);
        var page = text.Format("PageNumber", pageNumber, pageCount);
        var baseline = ruleY + 4 + style.Small.Size;
        var footerWidth = layout.ContentWidth - PdfText.Measure(page, style.Small) - 12;
        var lines = PdfText.Wrap(footer, style.Small, footerWidth);
        foreach (var line in lines)
        {
            PdfText.Draw(canvas, line, layout.Left, baseline, style.Small, style.MutedInk);
            baseline += ReportStyle.LineHeight(style.Small);
        }

        PdfText.Draw(canvas, page, layout.Right, ruleY + 4 + style.Small.Size, style.Small, style.MutedInk, SKTextAlign.Right);
    }
}
