using SkiaSharp;
using StudyEdc.Reports.Pdf;

namespace StudyEdc.Reports.Tests;

public sealed class AccuracyReportFigureWriterTests
{
    private static readonly ReportTypefaces Typefaces = ReportTypefaces.Load(new ReportFontOptions());

    [Theory]
    [InlineData(ReportFigure.Roc)]
    [InlineData(ReportFigure.Froc)]
    [InlineData(ReportFigure.Stard)]
    public void Figure_is_a_page_wide_png(ReportFigure figure)
    {
        using var output = new MemoryStream();

        AccuracyReportFigureWriter.WritePng(SampleReports.Build(ReportLanguage.ZhCn), Typefaces, figure, output, scale: 1);
        using var bitmap = SKBitmap.Decode(output.ToArray());

        Assert.NotNull(bitmap);
        Assert.Equal(596, bitmap.Width);
        Assert.InRange(bitmap.Height, 100, 842);
    }

    [Fact]
    public void Figure_draws_ink_on_white()
    {
        using var output = new MemoryStream();

        AccuracyReportFigureWriter.WritePng(SampleReports.Build(ReportLanguage.En), Typefaces, ReportFigure.Stard, output, scale: 1);
        using var bitmap = SKBitmap.Decode(output.ToArray());
        var dark = bitmap.Pixels.Count(pixel => pixel.Red < 100 && pixel.Green < 100 && pixel.Blue < 100);

        Assert.Equal(SKColors.White, bitmap.GetPixel(0, 0));
        Assert.True(dark > 1000, $"Only {dark} dark pixels: the diagram was not drawn.");
    }

    [Fact]
    public void Scale_outside_the_range_is_rejected()
    {
        using var output = new MemoryStream();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            AccuracyReportFigureWriter.WritePng(SampleReports.Build(ReportLanguage.En), Typefaces, ReportFigure.Roc, output, scale: 10));
    }
}
