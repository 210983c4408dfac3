using Microsoft.AspNetCore.Components;

namespace StudyEdc.Web.Identity;

/// <summary>Redirects from the static account pages, accepting only paths of this site as targets.</summary>
internal sealed class AccountRedirect(NavigationManager navigationManager)
{
    /// <summary>Returns <paramref name="returnUrl"/> when it is a local path, otherwise "/".</summary>
    public static string LocalOrHome(string? returnUrl)
    {
        // "//host" and "/\host" are protocol-relative URLs that browsers send to another host.
        if (string.IsNullOrEmpty(returnUrl)
            || returnUrl[0] != '/'
            || (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\')))
        {
            return "/";
        }

        return returnUrl;
    }

    /// <summary>Ends the static render with a redirect; on the server this throws NavigationException by design.</summary>
    public void RedirectTo(string? returnUrl) => navigationManager.NavigateTo(LocalOrHome(returnUrl));

    public void RedirectTo(string path, IReadOnlyDictionary<string, object?> query) =>
        navigationManager.NavigateTo(navigationManager.GetUriWithQueryParameters(LocalOrHome(path), query));
}
