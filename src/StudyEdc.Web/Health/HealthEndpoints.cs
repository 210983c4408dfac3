using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StudyEdc.Web.Health;

/// <summary>Registers the health checks and maps the anonymous <c>/health</c> and <c>/health/live</c> endpoints.</summary>
internal static class HealthEndpoints
{
    public const string DatabaseCheck = "database";
    public const string StorageCheck = "storage";
    public const string InferenceCheck = "inference";
    public const string BasePath = "/health";

    public static void AddStudyEdcHealthChecks(IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(DatabaseCheck)
            .AddCheck<StorageHealthCheck>(StorageCheck)
            .AddCheck<InferenceHealthCheck>(InferenceCheck);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Runs every check and returns 503 when one is Unhealthy. The body carries statuses and descriptions only.
        endpoints.MapHealthChecks(BasePath, new HealthCheckOptions { ResponseWriter = WriteReportAsync })
            .AllowAnonymous();

        // Liveness runs no check, so it returns 200 whenever the process serves requests.
        endpoints.MapHealthChecks(BasePath + "/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous();
        return endpoints;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }
}
