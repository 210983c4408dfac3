using SkiaSharp;

namespace StudyEdc.Reports.Pdf;

/// <summary>Fonts and paints shared by every section of the report.</summary>
internal sealed class ReportStyle : IDisposable
{
    public ReportStyle(ReportTypefaces typefaces)
    {
        Typefaces = typefaces;
        Title = typefaces.CreateFont(22, bold: true);
        Heading = typefaces.CreateFont(14, bold: true);
        Subheading = typefaces.CreateFont(11, bold: true);
        Body = typefaces.CreateFont(9.5f);
        Table = typefaces.CreateFont(8f);
        TableBold = typefaces.CreateFont(8f, bold: true);
        Small = typefaces.CreateFont(7.5f);
    }

    public ReportTypefaces Typefaces { get; }

    public SKFont Title { get; }

    public SKFont Heading { get; }

    public SKFont Subheading { get; }

    public SKFont Body { get; }

    public SKFont Table { get; }

    public SKFont TableBold { get; }

    public SKFont Small { get; }

    public SKPaint Ink { get; } = new() { Color = SKColors.Black, IsAntialias = true };

    public SKPaint MutedInk { get; } = new() { Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true };

    public SKPaint Rule { get; } = new() { Color = new SKColor(0x99, 0x99, 0x99), StrokeWidth = 0.5f, IsStroke = true, IsAntialias = true };

    public SKPaint Frame { get; } = new() { Color = SKColors.Black, StrokeWidth = 0.8f, IsStroke = true, IsAntialias = true };

    public SKPaint HeaderFill { get; } = new() { Color = new SKColor(0xEE, 0xEE, 0xEE), IsStroke = false };

    public SKPaint ArrowFill { get; } = new() { Color = SKColors.Black, IsStroke = false, IsAntialias = true };

    /// <summary>Line height of a font: its recommended spacing.</summary>
    public static float LineHeight(SKFont font) => font.Spacing;

    public void Dispose()
    {
        foreach (var font in new[] { Title, Heading, Subheading, Body, Table, TableBold, Small })
        {
            font.Dispose();
        }

        foreach (var paint in new[] { Ink, MutedInk, Rule, Frame, HeaderFill, ArrowFill })
        {
            paint.Dispose();
        }
    }
}
