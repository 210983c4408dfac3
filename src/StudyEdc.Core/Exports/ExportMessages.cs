using System.Globalization;
using System.Resources;

namespace StudyEdc.Core.Exports;

/// <summary>User-facing text of the exports from ExportMessages.resx (English) and ExportMessages.zh-CN.resx.</summary>
public static class ExportMessages
{
    private static readonly ResourceManager Resources = new("StudyEdc.Core.Exports.ExportMessages", typeof(ExportMessages).Assembly);

    /// <summary>Returns the text named <paramref name="name"/> in the current UI culture, or the name itself when none exists.</summary>
    public static string Get(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    /// <summary>Formats the text named <paramref name="name"/> with the current culture.</summary>
    public static string Format(string name, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
