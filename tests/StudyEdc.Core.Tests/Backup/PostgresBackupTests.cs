using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StudyEdc.Core.Backup;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.TestSupport;

namespace StudyEdc.Core.Tests.Backup;

/// <summary>
/// Backup with pg_dump and restore with psql on a real PostgreSQL server. Each test makes its own source database and
/// fresh target databases, dropped afterwards.
/// </summary>
public sealed class PostgresBackupTests : IAsyncDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("studyedc-pg-backup-test-");
    private readonly StudyBackup _backup = new(NullLogger<StudyBackup>.Instance);
    private readonly List<string> _targetDatabases = [];
    private StudyTestDatabase? _source;
    private string _server = "";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string BackupFile => Path.Combine(_work.FullName, "backup.zip");

    [Fact]
    public async Task Restore_into_fresh_database_has_intact_chain()
    {
        var source = await SeededSourceAsync();
        await _backup.BackupAsync(source, BackupFile, Cancel);
        var target = await FreshTargetAsync();

        var result = await _backup.RestoreAsync(target, BackupFile, Cancel);

        Assert.True(result.Chain.IsIntact, result.Chain.Problem);
        Assert.True(result.ChainMatchesManifest);
        Assert.Equal(result.Manifest.AuditEntryCount, result.Chain.EntriesChecked);
    }

    [Fact]
    public async Task Tampered_dump_fails_chain_check()
    {
        var source = await SeededSourceAsync();
        await _backup.BackupAsync(source, BackupFile, Cancel);
        BackupArchive.AlterDatabase(BackupFile, ChangeFirstAuditUserName, updateManifest: true);

        var result = await _backup.RestoreAsync(await FreshTargetAsync(), BackupFile, Cancel);

        Assert.False(result.Chain.IsIntact);
        Assert.Equal(1, result.Chain.FirstBrokenEntryId);
    }

    [Fact]
    public async Task Restore_into_used_database_is_refused()
    {
        var source = await SeededSourceAsync();
        await _backup.BackupAsync(source, BackupFile, Cancel);

        var exception = await Assert.ThrowsAsync<BackupException>(() => _backup.RestoreAsync(source, BackupFile, Cancel));

        Assert.Contains("fresh database", exception.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var name in _targetDatabases)
        {
            await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }

        _work.Delete(recursive: true);
    }

    private async Task<BackupTarget> SeededSourceAsync()
    {
        _server = ExternalResources.RequirePostgres();
        _source = await StudyTestDatabase.CreatePostgresAsync(_server, $"studyedc_test_{Guid.NewGuid():N}");
        var coordinator = await _source.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participants = _source.Get<IParticipantService>();
        Assert.True((await participants.CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible(), Cancel)).Succeeded);
        Assert.True((await participants.CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), Cancel)).Succeeded);
        return new BackupTarget(DatabaseProvider.PostgreSql, _source.ConnectionString, Path.Combine(_work.FullName, "source-data"));
    }

    private async Task<BackupTarget> FreshTargetAsync()
    {
        var name = $"studyedc_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        _targetDatabases.Add(name);
        var connectionString = new NpgsqlConnectionStringBuilder(_server) { Database = name }.ConnectionString;
        return new BackupTarget(DatabaseProvider.PostgreSql, connectionString, Path.Combine(_work.FullName, name));
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Changes the user name of the first data row of the AuditEntries COPY block in a plain pg_dump.</summary>
    private static void ChangeFirstAuditUserName(string dumpFile)
    {
        var lines = File.ReadAllLines(dumpFile);
        var copy = Array.FindIndex(lines, line => line.StartsWith("COPY public.\"AuditEntries\" ", StringComparison.Ordinal));
        Assert.True(copy >= 0, "The dump has no COPY block for AuditEntries.");
        var columns = lines[copy][(lines[copy].IndexOf('(', StringComparison.Ordinal) + 1)..lines[copy].IndexOf(')', StringComparison.Ordinal)]
            .Split(", ").Select(column => column.Trim('"')).ToList();
        var fields = lines[copy + 1].Split('\t');
        fields[columns.IndexOf("UserName")] = "intruder";
        lines[copy + 1] = string.Join('\t', fields);
        File.WriteAllLines(dumpFile, lines);
    }
}
