using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace StudyEdc.Web.Tests.Infrastructure;

/// <summary>The real web host on the test server, with a fresh SQLite database in a temporary folder.</summary>
public sealed class StudyEdcWebFactory : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory _dataDirectory = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in StudyFixtures.Settings(_dataDirectory.Path))
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Testing");
    }

    /// <summary>Runs <paramref name="action"/> with the services of a fresh scope of the started host.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _dataDirectory.Dispose();
    }
}
