using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Imaging;

/// <summary>Who may see and change a participant's images, on top of the site scoping of the casebook.</summary>
internal static class ImagingAccess
{
    /// <summary>Roles that upload images and confirm phases.</summary>
    public static IReadOnlyList<string> UploaderRoles { get; } =
        [StudyRoles.SiteCoordinator, StudyRoles.PrincipalInvestigator, StudyRoles.Administrator];

    public static bool CanUpload(StudyCaller caller) => UploaderRoles.Any(caller.IsInRole);

    /// <summary>Whether the caller may remove stored series: site coordinators and Administrators may.</summary>
    public static bool CanRemoveSeries(StudyCaller caller) => caller.IsInRole(StudyRoles.SiteCoordinator) || caller.IsInRole(StudyRoles.Administrator);

    /// <summary>Casebook readers and the site's radiologists, who read the images blinded.</summary>
    public static bool CanView(StudyCaller caller) => CasebookAccess.CanRead(caller) || caller.IsInRole(StudyRoles.Radiologist);

    /// <summary>
    /// Whether the model's detections may be shown. Radiologists never see them, even with a second reader role,
    /// because their reads must stay blinded to the model.
    /// </summary>
    public static bool CanSeePredictions(StudyCaller caller) => CasebookAccess.CanRead(caller) && !caller.IsInRole(StudyRoles.Radiologist);

    public static bool CanAccess(StudyCaller caller, int siteId) => CanView(caller) && caller.CanAccessSite(siteId);
}

/// <summary>Values of <see cref="Auditing.AuditEntry.EntityType"/> for images and inference.</summary>
public static class ImagingAuditEntityTypes
{
    public const string Series = "ImagingSeries";
    public const string InferenceJob = "InferenceJob";
    public const string RegisteredModel = "RegisteredModel";
}
