using System.Globalization;
using System.Text;
using StudyEdc.Reports.Model;
using StudyEdc.Reports.Pdf;

namespace StudyEdc.Reports.Tests;

public sealed class AccuracyReportPdfWriterTests
{
    private static readonly ReportTypefaces Typefaces = ReportTypefaces.Load(new ReportFontOptions());

    [Theory]
    [InlineData(ReportLanguage.ZhCn)]
    [InlineData(ReportLanguage.En)]
    public void Pdf_starts_with_pdf_header(ReportLanguage language)
    {
        var bytes = WritePdf(SampleReports.Build(language), out _);

        Assert.Equal("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
    }

    [Theory]
    [InlineData(ReportLanguage.ZhCn)]
    [InlineData(ReportLanguage.En)]
    public void Page_count_matches_pdfinfo(ReportLanguage language)
    {
        var path = WritePdfFile(SampleReports.Build(language), language, out var pages);

        var info = PopplerTools.Run("pdfinfo", path);

        var line = info.Split('\n').Single(line => line.StartsWith("Pages:", StringComparison.Ordinal));
        Assert.Equal(pages, int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Chinese_report_text_contains_title_and_pooled_sensitivity()
    {
        var report = SampleReports.Build(ReportLanguage.ZhCn);
        var path = WritePdfFile(report, ReportLanguage.ZhCn, out var pages);

        var text = PopplerTools.Run("pdftotext", "-enc", "UTF-8", path, "-");

        Assert.Contains("诊断准确性报告", text);
        Assert.Contains(report.StudyTitle, text);
        Assert.Contains(report.Pooled.Accuracy.Sensitivity.Estimate!.Value.ToString("F3", CultureInfo.InvariantCulture), text);
        Assert.Contains($"第 1 页，共 {pages} 页", text);
        Assert.Contains("STARD 2015 流程图", text);
    }

    [Fact]
    public void English_report_text_contains_page_numbers_and_footer()
    {
        var report = SampleReports.Build(ReportLanguage.En);
        var path = WritePdfFile(report, ReportLanguage.En, out var pages);

        var text = PopplerTools.Run("pdftotext", "-enc", "UTF-8", path, "-");

        Assert.Contains("Diagnostic accuracy report", text);
        Assert.Contains($"Page {pages} of {pages}", text);
        Assert.Contains("Data snapshot 7 · Model LiverNet 1.2.0", text);
        Assert.Contains(report.Pooled.Auc.Auc!.Value.ToString("F3", CultureInfo.InvariantCulture), text);
    }

    [Fact]
    public void Every_font_in_the_pdf_is_embedded()
    {
        var path = WritePdfFile(SampleReports.Build(ReportLanguage.ZhCn), ReportLanguage.ZhCn, out _);

        var fonts = PopplerTools.Run("pdffonts", path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();

        Assert.NotEmpty(fonts);
        Assert.All(fonts, line => Assert.Contains(" yes ", line[36..]));
    }

    [Fact]
    public void Site_without_positives_prints_not_estimable_reason()
    {
        var report = SampleReports.Build(ReportLanguage.ZhCn);
        var empty = SampleReports.BuildSiteWithoutPositives("无阳性中心");
        report = report with { Sites = [.. report.Sites, empty] };
        var path = WritePdfFile(report, ReportLanguage.ZhCn, out _);

        var text = PopplerTools.Run("pdftotext", "-enc", "UTF-8", path, "-");

        Assert.Contains("不可估计：无阳性病例", text);
    }

    internal static byte[] WritePdf(AccuracyReport report, out int pages)
    {
        using var stream = new MemoryStream();
        pages = AccuracyReportPdfWriter.Write(report, Typefaces, stream);
        return stream.ToArray();
    }

    private static string WritePdfFile(AccuracyReport report, ReportLanguage language, out int pages)
    {
        var bytes = WritePdf(report, out pages);
        var directory = Environment.GetEnvironmentVariable("STUDYEDC_KEEP_REPORTS") ?? Path.Combine(Path.GetTempPath(), "studyedc-report-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"accuracy-report-{language}-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
