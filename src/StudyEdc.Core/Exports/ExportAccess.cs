using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Exports;

/// <summary>
/// Who may export what. Administrators and Principal Investigators export everything for all sites. A Monitor
/// exports everything within its own scope, which is all sites or its one site. A DSMC member exports only the
/// de-identified clinical data and never the audit trail, because its user names and old values are not
/// de-identified. Site Coordinators and Radiologists may not export, because coordinators enter data and
/// radiologists read blinded.
/// </summary>
internal static class ExportAccess
{
    private static readonly string[] FullExportRoles =
        [StudyRoles.Administrator, StudyRoles.PrincipalInvestigator, StudyRoles.Monitor];

    public static bool MayExportFull(StudyCaller caller) => FullExportRoles.Any(caller.IsInRole);

    public static bool MayExportDeidentified(StudyCaller caller) =>
        MayExportFull(caller) || caller.IsInRole(StudyRoles.DsmcMember);

    public static IReadOnlyList<ExportFormat> Formats(StudyCaller caller)
    {
        if (MayExportFull(caller))
        {
            return [ExportFormat.CsvBundle, ExportFormat.Odm, ExportFormat.AuditTrail];
        }

        return MayExportDeidentified(caller) ? [ExportFormat.CsvBundle, ExportFormat.Odm] : [];
    }

    /// <summary>True when the caller may request <paramref name="format"/> in the given variant.</summary>
    public static bool MayExport(StudyCaller caller, ExportFormat format, bool deidentified)
    {
        if (!Formats(caller).Contains(format))
        {
            return false;
        }

        return deidentified ? MayExportDeidentified(caller) : MayExportFull(caller);
    }
}
