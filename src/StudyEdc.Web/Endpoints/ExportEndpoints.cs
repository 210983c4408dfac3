using System.Globalization;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Exports;
using StudyEdc.Core.Identity;

namespace StudyEdc.Web.Endpoints;

/// <summary>
/// Download endpoints of the exports: GET /exports/{csv|odm|audit-trail}?deidentified=true&amp;sites=WCH,HPH. Core
/// decides what the caller may export and audits every download. The endpoint writes the export to a temporary
/// file first, so a rejected or failed export sends no partial data. Then it streams the file with a dated name.
/// </summary>
internal static class ExportEndpoints
{
    private const string GroupPrefix = "/exports";

    private static readonly Dictionary<string, ExportFormat> FormatsBySegment = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csv"] = ExportFormat.CsvBundle,
        ["odm"] = ExportFormat.Odm,
        ["audit-trail"] = ExportFormat.AuditTrail,
    };

    /// <summary>Returns the download URL of an export; an empty site list means every site in the caller's scope.</summary>
    public static string DownloadUrl(ExportFormat format, bool deidentified, IReadOnlyCollection<string> siteCodes)
    {
        var segment = FormatsBySegment.Single(pair => pair.Value == format).Key;
        var url = string.Create(CultureInfo.InvariantCulture, $"{GroupPrefix}/{segment}?deidentified={(deidentified ? "true" : "false")}");
        return siteCodes.Count == 0 ? url : url + "&sites=" + Uri.EscapeDataString(string.Join(',', siteCodes));
    }

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup(GroupPrefix).RequireAuthorization().MapGet("/{format}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> DownloadAsync(
        string format, bool? deidentified, string? sites, HttpContext http, StudyCallerFactory callers, IExportService exports,
        IConfiguration configuration, CancellationToken cancellationToken)
    {
        var caller = await callers.FromPrincipalAsync(http.User, cancellationToken);
        if (caller is null)
        {
            return Results.Unauthorized();
        }

        if (!FormatsBySegment.TryGetValue(format, out var exportFormat))
        {
            var message = ExportMessages.Format("FormatUnknown", format, string.Join(", ", FormatsBySegment.Keys));
            return Results.BadRequest(new { errors = new[] { new ValidationError("format", "FormatUnknown", message) } });
        }

        var siteCodes = (sites ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var request = new ExportRequest(exportFormat, deidentified ?? false, siteCodes);
        var file = CreateTemporaryFile(configuration);
        var handedOver = false;
        try
        {
            var result = await exports.WriteAsync(caller, request, file, cancellationToken);
            if (!result.Succeeded)
            {
                var status = result.Failure == ServiceFailure.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
                return Results.Json(new { errors = result.Errors }, statusCode: status);
            }

            // Results.File disposes the stream, and so deletes the file, once the response is sent.
            file.Position = 0;
            handedOver = true;
            return Results.File(file, result.Value!.ContentType, result.Value.FileName);
        }
        finally
        {
            if (!handedOver)
            {
                await file.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Creates a temporary file in the data directory's staging folder, which holds study data anyway, unlike the
    /// system's temporary folder. The file is deleted when the stream is closed.
    /// </summary>
    private static FileStream CreateTemporaryFile(IConfiguration configuration)
    {
        var staging = Path.Combine(StudyDatabase.ResolveDataDirectory(configuration), "staging");
        Directory.CreateDirectory(staging);
        return new FileStream(
            Path.Combine(staging, "export-" + Guid.NewGuid().ToString("N")),
            FileMode.CreateNew,
            FileAccess.ReadWrite,
            FileShare.None,
            bufferSize: 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
    }
}
