using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Cli;
using StudyEdc.Cli.Commands;
using StudyEdc.Core;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;

namespace StudyEdc.Cli.Tests;

public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("studyedc-cli-audit-");

    [Fact]
    public async Task Intact_chain_exits_zero()
    {
        await CreateDatabaseWithEntriesAsync(3);

        var (exitCode, output) = await RunAuditAsync("audit", "verify", "--data-directory", _directory.FullName);

        Assert.Equal(AuditCommands.ExitIntact, exitCode);
        Assert.Contains("3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_entry_exits_one_and_names_it()
    {
        await CreateDatabaseWithEntriesAsync(3);
        await ExecuteSqlAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'mallory' WHERE \"Id\" = 2");

        var (exitCode, output) = await RunAuditAsync("audit", "verify", "--data-directory", _directory.FullName);

        Assert.Equal(AuditCommands.ExitBroken, exitCode);
        Assert.Contains(" 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_database_exits_two_with_the_path()
    {
        var (exitCode, output) = await RunAuditAsync("audit", "verify", "--data-directory", _directory.FullName);

        Assert.Equal(AuditCommands.ExitError, exitCode);
        Assert.Contains(_directory.FullName, output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private async Task CreateDatabaseWithEntriesAsync(int signIns)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StudyDatabase.DataDirectoryKey] = _directory.FullName })
            .Build();
        await using var services = new ServiceCollection().AddLogging().AddStudyEdcCore(configuration).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StudyDbContext>().Database.MigrateAsync(TestContext.Current.CancellationToken);
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        for (var i = 0; i < signIns; i++)
        {
            await audit.RecordSignInAsync(null, $"user{i}", succeeded: false, TestContext.Current.CancellationToken);
        }
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection(StudyDatabase.SqliteConnectionStringFor(_directory.FullName));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<(int ExitCode, string Output)> RunAuditAsync(params string[] args)
    {
        var run = await CliRunner.RunAsync(args);
        return (run.ExitCode, run.AllOutput);
    }
}
