namespace StudyEdc.Core.Identity;

/// <summary>
/// The study's roles. Administrator, Principal Investigator, Monitor and DSMC Member see all sites;
/// Site Coordinator and Radiologist belong to exactly one site.
/// </summary>
public static class StudyRoles
{
    public const string Administrator = "Administrator";
    public const string PrincipalInvestigator = "PrincipalInvestigator";
    public const string SiteCoordinator = "SiteCoordinator";
    public const string Radiologist = "Radiologist";
    public const string Monitor = "Monitor";
    public const string DsmcMember = "DsmcMember";

    public static IReadOnlyList<string> All { get; } =
    [
        Administrator, PrincipalInvestigator, SiteCoordinator, Radiologist, Monitor, DsmcMember,
    ];

    /// <summary>Roles whose users are not tied to one site.</summary>
    public static IReadOnlyList<string> AllSiteRoles { get; } =
    [
        Administrator, PrincipalInvestigator, Monitor, DsmcMember,
    ];

    public static bool IsAllSiteRole(string role) => AllSiteRoles.Contains(role, StringComparer.Ordinal);
}
