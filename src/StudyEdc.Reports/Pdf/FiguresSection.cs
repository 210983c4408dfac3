using ScottPlot;
using SkiaSharp;
using StudyEdc.Reports.Model;

namespace StudyEdc.Reports.Pdf;

/// <summary>
/// ROC curves of all sites overlaid (pooled in black) and the FROC curves, drawn by ScottPlot straight onto the PDF
/// canvas, so they stay vector graphics with the report's embedded font. The legend is drawn below each chart by
/// the report itself: ScottPlot 5.1.59 clipped the first legend entry's text when it was set in Noto Sans CJK.
/// </summary>
internal static class FiguresSection
{
    private const float RocHeight = 300;
    private const float FrocHeight = 240;

    // Okabe–Ito colours, distinguishable with colour-vision deficiency; the pooled curve is black.
    private static readonly Color[] SiteColors =
    [
        Color.FromHex("#E69F00"), Color.FromHex("#56B4E9"), Color.FromHex("#009E73"), Color.FromHex("#D55E00"),
        Color.FromHex("#CC79A7"), Color.FromHex("#0072B2"), Color.FromHex("#F0E442"),
    ];

    public static void Compose(ReportContext context)
    {
        context.Layout.NewPage();
        context.Heading(context.Text["FiguresHeading"]);
        ComposeRoc(context);
        ComposeFroc(context);
    }

    /// <summary>Adds the ROC chart of every site and the pooled data, with its legend.</summary>
    public static void ComposeRoc(ReportContext context)
    {
        var rocLegend = new List<LegendEntry>();
        DrawPlot(context, CreateRocPlot(context, rocLegend), RocHeight, rocLegend);
    }

    /// <summary>Adds the FROC chart, or a sentence saying that the report has no lesion detection analysis.</summary>
    public static void ComposeFroc(ReportContext context)
    {
        var sitesWithFroc = context.Report.Sites.Append(context.Report.Pooled).Where(site => site.Froc is { Points.Count: > 0 }).ToList();
        if (sitesWithFroc.Count == 0)
        {
            context.Paragraph(context.Text["FrocNone"]);
            return;
        }

        var frocLegend = new List<LegendEntry>();
        DrawPlot(context, CreateFrocPlot(context, sitesWithFroc, frocLegend), FrocHeight, frocLegend);
    }

    private static Plot CreateRocPlot(ReportContext context, List<LegendEntry> legend)
    {
        var plot = CreatePlot(context, context.Text["RocTitle"], context.Text["RocX"], context.Text["RocY"]);
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LineColor = Colors.Gray;
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LineWidth = 0.8f;

        var sites = context.Report.Sites;
        for (var index = 0; index < sites.Count + 1; index++)
        {
            var site = index < sites.Count ? sites[index] : context.Report.Pooled;
            var points = site.Roc.Points.Where(point => point.Counts.Positives > 0 && point.Counts.Negatives > 0).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            // pROC's thresholds ascend, so the points run from (1, 1) down to (0, 0).
            var xs = points.Select(point => 1 - point.Specificity).ToArray();
            var ys = points.Select(point => point.Sensitivity).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            var isPooled = index == sites.Count;
            line.Color = isPooled ? Colors.Black : SiteColors[index % SiteColors.Length];
            line.LineWidth = isPooled ? 2.2f : 1.3f;
            legend.Add(new LegendEntry(line.Color, line.LineWidth, $"{site.Name} (AUC {ReportNumbers.Value(site.Auc.Auc)})"));
        }

        plot.Axes.SetLimits(0, 1, 0, 1);
        return plot;
    }

    private static Plot CreateFrocPlot(ReportContext context, List<SiteAccuracy> sites, List<LegendEntry> legend)
    {
        var plot = CreatePlot(context, context.Text["FrocTitle"], context.Text["FrocX"], context.Text["FrocY"]);
        var maxX = 0.0;
        foreach (var site in sites)
        {
            var points = site.Froc!.Points
                .Where(point => point.FalsePositivesPerImage is not null && point.LesionRecall is not null)
                .OrderBy(point => point.FalsePositivesPerImage)
                .ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var xs = points.Select(point => point.FalsePositivesPerImage!.Value).ToArray();
            var ys = points.Select(point => point.LesionRecall!.Value).ToArray();
            maxX = Math.Max(maxX, xs[^1]);
            var line = plot.Add.ScatterLine(xs, ys);
            var isPooled = ReferenceEquals(site, context.Report.Pooled);
            var siteIndex = context.Report.Sites.ToList().IndexOf(site);
            line.Color = isPooled ? Colors.Black : SiteColors[Math.Max(0, siteIndex) % SiteColors.Length];
            line.LineWidth = isPooled ? 2.2f : 1.3f;
            legend.Add(new LegendEntry(line.Color, line.LineWidth, site.Name));
        }

        plot.Axes.SetLimits(0, Math.Max(maxX, 1e-6) * 1.05, 0, 1);
        return plot;
    }

    private static Plot CreatePlot(ReportContext context, string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, size: 13);
        plot.XLabel(xLabel, size: 11);
        plot.YLabel(yLabel, size: 11);
        plot.HideLegend();

        // Every title, axis label and tick uses the report typeface, so Chinese renders and is embedded.
        plot.Font.Set(context.Style.Typefaces.FamilyKey);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        plot.Axes.Left.TickLabelStyle.FontSize = 9;
        return plot;
    }

    private static void DrawPlot(ReportContext context, Plot plot, float height, List<LegendEntry> legend)
    {
        var layout = context.Layout;
        var font = context.Style.Table;
        var legendRows = (legend.Count + 1) / 2;
        var legendHeight = legendRows * ReportStyle.LineHeight(font);
        layout.EnsureSpace(height + legendHeight);
        var (left, top, width) = (layout.Left, layout.Y, layout.ContentWidth);
        layout.Draw(canvas =>
        {
            canvas.Save();
            canvas.Translate(left, top);
            canvas.ClipRect(new SKRect(0, 0, width, height));
            plot.Render(canvas, (int)width, (int)height);
            canvas.Restore();
        });
        layout.Y += height + 4;
        DrawLegend(context, legend);
        layout.Y += 12;
    }

    // Two columns of entries: a line swatch in the curve's colour and width, then the label.
    private static void DrawLegend(ReportContext context, List<LegendEntry> legend)
    {
        var (layout, style) = (context.Layout, context.Style);
        var font = style.Table;
        var columnWidth = layout.ContentWidth / 2;
        for (var index = 0; index < legend.Count; index++)
        {
            var entry = legend[index];
            var left = layout.Left + ((index % 2) * columnWidth) + 40;
            var baseline = layout.Y + ((index / 2) * ReportStyle.LineHeight(font)) + font.Size;
            var middle = baseline - (font.Size * 0.35f);
            layout.Draw(canvas =>
            {
                using var paint = new SKPaint
                {
                    Color = new SKColor(entry.Color.R, entry.Color.G, entry.Color.B),
                    StrokeWidth = entry.Width,
                    IsStroke = true,
                    IsAntialias = true,
                };
                canvas.DrawLine(left, middle, left + 22, middle, paint);
                PdfText.Draw(canvas, entry.Label, left + 28, baseline, font, style.Ink);
            });
        }

        layout.Y += ((legend.Count + 1) / 2) * ReportStyle.LineHeight(font);
    }

    private sealed record LegendEntry(Color Color, float Width, string Label);
}
