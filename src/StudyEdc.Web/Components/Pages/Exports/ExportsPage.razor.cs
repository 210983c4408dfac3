using Microsoft.AspNetCore.Components;
using StudyEdc.Core.Exports;
using StudyEdc.Web.Endpoints;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Pages.Exports;

/// <summary>
/// The exports page: lists the exports the signed-in user may download, with a site filter. The links point at
/// <see cref="ExportEndpoints"/>, which check the role and scope again on the server.
/// </summary>
public partial class ExportsPage
{
    private readonly HashSet<string> _selectedSites = new(StringComparer.Ordinal);
    private ExportPermissions? _permissions;

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    private IEnumerable<ExportRow> Rows => _permissions!.Formats.Select(format => new ExportRow(format, Variants(format)));

    protected override async Task OnInitializedAsync() =>
        _permissions = await Operations.RunAsync<IExportService, ExportPermissions>(
            (exports, caller) => exports.GetPermissionsAsync(caller, CancellationToken.None));

    private void OnSiteChanged(string siteCode, bool selected)
    {
        if (selected)
        {
            _selectedSites.Add(siteCode);
        }
        else
        {
            _selectedSites.Remove(siteCode);
        }
    }

    /// <summary>The identified variant when the role allows it, and the de-identified one; the audit trail has one file.</summary>
    private IReadOnlyList<bool> Variants(ExportFormat format)
    {
        if (format == ExportFormat.AuditTrail)
        {
            return [false];
        }

        return _permissions!.FullAllowed ? [false, true] : [true];
    }

    private string DownloadUrl(ExportFormat format, bool deidentified) =>
        ExportEndpoints.DownloadUrl(format, deidentified, [.. _permissions!.SiteCodes.Where(_selectedSites.Contains)]);

    private static string TestId(ExportFormat format, bool deidentified) =>
        $"export-{format}-{(deidentified ? "deidentified" : "full")}".ToLowerInvariant();

    private sealed record ExportRow(ExportFormat Format, IReadOnlyList<bool> Variants);
}
