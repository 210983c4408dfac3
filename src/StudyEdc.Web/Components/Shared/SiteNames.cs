using System.Globalization;
using StudyEdc.Web.Localization;

namespace StudyEdc.Web.Components.Shared;

/// <summary>Chooses the Chinese or English name of a site for the current UI culture.</summary>
internal static class SiteNames
{
    public static string Display(string nameZh, string nameEn) =>
        CultureInfo.CurrentUICulture.Name == StudyCultures.English ? nameEn : nameZh;
}
