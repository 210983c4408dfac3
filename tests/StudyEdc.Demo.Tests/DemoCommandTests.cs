using System.Globalization;
using Microsoft.Data.Sqlite;
using StudyEdc.Cli;

namespace StudyEdc.Demo.Tests;

/// <summary>`studyedc demo seed`, run in process into a temporary data directory with one participant per site.</summary>
public sealed class DemoCommandTests : IDisposable
{
    // Exit codes that `studyedc demo seed` documents.
    private const int ExitSeeded = 0;
    private const int ExitRefused = 1;
    private const int ExitError = 2;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("studyedc-demo-cli-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Seed_prints_the_accounts_once()
    {
        var settings = WriteSettings();

        var (exitCode, output, _) = await RunAsync("demo", "seed", "--settings", settings);

        Assert.Equal(ExitSeeded, exitCode);
        Assert.Contains("==== StudyEdc demo study: sign-in accounts", output, StringComparison.Ordinal);
        Assert.Contains("wuh-coordinator", output, StringComparison.Ordinal);
        Assert.Contains("Demo study seeded: 23 users, 5 participants at 5 sites", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_seed_exits_with_the_rejection()
    {
        var settings = WriteSettings();
        await RunAsync("demo", "seed", "--settings", settings);

        var (exitCode, output, _) = await RunAsync("demo", "seed", "--settings", settings);

        Assert.Equal(ExitRefused, exitCode);
        Assert.StartsWith("The database already holds 5 participants", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sign-in accounts", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_directory_option_overrides_the_settings()
    {
        var settings = WriteSettings();
        var dataDirectory = Path.Combine(_folder.FullName, "other");

        var (exitCode, _, _) = await RunAsync("demo", "seed", "--settings", settings, "--data-directory", dataDirectory);

        Assert.Equal(ExitSeeded, exitCode);
        Assert.True(File.Exists(Path.Combine(dataDirectory, "studyedc.db")));
    }

    [Fact]
    public async Task Missing_settings_file_is_named()
    {
        var missing = Path.Combine(_folder.FullName, "missing.json");

        var (exitCode, _, error) = await RunAsync("demo", "seed", "--settings", missing);

        Assert.Equal(ExitError, exitCode);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    private string WriteSettings() =>
        DemoSettings.WriteSettingsFile(_folder.FullName, DemoSettings.Values(Path.Combine(_folder.FullName, "data"), participantsPerSite: 1, examsPerSite: 0));

    /// <summary>Runs `studyedc` in process under the invariant UI culture, so the English messages are printed.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            using var error = new StringWriter(CultureInfo.InvariantCulture);
            var exitCode = await CliApp.RunAsync(args, new CliContext(output, error), TestContext.Current.CancellationToken);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
