using StudyEdc.Core.Identity;

namespace StudyEdc.Web.Components.Shared;

/// <summary>
/// Comma-separated role lists for <c>AuthorizeView Roles</c>, so menus and tab bars offer only what the server will
/// serve. They mirror Core's access rules (casebook readers; image viewers add radiologists); the server decides.
/// </summary>
internal static class RoleGroups
{
    public static readonly string CasebookReaders = string.Join(",",
        StudyRoles.SiteCoordinator, StudyRoles.PrincipalInvestigator, StudyRoles.Administrator, StudyRoles.Monitor);

    public static readonly string ImageViewers = CasebookReaders + "," + StudyRoles.Radiologist;
}
