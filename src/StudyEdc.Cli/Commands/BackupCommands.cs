using System.CommandLine;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using StudyEdc.Core.Backup;
using StudyEdc.Core.Data;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// `studyedc backup --output FILE` and `studyedc restore --input FILE`: one ZIP with the database and the data
/// directory's images, restored only into a fresh database and then checked against the audit chain.
/// Exit code 0 when done, which for a restore means the chain is intact and matches the backup. Exit code 1 when a
/// restored chain is broken, 2 on any other error.
/// </summary>
internal static class BackupCommands
{
    public const int ExitOk = 0;
    public const int ExitChainBroken = 1;
    public const int ExitError = 2;

    private static readonly CommandText Text = new(typeof(BackupCommands));

    public static Command CreateBackup(CliContext context)
    {
        var output = new Option<FileInfo>("--output") { Description = "Backup file to write (.zip); it must not exist yet.", Required = true };
        var database = new DatabaseOptions();
        var command = new Command("backup", "Back up the database (SQLite online backup or pg_dump) and the data directory's images into one ZIP.") { output };
        database.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, async backup =>
        {
            var source = database.Resolve(parseResult, mustExist: true);
            var manifest = await backup.BackupAsync(source, parseResult.GetValue(output)!.FullName, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(Text.Format(
                "BackupWritten", parseResult.GetValue(output)!.FullName, manifest.AuditEntryCount, manifest.LastAuditEntryId, manifest.Files.Count)).ConfigureAwait(false);
            return ExitOk;
        }));
        return command;
    }

    public static Command CreateRestore(CliContext context)
    {
        var input = new Option<FileInfo>("--input") { Description = "Backup file written by 'studyedc backup'.", Required = true };
        var database = new DatabaseOptions();
        var command = new Command("restore", "Restore a backup into a fresh database and data directory, then verify the audit chain.") { input };
        database.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(context, async backup =>
        {
            var target = database.Resolve(parseResult, mustExist: false);
            var result = await backup.RestoreAsync(target, parseResult.GetValue(input)!.FullName, cancellationToken).ConfigureAwait(false);
            if (!result.Chain.IsIntact)
            {
                await context.Error.WriteLineAsync(Text.Format("RestoreChainBroken", result.Chain.FirstBrokenEntryId, result.Chain.Problem)).ConfigureAwait(false);
                return ExitChainBroken;
            }

            if (!result.ChainMatchesManifest)
            {
                await context.Error.WriteLineAsync(Text.Format("RestoreHeadMismatch", result.Manifest.LastAuditEntryId)).ConfigureAwait(false);
                return ExitChainBroken;
            }

            await context.Out.WriteLineAsync(Text.Format("RestoreVerified", result.Chain.EntriesChecked, result.FilesRestored)).ConfigureAwait(false);
            return ExitOk;
        }));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, Func<StudyBackup, Task<int>> action)
    {
        try
        {
            return await action(new StudyBackup(NullLogger<StudyBackup>.Instance)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is BackupException or InvalidOperationException or DbException or IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitError;
        }
    }

    /// <summary>The --provider, --connection and --data-directory options shared by both commands.</summary>
    private sealed class DatabaseOptions
    {
        private readonly Option<string?> _provider = new("--provider") { Description = "Database provider: Sqlite (default) or PostgreSql." };

        private readonly Option<string?> _connection = new("--connection")
        {
            Description = "Connection string of the database (ConnectionStrings:StudyEdc); needed for PostgreSql.",
        };

        private readonly Option<DirectoryInfo?> _dataDirectory = new("--data-directory")
        {
            Description = "Storage:DataDirectory, holding images/ and, for SQLite, studyedc.db; default ./data.",
        };

        public void AddTo(Command command)
        {
            command.Options.Add(_provider);
            command.Options.Add(_connection);
            command.Options.Add(_dataDirectory);
        }

        /// <exception cref="BackupException">The options do not name a usable database.</exception>
        public BackupTarget Resolve(ParseResult parseResult, bool mustExist)
        {
            var provider = StudyDatabase.ParseProvider(parseResult.GetValue(_provider));
            var dataDirectory = Path.GetFullPath(parseResult.GetValue(_dataDirectory)?.FullName ?? StudyDatabase.DefaultDataDirectory);
            var connection = parseResult.GetValue(_connection);
            if (connection is null && provider != DatabaseProvider.Sqlite)
            {
                throw new BackupException(Text.Format("ConnectionRequired", provider));
            }

            connection ??= StudyDatabase.SqliteConnectionStringFor(dataDirectory);
            if (provider == DatabaseProvider.Sqlite && mustExist)
            {
                // Opening a missing SQLite file would create an empty database; name the missing file instead.
                var file = Path.GetFullPath(new SqliteConnectionStringBuilder(connection).DataSource);
                if (!File.Exists(file))
                {
                    throw new BackupException(Text.Format("DatabaseMissing", file));
                }
            }

            return new BackupTarget(provider, connection, dataDirectory);
        }
    }
}
