using System.Globalization;
using System.Resources;

namespace StudyEdc.Demo.Resources;

/// <summary>
/// User-facing text of the demo seed from DemoMessages.resx (English, the neutral resources) and
/// DemoMessages.zh-CN.resx, in the current UI culture.
/// </summary>
internal static class DemoMessages
{
    private static readonly ResourceManager Resources = new("StudyEdc.Demo.Resources.DemoMessages", typeof(DemoMessages).Assembly);

    /// <summary>Returns the text named <paramref name="name"/>, or the name itself when no resource has it.</summary>
    public static string Get(string name) => Resources.GetString(name, CultureInfo.CurrentUICulture) ?? name;

    /// <summary>Formats the text named <paramref name="name"/>; numbers are formatted with the current culture.</summary>
    public static string Format(string name, params object?[] args) =>
        string.Format(CultureInfo.CurrentCulture, Get(name), args);
}
