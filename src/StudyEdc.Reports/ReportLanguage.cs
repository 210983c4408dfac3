using System.Globalization;

namespace StudyEdc.Reports;

/// <summary>Language of a generated document. Simplified Chinese is the study's default.</summary>
public enum ReportLanguage
{
    ZhCn,
    En,
}

public static class ReportLanguageExtensions
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>Returns the culture whose .resx strings the document uses.</summary>
    public static CultureInfo ToCulture(this ReportLanguage language) =>
        language == ReportLanguage.ZhCn ? Chinese : English;

    /// <summary>Returns the BCP 47 tag, as written in xml:lang attributes.</summary>
    public static string ToLanguageTag(this ReportLanguage language) =>
        language == ReportLanguage.ZhCn ? "zh-CN" : "en";
}
