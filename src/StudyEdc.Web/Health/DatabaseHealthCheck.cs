using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StudyEdc.Core.Data;

namespace StudyEdc.Web.Health;

/// <summary>Checks that the study database accepts a connection and has every migration applied.</summary>
internal sealed class DatabaseHealthCheck(IServiceScopeFactory scopeFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Health checks are singletons by default, and the DbContext is scoped.
        await using var scope = scopeFactory.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<StudyDbContext>().Database;

        try
        {
            if (!await database.CanConnectAsync(cancellationToken))
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The database does not accept a connection.");
            }

            var pending = (await database.GetPendingMigrationsAsync(cancellationToken)).Count();
            if (pending > 0)
            {
                return new HealthCheckResult(context.Registration.FailureStatus,
                    $"The database is reachable but {pending} migration(s) are not applied: restart the web app or run the migrations.");
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception goes to the health check log only, because its message may name the server.
            return new HealthCheckResult(context.Registration.FailureStatus, "Querying the database failed.", exception);
        }

        return HealthCheckResult.Healthy("The database is reachable and all migrations are applied.");
    }
}
