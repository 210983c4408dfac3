using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;

namespace StudyEdc.Web.Identity;

/// <summary>Account endpoints that are plain HTTP rather than pages: sign-out and the session keep-alive.</summary>
internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with an antiforgery token, so another site cannot sign the user out.
        endpoints.MapPost(AccountPaths.Logout, async (
            ClaimsPrincipal user,
            [FromServices] SignInManager<StudyUser> signInManager,
            [FromServices] IAuditTrail auditTrail,
            [FromForm] string? reason,
            CancellationToken cancellationToken) =>
        {
            if (user.Identity?.IsAuthenticated == true)
            {
                await auditTrail.RecordAccountEventAsync(
                    user.FindFirstValue(ClaimTypes.NameIdentifier),
                    user.Identity.Name ?? "",
                    AuditAction.SignOut,
                    reason == "idle" ? "idle timeout" : null,
                    cancellationToken);
            }

            await signInManager.SignOutAsync();
            var target = reason == "idle" ? AccountPaths.Login + "?idle=true" : AccountPaths.Login;
            return TypedResults.LocalRedirect(target);
        });

        // Called by the page script while the user types, so the sliding sign-in cookie does not expire in the
        // middle of interactive work that sends no other HTTP request.
        endpoints.MapGet(AccountPaths.KeepAlive, () => TypedResults.NoContent()).RequireAuthorization();
        return endpoints;
    }
}
