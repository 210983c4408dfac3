using StudyEdc.Reports;

namespace StudyEdc.Core.Exports;

/// <summary>Kind of export file.</summary>
public enum ExportFormat
{
    /// <summary>ZIP of one UTF-8 CSV (with BOM) per form, the data dictionary and the R, SPSS and Stata loaders.</summary>
    CsvBundle,

    /// <summary>CDISC ODM 1.3.2 XML snapshot of the clinical data with its metadata.</summary>
    Odm,

    /// <summary>The audit trail as one UTF-8 CSV (with BOM), in chain order.</summary>
    AuditTrail,
}

/// <summary>What a caller asks to export.</summary>
/// <param name="Format">Kind of file.</param>
/// <param name="Deidentified">True for the DSMC variant: pseudonymous ids, no identifying fields, dates as day offsets.</param>
/// <param name="SiteCodes">Sites to include; empty means every site in the caller's scope.</param>
public sealed record ExportRequest(ExportFormat Format, bool Deidentified, IReadOnlyList<string> SiteCodes);

/// <summary>A written export: the download name, its media type and what it contains.</summary>
/// <param name="FileName">File name with the date (UTC) and scope, for Content-Disposition.</param>
/// <param name="ContentType">Media type of the file.</param>
/// <param name="SiteCodes">Sites the export covers.</param>
/// <param name="Manifest">Files or forms written with their row counts, as recorded in the audit trail.</param>
public sealed record ExportResult(string FileName, string ContentType, IReadOnlyList<string> SiteCodes, ExportManifest Manifest);

/// <summary>What a caller may export, for the exports page.</summary>
/// <param name="Formats">Formats the caller may request; empty when the role may not export.</param>
/// <param name="FullAllowed">True when the caller may export identified data; false means de-identified only.</param>
/// <param name="SiteCodes">Sites in the caller's scope.</param>
public sealed record ExportPermissions(IReadOnlyList<ExportFormat> Formats, bool FullAllowed, IReadOnlyList<string> SiteCodes)
{
    public bool CanExport => Formats.Count > 0;
}
