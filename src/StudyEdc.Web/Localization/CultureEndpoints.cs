using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Localization;

internal static class CultureEndpoints
{
    public const string SetPath = "/Culture/Set";

    /// <summary>
    /// Maps GET /Culture/Set?culture=en&amp;returnUrl=/participants: sets the culture cookie, stores the choice for
    /// a signed-in user, and returns to the page (a full reload, so the circuit starts in the new culture).
    /// </summary>
    public static IEndpointRouteBuilder MapCultureEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SetPath, async Task<IResult> (
            HttpContext context,
            [FromQuery] string? culture,
            [FromQuery] string? returnUrl,
            [FromServices] UserManager<StudyUser> userManager) =>
        {
            if (!StudyCultures.IsSupported(culture))
            {
                return TypedResults.BadRequest($"Culture '{culture}' is not supported: use zh-CN or en.");
            }

            StudyCultures.WriteCookie(context.Response, culture!);
            if (context.User.Identity?.IsAuthenticated == true
                && await userManager.GetUserAsync(context.User) is { } user
                && user.PreferredCulture != culture)
            {
                user.PreferredCulture = culture!;
                await userManager.UpdateAsync(user);
            }

            return TypedResults.LocalRedirect(AccountRedirect.LocalOrHome(returnUrl));
        });
        return endpoints;
    }
}
