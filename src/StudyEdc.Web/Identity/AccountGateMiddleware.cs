namespace StudyEdc.Web.Identity;

/// <summary>
/// Holds a signed-in user on the account pages until the pending steps are done: a one-time password must be
/// changed first, then an Administrator must set up an authenticator app. Other requests are redirected.
/// </summary>
internal sealed class AccountGateMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || IsAlwaysAllowed(context.Request.Path))
        {
            return next(context);
        }

        if (user.HasClaim(WebClaimTypes.MustChangePassword, "true"))
        {
            return RedirectUnlessAt(context, AccountPaths.ChangePassword);
        }

        if (user.HasClaim(WebClaimTypes.TwoFactorSetupRequired, "true"))
        {
            return RedirectUnlessAt(context, AccountPaths.EnableAuthenticator);
        }

        return next(context);
    }

    private Task RedirectUnlessAt(HttpContext context, string allowedPath)
    {
        if (context.Request.Path.StartsWithSegments(allowedPath, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        context.Response.Redirect(allowedPath);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sign-out, the culture switch, static files and the health endpoints stay reachable during the pending steps.
    /// </summary>
    private static bool IsAlwaysAllowed(PathString path) =>
        path.StartsWithSegments(AccountPaths.Logout, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/Culture", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(Health.HealthEndpoints.BasePath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || Path.HasExtension(path.Value);
}
