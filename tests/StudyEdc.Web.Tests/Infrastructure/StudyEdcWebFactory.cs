using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace StudyEdc.Web.Tests.Infrastructure;

/// <summary>The real web host on the test server, with a fresh SQLite database in a temporary folder.</summary>
/// <param name="extraSettings">Settings added to (or overriding) the test defaults, for example a feature switch.</param>
public sealed class StudyEdcWebFactory(IReadOnlyDictionary<string, string?>? extraSettings = null) : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory _dataDirectory = new();

    public string DataDirectory => _dataDirectory.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in StudyFixtures.Settings(_dataDirectory.Path).Concat(extraSettings ?? new Dictionary<string, string?>()))
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
