using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Reports;
using StudyEdc.Reports.Csv;
using StudyEdc.Reports.Odm;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Core.Exports;

internal sealed partial class ExportService(
    StudyDbContext db, IAuditTrail auditTrail, IOptions<ExportOptions> options, TimeProvider timeProvider, ILogger<ExportService> logger)
    : IExportService
{
    public async Task<ExportPermissions> GetPermissionsAsync(StudyCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var formats = ExportAccess.Formats(caller);
        if (formats.Count == 0)
        {
            return new ExportPermissions([], FullAllowed: false, []);
        }

        var sites = await SitesInScopeAsync(caller, cancellationToken).ConfigureAwait(false);
        return new ExportPermissions(formats, ExportAccess.MayExportFull(caller), [.. sites.Select(site => site.Code)]);
    }

    public async Task<ServiceResult<ExportResult>> WriteAsync(StudyCaller caller, ExportRequest request, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);

        if (!Enum.IsDefined(request.Format))
        {
            return Fail(ServiceFailure.Invalid, "FormatUnknown", request.Format, string.Join(", ", Enum.GetNames<ExportFormat>()));
        }

        // The audit trail has no de-identified variant, so its audit entry never claims one.
        if (request.Format == ExportFormat.AuditTrail)
        {
            request = request with { Deidentified = false };
        }

        if (!ExportAccess.MayExport(caller, request.Format, request.Deidentified))
        {
            LogExportRefused(caller.UserId, request.Format, request.Deidentified);
            return Fail(ServiceFailure.Forbidden, RejectionCode(caller, request.Format), request.Format);
        }

        var scope = await SitesInScopeAsync(caller, cancellationToken).ConfigureAwait(false);
        if (scope.Count == 0)
        {
            return Fail(ServiceFailure.Invalid, "NoSitesInScope");
        }

        var requested = request.SiteCodes.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (requested.FirstOrDefault(code => !scope.Any(site => string.Equals(site.Code, code, StringComparison.OrdinalIgnoreCase))) is { } unknown)
        {
            return Fail(ServiceFailure.Invalid, "SiteNotInScope", unknown, string.Join(", ", scope.Select(site => site.Code)));
        }

        var sites = requested.Count == 0
            ? scope
            : [.. scope.Where(site => requested.Contains(site.Code, StringComparer.OrdinalIgnoreCase))];
        var allSites = requested.Count == 0 && caller.HasAllSites;

        var manifest = await WriteFileAsync(request, sites, allSites, output, cancellationToken).ConfigureAwait(false);
        var siteCodes = sites.Select(site => site.Code).ToList();
        var result = new ExportResult(FileName(request, siteCodes, allSites), ContentType(request.Format), siteCodes, manifest);

        await auditTrail.RecordExportAsync(
            caller,
            AuditType(request),
            sites.Count == 1 ? sites[0].Id : null,
            reason: null,
            AuditDetail(request, siteCodes, allSites, manifest),
            cancellationToken).ConfigureAwait(false);
        var rowCount = manifest.Parts.Sum(part => part.RowCount ?? 0);
        LogExportWritten(caller.UserId, request.Format, request.Deidentified, siteCodes.Count, rowCount);
        return ServiceResult<ExportResult>.Success(result);
    }

    private async Task<ExportManifest> WriteFileAsync(
        ExportRequest request, IReadOnlyList<SiteRef> sites, bool allSites, Stream output, CancellationToken cancellationToken)
    {
        var siteIds = sites.Select(site => site.Id).ToList();
        if (request.Format == ExportFormat.AuditTrail)
        {
            // The whole trail for an all-site caller; otherwise only the entries of the chosen sites.
            var rows = await AuditTrailCsvWriter.WriteAsync(db, allSites ? null : siteIds, output, cancellationToken).ConfigureAwait(false);
            return new ExportManifest(ExportScope.Full, [new ExportPart(AuditTrailCsvWriter.FileName, rows)]);
        }

        var pseudonyms = request.Deidentified ? SubjectPseudonyms.Create(options.Value.PseudonymKey) : null;
        var dataset = await new ExportDatasetBuilder(db, options.Value).BuildAsync(siteIds, pseudonyms, cancellationToken).ConfigureAwait(false);
        var scope = request.Deidentified ? ExportScope.Deidentified : ExportScope.Full;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" ? ReportLanguage.ZhCn : ReportLanguage.En;

        if (request.Format == ExportFormat.CsvBundle)
        {
            return await CsvExportWriter.WriteZipAsync(dataset, scope, language, output, cancellationToken).ConfigureAwait(false);
        }

        var file = new OdmFileInfo("StudyEdc." + Guid.NewGuid().ToString("N"), timeProvider.GetUtcNow(), SourceSystemVersion());
        return OdmWriter.Write(dataset, scope, file, output, cancellationToken);
    }

    private async Task<List<SiteRef>> SitesInScopeAsync(StudyCaller caller, CancellationToken cancellationToken)
    {
        var sites = db.Sites.AsNoTracking();
        if (!caller.HasAllSites)
        {
            var siteId = caller.SiteId;
            sites = siteId is null ? sites.Where(s => false) : sites.Where(s => s.Id == siteId);
        }

        return await sites.OrderBy(s => s.Id).Select(s => new SiteRef(s.Id, s.Code)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds a download name such as studyedc_csv_deidentified_all-sites_2026-12-04.zip (UTC date).</summary>
    private string FileName(ExportRequest request, IReadOnlyList<string> siteCodes, bool allSites)
    {
        var (kind, extension) = request.Format switch
        {
            ExportFormat.CsvBundle => ("csv", "zip"),
            ExportFormat.Odm => ("odm", "xml"),
            _ => ("audit-trail", "csv"),
        };
        var variant = "";
        if (request.Format != ExportFormat.AuditTrail)
        {
            variant = request.Deidentified ? "_deidentified" : "_full";
        }

        var sites = allSites ? "all-sites" : string.Join('-', siteCodes);
        var date = timeProvider.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"studyedc_{kind}{variant}_{sites}_{date}.{extension}";
    }

    /// <summary>Returns the message code of a rejected request: the role may not export, may export de-identified data only, or may not export this format.</summary>
    private static string RejectionCode(StudyCaller caller, ExportFormat format) => ExportAccess.Formats(caller) switch
    {
        { Count: 0 } => "RoleCannotExport",
        var formats when formats.Contains(format) => "DeidentifiedOnly",
        _ => "FormatNotAllowed",
    };

    private static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.CsvBundle => "application/zip",
        ExportFormat.Odm => "application/xml",
        _ => "text/csv; charset=utf-8",
    };

    private static string AuditType(ExportRequest request) =>
        request.Format == ExportFormat.AuditTrail ? request.Format.ToString() : $"{request.Format}.{(request.Deidentified ? "Deidentified" : "Full")}";

    /// <summary>Returns the audit detail: format, variant, sites and each file's row count, as JSON.</summary>
    private static string AuditDetail(ExportRequest request, IReadOnlyList<string> siteCodes, bool allSites, ExportManifest manifest) =>
        JsonSerializer.Serialize(new ExportAuditDetail(
            request.Format.ToString(),
            request.Deidentified,
            allSites,
            siteCodes,
            [.. manifest.Parts.Select(part => new ExportAuditFile(part.Name, part.RowCount))]));

    private static string SourceSystemVersion() =>
        typeof(ExportService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static ServiceResult<ExportResult> Fail(ServiceFailure failure, string code, params object?[] args) =>
        ServiceResult<ExportResult>.Fail(failure, new ValidationError("", code, ExportMessages.Format(code, args)));

    [LoggerMessage(EventId = 2801, Level = LogLevel.Information,
        Message = "Export written for user {UserId}: {Format}, de-identified {Deidentified}, {SiteCount} sites, {RowCount} rows")]
    private partial void LogExportWritten(string userId, ExportFormat format, bool deidentified, int siteCount, int rowCount);

    [LoggerMessage(EventId = 2802, Level = LogLevel.Warning, Message = "Export refused for user {UserId}: {Format}, de-identified {Deidentified}")]
    private partial void LogExportRefused(string userId, ExportFormat format, bool deidentified);

    private sealed record SiteRef(int Id, string Code);
}

/// <summary>The audit detail of one export, stored as JSON in the entry's new value.</summary>
/// <param name="Format">Export format name.</param>
/// <param name="Deidentified">True for the DSMC variant.</param>
/// <param name="AllSites">True when every site of the study was exported.</param>
/// <param name="Sites">Site codes exported.</param>
/// <param name="Files">Files (or ODM forms) with their data row counts; null counts are scripts.</param>
public sealed record ExportAuditDetail(string Format, bool Deidentified, bool AllSites, IReadOnlyList<string> Sites, IReadOnlyList<ExportAuditFile> Files);

/// <summary>One file of an export's audit detail.</summary>
public sealed record ExportAuditFile(string Name, int? Rows);
