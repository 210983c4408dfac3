using System.CommandLine;
using Microsoft.Extensions.Configuration;
using StudyEdc.Core.Data;
using StudyEdc.Demo;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// `studyedc demo seed`: creates the demo study in a fresh data directory, as the web host's --demo switch does.
/// Exit code 0 when the demo was seeded, 1 when the database already contains participants or has no sites, 2 when
/// the settings are invalid or a step of the seed was rejected.
/// </summary>
internal static class DemoCommands
{
    public const int ExitSeeded = 0;
    public const int ExitRefused = 1;
    public const int ExitError = 2;

    private static readonly CommandText Text = new(typeof(DemoCommands));

    public static Command Create(CliContext context)
    {
        var dataDirectory = new Option<string?>("--data-directory")
        {
            Description = "Storage:DataDirectory of the web app to seed: the SQLite database and the images go there; default from the settings file, else ./data",
        };
        var settings = new Option<FileInfo?>("--settings")
        {
            Description = "The web app's appsettings.json with the study sites (Study:Sites); default ./appsettings.json",
        };

        var seed = new Command("seed", "Create the demo study (users, participants, phantom exams, reads, queries, signatures) in a fresh database")
        {
            dataDirectory, settings,
        };
        seed.SetAction((parseResult, cancellationToken) =>
            SeedAsync(context, parseResult.GetValue(dataDirectory), parseResult.GetValue(settings), cancellationToken));

        return new Command("demo", "The demo study for trying StudyEdc out") { seed };
    }

    private static async Task<int> SeedAsync(CliContext context, string? dataDirectory, FileInfo? settingsFile, CancellationToken cancellationToken)
    {
        var settings = settingsFile ?? new FileInfo("appsettings.json");
        if (settingsFile is not null && !settings.Exists)
        {
            await context.Error.WriteLineAsync(Text.Format("SettingsNotFound", settings.FullName)).ConfigureAwait(false);
            return ExitError;
        }

        var builder = new ConfigurationBuilder();
        if (settings.Exists)
        {
            builder.AddJsonFile(settings.FullName, optional: false);
        }

        builder.AddEnvironmentVariables();
        if (dataDirectory is not null)
        {
            builder.AddInMemoryCollection(new Dictionary<string, string?> { [StudyDatabase.DataDirectoryKey] = Path.GetFullPath(dataDirectory) });
        }

        try
        {
            var services = DemoServices.Build(builder.Build());
            await using (services.ConfigureAwait(false))
            {
                await StudyDatabaseInitializer.InitializeAsync(services, context.Out, cancellationToken).ConfigureAwait(false);
                var result = await DemoStudy.SeedAsync(services, context.Out, cancellationToken).ConfigureAwait(false);
                return result.Succeeded ? ExitSeeded : ExitRefused;
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or DemoSeedException)
        {
            await context.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitError;
        }
    }
}
