using StudyEdc.Reports.Pdf;
using StudyEdc.TestSupport;

namespace StudyEdc.Reports.Tests;

public sealed class ReportTypefacesTests
{
    [Fact]
    public void Missing_font_file_names_the_debian_package()
    {
        var options = new ReportFontOptions { RegularPath = "/nonexistent/NotoSansCJK-Regular.ttc" };

        var error = Assert.Throws<ReportFontException>(() => ReportTypefaces.Load(options));

        Assert.Contains("fonts-noto-cjk", error.Message);
        Assert.Contains("/nonexistent/NotoSansCJK-Regular.ttc", error.Message);
    }

    [Fact]
    public void Latin_only_font_is_rejected_instead_of_drawing_boxes()
    {
        var latinOnly = ExternalResources.RequireFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "fonts-dejavu-core");

        var error = Assert.Throws<ReportFontException>(() => ReportTypefaces.Load(new ReportFontOptions { RegularPath = latinOnly, FaceIndex = 0 }));

        Assert.Contains("lacks Chinese characters", error.Message);
    }

    [Fact]
    public void Default_options_load_noto_sans_cjk_sc()
    {
        var typefaces = ReportTypefaces.Load(new ReportFontOptions());

        Assert.Equal("Noto Sans CJK SC", typefaces.Regular.FamilyName);
    }
}
