using System.Globalization;
using System.Reflection;
using System.Resources;
using StudyEdc.Core.Forms;
using StudyEdc.Reports;

namespace StudyEdc.Core.Analysis;

/// <summary>
/// Labels that Core puts into a report (site "pooled", STARD reasons), in the report's language rather than the
/// user's, from AnalysisMessages.resx (English, neutral) and AnalysisMessages.zh-CN.resx.
/// </summary>
internal sealed class AnalysisReportText(ReportLanguage language)
{
    private readonly CultureInfo _culture = language.ToCulture();

    /// <exception cref="InvalidOperationException">No such key: a programming error that the resource tests catch.</exception>
    public string this[string key] => AnalysisMessages.ResourceManager.GetString(key, _culture)
        ?? throw new InvalidOperationException($"Analysis text '{key}' is missing from Analysis/AnalysisMessages.resx.");

    /// <summary>Returns the CRF choice label of <paramref name="value"/> in the report's language.</summary>
    public string Choice<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var choice = typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<CrfChoiceAttribute>()
            ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{value} has no [CrfChoice] labels.");
        return CrfLabels.Pick(_culture, choice.LabelZh, choice.LabelEn);
    }
}

/// <summary>User-facing messages of the analysis services, in the current UI culture.</summary>
public static class AnalysisMessages
{
    internal static readonly ResourceManager ResourceManager =
        new("StudyEdc.Core.Analysis.AnalysisMessages", typeof(AnalysisMessages).Assembly);

    /// <summary>Returns the text named <paramref name="name"/>, or the name itself when no resource has it.</summary>
    public static string Get(string name) => ResourceManager.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    /// <summary>Formats the text named <paramref name="name"/> with the current culture.</summary>
    public static string Format(string name, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
