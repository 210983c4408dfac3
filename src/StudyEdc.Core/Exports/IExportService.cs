using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Exports;

/// <summary>
/// Writes the study's exports from the database, scoped by the caller's role and site, and records each one in the
/// audit trail with its format, sites, de-identification and row counts.
/// </summary>
public interface IExportService
{
    /// <summary>Returns the formats, variants and sites the caller may export.</summary>
    Task<ExportPermissions> GetPermissionsAsync(StudyCaller caller, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the requested export to <paramref name="output"/> (left open) and audits it. Nothing is written and
    /// nothing audited when the request fails: <see cref="ServiceFailure.Forbidden"/> for a role or variant the
    /// caller may not export, <see cref="ServiceFailure.Invalid"/> for an unknown site or one outside the caller's scope.
    /// </summary>
    /// <remarks>
    /// The ODM writer is synchronous, so pass a file or memory stream rather than an HTTP response body.
    /// </remarks>
    Task<ServiceResult<ExportResult>> WriteAsync(StudyCaller caller, ExportRequest request, Stream output, CancellationToken cancellationToken);
}
