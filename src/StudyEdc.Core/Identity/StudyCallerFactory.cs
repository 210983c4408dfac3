using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Data;

namespace StudyEdc.Core.Identity;

/// <summary>
/// Builds the <see cref="StudyCaller"/> for a signed-in principal from the database, not from the cookie's
/// claims, so a deactivation or a role or site change takes effect on the next request.
/// </summary>
public sealed class StudyCallerFactory(StudyDbContext db)
{
    /// <summary>
    /// Returns the caller for <paramref name="principal"/>, or null when it is not authenticated, names no
    /// user id (<see cref="ClaimTypes.NameIdentifier"/>), or names a user that is missing or deactivated.
    /// </summary>
    public async Task<StudyCaller?> FromPrincipalAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);

        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (principal.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(userId))
        {
            return null;
        }

        return await FromUserIdAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the caller for an Identity user id, or null when the user is missing or deactivated.</summary>
    public async Task<StudyCaller?> FromUserIdAsync(string userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.UserName, u.SiteId })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        var roles = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where userRole.UserId == userId
                select role.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return new StudyCaller(
            user.Id,
            user.UserName ?? "",
            roles.OfType<string>().ToHashSet(StringComparer.Ordinal),
            user.SiteId);
    }
}
