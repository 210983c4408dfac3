using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using StudyEdc.Core;
using StudyEdc.Core.Analysis;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Reports;
using StudyEdc.Reports.Model;
using StudyEdc.Reports.Pdf;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Endpoints;

/// <summary>
/// What the report page and its downloads show: a snapshot number (null for live data), the population, the level
/// and a threshold (null for the plan's locked threshold). The same query string drives the PDF and the figures.
/// </summary>
public sealed record ReportQuery(int? Snapshot, AnalysisPopulation Population, AnalysisLevel Level, double? Threshold)
{
    /// <summary>Returns the query string, numbers written invariantly.</summary>
    public string ToQueryString()
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"?population={Population}&level={Level}");
        if (Snapshot is { } snapshot)
        {
            query += string.Create(CultureInfo.InvariantCulture, $"&snapshot={snapshot}");
        }

        if (Threshold is { } threshold)
        {
            query += "&threshold=" + threshold.ToString("R", CultureInfo.InvariantCulture);
        }

        return query;
    }

    /// <summary>The Core request in the language of <paramref name="culture"/>.</summary>
    public AccuracyReportRequest ToRequest(CultureInfo culture) => new(
        Snapshot, Population, Level, Threshold,
        culture.TwoLetterISOLanguageName == "zh" ? ReportLanguage.ZhCn : ReportLanguage.En);
}

/// <summary>
/// GET /reports/accuracy.pdf and GET /reports/figures/{roc|froc|stard}.png with a <see cref="ReportQuery"/>. Core
/// decides who may see which report: the PI, and DSMC members read-only, with live data only when the study setting
/// allows it. The PDF download is audited as an export. Figures are drawn by the same Reports code as the PDF.
/// </summary>
internal static class ReportEndpoints
{
    private const string GroupPrefix = "/reports";

    /// <summary>Audit export type of the PDF download.</summary>
    public const string PdfExportType = "AccuracyReportPdf";

    public static string PdfUrl(ReportQuery query) => $"{GroupPrefix}/accuracy.pdf{query.ToQueryString()}";

    public static string FigureUrl(ReportFigure figure, ReportQuery query) =>
        $"{GroupPrefix}/figures/{figure.ToString().ToLowerInvariant()}.png{query.ToQueryString()}";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(GroupPrefix).RequireAuthorization();
        group.MapGet("/accuracy.pdf", PdfAsync);
        group.MapGet("/figures/{figure}.png", FigureAsync);
        return app;
    }

    private static async Task<IResult> PdfAsync(
        string? population, string? level, int? snapshot, string? threshold, HttpContext http, StudyCallerFactory callers,
        IAnalysisService analysis, IAuditTrail audit, IOptions<ReportFontOptions> fonts, IStringLocalizer<ReportResource> text,
        CancellationToken cancellationToken)
    {
        var (caller, report, error) = await BuildAsync(population, level, snapshot, threshold, http, callers, analysis, text, cancellationToken);
        if (report is null)
        {
            return error!;
        }

        var typefaces = ReportTypefaces.Load(fonts.Value);
        var pdf = new MemoryStream();
        await Task.Run(() => AccuracyReportPdfWriter.Write(report, typefaces, pdf), cancellationToken);
        var scope = string.Create(CultureInfo.InvariantCulture,
            $"snapshot {report.Snapshot.Number} ({report.Snapshot.Id}), {report.Population}, {report.Level}, threshold {report.DecisionThreshold:R}, {report.Language}");
        await audit.RecordExportAsync(caller!, PdfExportType, null, scope, cancellationToken);

        pdf.Position = 0;
        var fileName = report.Snapshot.Number > 0
            ? string.Create(CultureInfo.InvariantCulture, $"accuracy-report-snapshot-{report.Snapshot.Number}-{report.Population}-{report.Level}.pdf")
            : string.Create(CultureInfo.InvariantCulture, $"accuracy-report-live-{report.GeneratedAt:yyyyMMdd-HHmm}-{report.Population}-{report.Level}.pdf");
        return Results.File(pdf, "application/pdf", fileName);
    }

    private static async Task<IResult> FigureAsync(
        string figure, string? population, string? level, int? snapshot, string? threshold, HttpContext http, StudyCallerFactory callers,
        IAnalysisService analysis, IOptions<ReportFontOptions> fonts, IStringLocalizer<ReportResource> text, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ReportFigure>(figure, ignoreCase: true, out var reportFigure) || !Enum.IsDefined(reportFigure))
        {
            return BadRequest("figure", "FigureUnknown", text["Error.FigureUnknown", figure]);
        }

        var (_, report, error) = await BuildAsync(population, level, snapshot, threshold, http, callers, analysis, text, cancellationToken);
        if (report is null)
        {
            return error!;
        }

        var typefaces = ReportTypefaces.Load(fonts.Value);
        var png = new MemoryStream();
        await Task.Run(() => AccuracyReportFigureWriter.WritePng(report, typefaces, reportFigure, png), cancellationToken);
        png.Position = 0;
        return Results.File(png, "image/png");
    }

    /// <summary>Identifies the caller, parses the query and builds the report, or returns the HTTP error to send.</summary>
    private static async Task<(StudyCaller? Caller, AccuracyReport? Report, IResult? Error)> BuildAsync(
        string? population, string? level, int? snapshot, string? threshold, HttpContext http, StudyCallerFactory callers,
        IAnalysisService analysis, IStringLocalizer<ReportResource> text, CancellationToken cancellationToken)
    {
        var caller = await callers.FromPrincipalAsync(http.User, cancellationToken);
        if (caller is null)
        {
            return (null, null, Results.Unauthorized());
        }

        var (query, error) = Parse(population, level, snapshot, threshold, text);
        if (query is null)
        {
            return (caller, null, error);
        }

        var built = await analysis.BuildReportAsync(caller, query.ToRequest(CultureInfo.CurrentUICulture), cancellationToken);
        return built.Succeeded ? (caller, built.Value, null) : (caller, null, Failure(built));
    }

    private static (ReportQuery? Query, IResult? Error) Parse(string? population, string? level, int? snapshot, string? threshold, IStringLocalizer<ReportResource> text)
    {
        if (!Enum.TryParse<AnalysisPopulation>(population, ignoreCase: true, out var parsedPopulation) || !Enum.IsDefined(parsedPopulation))
        {
            return (null, BadRequest("population", "PopulationUnknown", text["Error.PopulationUnknown", population ?? ""]));
        }

        if (!Enum.TryParse<AnalysisLevel>(level, ignoreCase: true, out var parsedLevel) || !Enum.IsDefined(parsedLevel))
        {
            return (null, BadRequest("level", "LevelUnknown", text["Error.LevelUnknown", level ?? ""]));
        }

        double? parsedThreshold = null;
        if (!string.IsNullOrEmpty(threshold))
        {
            if (!double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return (null, BadRequest("threshold", "ThresholdInvalid", text["Error.ThresholdInvalid", threshold]));
            }

            parsedThreshold = value;
        }

        return (new ReportQuery(snapshot, parsedPopulation, parsedLevel, parsedThreshold), null);
    }

    private static IResult Failure<T>(ServiceResult<T> result)
    {
        var status = result.Failure switch
        {
            ServiceFailure.Forbidden => StatusCodes.Status403Forbidden,
            ServiceFailure.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        return Results.Json(new { errors = result.Errors }, statusCode: status);
    }

    private static IResult BadRequest(string field, string code, string message) =>
        Results.BadRequest(new { errors = new[] { new ValidationError(field, code, message) } });
}
