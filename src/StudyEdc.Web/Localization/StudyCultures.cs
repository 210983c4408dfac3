using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace StudyEdc.Web.Localization;

/// <summary>
/// The two UI cultures. Simplified Chinese is the default whatever the browser requests. A user's choice of
/// English is stored in StudyUser.PreferredCulture and carried by the culture cookie.
/// </summary>
internal static class StudyCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Chinese, English];

    public static bool IsSupported(string? culture) => culture is not null && All.Contains(culture, StringComparer.Ordinal);

    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = All.Select(name => new CultureInfo(name)).ToList();
        options.DefaultRequestCulture = new RequestCulture(Chinese);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;

        // Only the cookie decides: the browser's Accept-Language must not turn a Chinese site into English.
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
    }

    /// <summary>Writes the culture cookie that the request localization middleware reads.</summary>
    public static void WriteCookie(HttpResponse response, string culture)
    {
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    }
}
