using System.Globalization;
using System.Resources;

namespace StudyEdc.Core.Resources;

/// <summary>
/// User-facing text of image upload, phase confirmation and inference from ImagingMessages.resx (English, the
/// neutral resources) and ImagingMessages.zh-CN.resx, in the current UI culture.
/// </summary>
public static class ImagingMessages
{
    private static readonly ResourceManager Resources =
        new("StudyEdc.Core.Resources.ImagingMessages", typeof(ImagingMessages).Assembly);

    /// <summary>Returns the text named <paramref name="name"/>, or the name itself when no resource has it.</summary>
    public static string Get(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    /// <summary>Formats the text named <paramref name="name"/>; arguments are formatted with the current culture.</summary>
    public static string Format(string name, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
