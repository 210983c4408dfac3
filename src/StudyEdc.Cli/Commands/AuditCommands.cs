using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Resources;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// `studyedc audit verify`: recomputes the audit trail's hash chain and reports the first broken link.
/// Exit code 0 when the chain is intact, 1 when it is broken, 2 when the database cannot be read.
/// </summary>
internal static class AuditCommands
{
    public const int ExitIntact = 0;
    public const int ExitBroken = 1;
    public const int ExitError = 2;

    public static Command Create(CliContext context)
    {
        var connectionOption = new Option<string?>("--connection")
        {
            Description = "Connection string of the StudyEdc database (ConnectionStrings:StudyEdc of the web app).",
        };
        var dataDirectoryOption = new Option<string?>("--data-directory")
        {
            Description = "Folder holding the embedded SQLite database studyedc.db (Storage:DataDirectory); default ./data.",
        };
        var providerOption = new Option<string?>("--provider")
        {
            Description = "Database provider: Sqlite (default), SqlServer or PostgreSql.",
        };

        var verify = new Command("verify", "Recompute every audit entry's SHA-256 hash in chain order and report the first broken link.")
        {
            connectionOption,
            dataDirectoryOption,
            providerOption,
        };
        verify.SetAction((parseResult, cancellationToken) => VerifyAsync(
            context,
            parseResult.GetValue(connectionOption),
            parseResult.GetValue(dataDirectoryOption),
            parseResult.GetValue(providerOption),
            cancellationToken));

        return new Command("audit", "Audit trail tools.") { verify };
    }

    private static async Task<int> VerifyAsync(CliContext context, string? connection, string? dataDirectory, string? providerName, CancellationToken cancellationToken)
    {
        // Resolve the database from the options.
        DatabaseProvider provider;
        try
        {
            provider = StudyDatabase.ParseProvider(providerName);
        }
        catch (InvalidOperationException exception)
        {
            await context.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitError;
        }

        if (connection is not null && dataDirectory is not null)
        {
            await context.Error.WriteLineAsync("Give either --connection or --data-directory, not both.").ConfigureAwait(false);
            return ExitError;
        }

        if (connection is null)
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                await context.Error.WriteLineAsync($"The {provider} provider needs --connection with the database's connection string.").ConfigureAwait(false);
                return ExitError;
            }

            // Opening a missing SQLite file would create an empty database; name the missing file instead.
            var file = Path.Combine(Path.GetFullPath(dataDirectory ?? StudyDatabase.DefaultDataDirectory), StudyDatabase.SqliteFileName);
            if (!File.Exists(file))
            {
                await context.Error.WriteLineAsync($"No StudyEdc database at {file}. Pass --data-directory with the folder that holds {StudyDatabase.SqliteFileName}, or --connection.").ConfigureAwait(false);
                return ExitError;
            }

            connection = StudyDatabase.SqliteConnectionStringFor(Path.GetDirectoryName(file)!);
        }

        // Verify through Core's audit trail service.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StudyDatabase.ProviderKey] = provider.ToString(),
                ["ConnectionStrings:" + StudyDatabase.ConnectionStringName] = connection,
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddStudyEdcCore(configuration).BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            var scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                AuditVerificationResult result;
                try
                {
                    result = await scope.ServiceProvider.GetRequiredService<IAuditTrail>().VerifyChainAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbException exception)
                {
                    await context.Error.WriteLineAsync($"Could not read the audit trail ({provider}): {exception.Message}").ConfigureAwait(false);
                    return ExitError;
                }

                if (result.IsIntact)
                {
                    await context.Out.WriteLineAsync(CoreMessages.Format("AuditVerifyIntact", result.EntriesChecked)).ConfigureAwait(false);
                    return ExitIntact;
                }

                await context.Out.WriteLineAsync(CoreMessages.Format("AuditVerifyBroken", result.FirstBrokenEntryId, result.EntriesChecked, result.Problem)).ConfigureAwait(false);
                return ExitBroken;
            }
        }
    }
}
