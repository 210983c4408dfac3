using SkiaSharp;
using StudyEdc.Reports.Model;
using StudyEdc.Reports.Resources;

namespace StudyEdc.Reports.Pdf;

/// <summary>A figure of the accuracy report that can be drawn on its own.</summary>
public enum ReportFigure
{
    /// <summary>ROC curves of every site overlaid, pooled in black.</summary>
    Roc,

    /// <summary>FROC curves of the detection marks.</summary>
    Froc,

    /// <summary>The STARD 2015 participant flow diagram.</summary>
    Stard,
}

/// <summary>
/// Draws one figure of the accuracy report as a PNG image, with the same section code, fonts and colours as
/// <see cref="AccuracyReportPdfWriter"/>, so a web page shows exactly what the PDF prints. The image is the width
/// of an A4 page and as tall as the figure.
/// </summary>
public static class AccuracyReportFigureWriter
{
    private const float Padding = 12;

    /// <summary>
    /// Writes <paramref name="figure"/> of <paramref name="report"/> to <paramref name="output"/> (left open) as PNG,
    /// at <paramref name="scale"/> pixels per PDF point (2 by default, sharp on high-density screens).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not between 0.5 and 4.</exception>
    public static void WritePng(AccuracyReport report, ReportTypefaces typefaces, ReportFigure figure, Stream output, float scale = 2)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(typefaces);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 0.5f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 4f);

        using var style = new ReportStyle(typefaces);
        var layout = new PageLayout();
        var context = new ReportContext(report, new ReportText(report.Language), style, layout);
        switch (figure)
        {
            case ReportFigure.Roc:
                layout.NewPage();
                FiguresSection.ComposeRoc(context);
                break;
            case ReportFigure.Froc:
                layout.NewPage();
                FiguresSection.ComposeFroc(context);
                break;
            case ReportFigure.Stard:
                StardSection.Compose(context);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(figure), figure, "Unknown report figure.");
        }

        // Each figure fits one page by construction; a diagram that overflowed would show only its first page.
        var bottom = layout.Pages.Count == 1 ? Math.Min(layout.Y, layout.Bottom) : layout.Bottom;
        var top = layout.Top - Padding;
        var width = (int)Math.Ceiling(PageLayout.PageWidth * scale);
        var height = (int)Math.Ceiling((bottom - top + Padding) * scale);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        canvas.Translate(0, -top);
        foreach (var step in layout.Pages[0])
        {
            step(canvas);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(output);
    }
}
