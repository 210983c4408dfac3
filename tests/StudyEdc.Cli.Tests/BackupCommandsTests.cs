using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Cli.Commands;
using StudyEdc.Core;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;

namespace StudyEdc.Cli.Tests;

public sealed class BackupCommandsTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("studyedc-cli-backup-");

    private string DataDirectory => Path.Combine(_work.FullName, "data");

    private string RestoredDirectory => Path.Combine(_work.FullName, "restored");

    private string BackupFile => Path.Combine(_work.FullName, "backup.zip");

    [Fact]
    public async Task Backup_then_restore_exits_zero()
    {
        await CreateDatabaseWithEntriesAsync(4);

        var backup = await CliRunner.RunAsync("backup", "--output", BackupFile, "--data-directory", DataDirectory);
        var restore = await CliRunner.RunAsync("restore", "--input", BackupFile, "--data-directory", RestoredDirectory);

        Assert.Equal(BackupCommands.ExitOk, backup.ExitCode);
        Assert.Contains("4", backup.Output, StringComparison.Ordinal);
        Assert.Equal(BackupCommands.ExitOk, restore.ExitCode);
        Assert.True(File.Exists(Path.Combine(RestoredDirectory, StudyDatabase.SqliteFileName)));
    }

    [Fact]
    public async Task Restore_of_tampered_trail_exits_one()
    {
        await CreateDatabaseWithEntriesAsync(3);
        await ExecuteSqlAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'mallory' WHERE \"Id\" = 2");
        await CliRunner.RunAsync("backup", "--output", BackupFile, "--data-directory", DataDirectory);

        var restore = await CliRunner.RunAsync("restore", "--input", BackupFile, "--data-directory", RestoredDirectory);

        Assert.Equal(BackupCommands.ExitChainBroken, restore.ExitCode);
        Assert.Contains(" 2", restore.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_of_missing_database_exits_two()
    {
        var backup = await CliRunner.RunAsync("backup", "--output", BackupFile, "--data-directory", DataDirectory);

        Assert.Equal(BackupCommands.ExitError, backup.ExitCode);
        Assert.Contains(DataDirectory, backup.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(BackupFile));
    }

    [Fact]
    public async Task Postgres_without_connection_exits_two()
    {
        var backup = await CliRunner.RunAsync("backup", "--output", BackupFile, "--provider", "PostgreSql");

        Assert.Equal(BackupCommands.ExitError, backup.ExitCode);
        Assert.Contains("--connection", backup.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _work.Delete(recursive: true);
    }

    private async Task CreateDatabaseWithEntriesAsync(int signIns)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StudyDatabase.DataDirectoryKey] = DataDirectory })
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
        await using var connection = new SqliteConnection(StudyDatabase.SqliteConnectionStringFor(DataDirectory));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
