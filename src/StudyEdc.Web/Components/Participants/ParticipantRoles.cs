using StudyEdc.Core.Identity;

namespace StudyEdc.Web.Components.Participants;

/// <summary>
/// Which roles see which participant buttons. This only hides buttons: Core checks every command again.
/// </summary>
internal static class ParticipantRoles
{
    /// <summary>Roles that enrol participants and edit the CRF (AuthorizeView Roles format).</summary>
    public const string Enrollers = StudyRoles.SiteCoordinator + "," + StudyRoles.PrincipalInvestigator + "," + StudyRoles.Administrator;

    public static bool CanEdit(StudyCaller caller) =>
        caller.IsInRole(StudyRoles.SiteCoordinator) || caller.IsInRole(StudyRoles.PrincipalInvestigator) || caller.IsInRole(StudyRoles.Administrator);

    public static bool CanVerify(StudyCaller caller) =>
        caller.IsInRole(StudyRoles.Monitor) || caller.IsInRole(StudyRoles.PrincipalInvestigator) || caller.IsInRole(StudyRoles.Administrator);

    /// <summary>Roles that open, close and reopen data queries, as Core's query service allows.</summary>
    public static bool CanReviewQueries(StudyCaller caller) =>
        caller.IsInRole(StudyRoles.Monitor) || caller.IsInRole(StudyRoles.PrincipalInvestigator);

    public static bool CanLock(StudyCaller caller) =>
        caller.IsInRole(StudyRoles.PrincipalInvestigator) || caller.IsInRole(StudyRoles.Administrator);
}
