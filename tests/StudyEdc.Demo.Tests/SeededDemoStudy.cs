using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.TestSupport;

namespace StudyEdc.Demo.Tests;

/// <summary>
/// One demo study seeded into a temporary data directory, shared by the tests of a class: six participants per
/// site cover every casebook stage, and one exam per site runs the committed model.
/// </summary>
public sealed class SeededDemoStudy : IAsyncLifetime
{
    public const int ParticipantsPerSite = 6;
    public const int ExamsPerSite = 1;

    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("studyedc-demo-test-");

    public ServiceProvider Services { get; private set; } = default!;

    public ServiceResult<DemoSeedReport> Result { get; private set; } = default!;

    public DemoSeedReport Report => Result.Value!;

    /// <summary>What the seed printed.</summary>
    public string Output { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Services = BuildServices(_dataDirectory.FullName);
        await StudyDatabaseInitializer.InitializeAsync(Services, TextWriter.Null, TestContext.Current.CancellationToken);
        using var console = new StringWriter(CultureInfo.InvariantCulture);
        Result = await DemoStudy.SeedAsync(Services, console, TestContext.Current.CancellationToken);
        Output = console.ToString();
    }

    /// <summary>Runs <paramref name="action"/> with the services of a new scope.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dataDirectory.Delete(recursive: true);
    }

    private static ServiceProvider BuildServices(string dataDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "appsettings.json"), optional: false)
            .AddInMemoryCollection(DemoSettings.Values(dataDirectory, ParticipantsPerSite, ExamsPerSite))
            .Build();
        return DemoServices.Build(configuration);
    }
}
