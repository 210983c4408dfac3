using System.Globalization;
using System.Resources;

namespace StudyEdc.Reports.Resources;

/// <summary>Labels of the generated documents, from ReportText.resx (zh-CN, neutral) and ReportText.en.resx.</summary>
internal sealed class ReportText(ReportLanguage language)
{
    public static readonly ResourceManager ResourceManager =
        new("StudyEdc.Reports.Resources.ReportText", typeof(ReportText).Assembly);

    private readonly CultureInfo _culture = language.ToCulture();

    public ReportLanguage Language { get; } = language;

    /// <summary>Returns the label stored under <paramref name="key"/>.</summary>
    /// <exception cref="InvalidOperationException">No such key: a programming error that the resource tests catch.</exception>
    public string this[string key] => ResourceManager.GetString(key, _culture)
        ?? throw new InvalidOperationException($"Report text '{key}' is missing from Resources/ReportText.resx.");

    /// <summary>Returns the label under <paramref name="key"/> with its placeholders filled, numbers written invariantly.</summary>
    public string Format(string key, params object?[] arguments) =>
        string.Format(CultureInfo.InvariantCulture, this[key], arguments);
}
