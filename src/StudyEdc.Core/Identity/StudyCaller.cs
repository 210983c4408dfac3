namespace StudyEdc.Core.Identity;

/// <summary>
/// The authenticated user on whose behalf a Core service runs. Core services take it explicitly and scope
/// every query and command by it; pages and endpoints build it from the signed-in principal.
/// </summary>
/// <param name="UserId">Identity user id.</param>
/// <param name="UserName">Sign-in name, recorded in the audit trail.</param>
/// <param name="Roles">The user's roles (<see cref="StudyRoles"/>).</param>
/// <param name="SiteId">The user's site, or null for all-site roles.</param>
public sealed record StudyCaller(string UserId, string UserName, IReadOnlySet<string> Roles, int? SiteId)
{
    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>True when the caller may see every site: an all-site role and no site of its own.</summary>
    public bool HasAllSites => SiteId is null && Roles.Any(StudyRoles.IsAllSiteRole);

    /// <summary>True when the caller may read data of <paramref name="siteId"/>.</summary>
    public bool CanAccessSite(int siteId) => HasAllSites || SiteId == siteId;
}
