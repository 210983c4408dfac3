using Microsoft.Extensions.Diagnostics.HealthChecks;
using StudyEdc.Core.Data;

namespace StudyEdc.Web.Health;

/// <summary>Checks that <c>Storage:DataDirectory</c> exists and accepts a write and a delete of a small file.</summary>
internal sealed class StorageHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Not StudyDatabase.ResolveDataDirectory, because that creates a missing folder and would hide the fault.
        var configured = configuration[StudyDatabase.DataDirectoryKey];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? StudyDatabase.DefaultDataDirectory : configured);
        if (!Directory.Exists(directory))
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                "Storage:DataDirectory does not exist: create the folder or correct the setting.");
        }

        var probe = Path.Combine(directory, $".health-{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(probe, "health check", cancellationToken);
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                "Storage:DataDirectory is not writable: give the web app's account write access.", exception);
        }

        return HealthCheckResult.Healthy("Storage:DataDirectory exists and is writable.");
    }
}
