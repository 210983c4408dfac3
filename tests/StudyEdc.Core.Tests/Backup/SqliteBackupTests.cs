using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using StudyEdc.Core.Backup;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests.Backup;

public sealed class SqliteBackupTests : SqliteTestBase, IDisposable
{
    private const string ImagePath = "images/sha256/ab/cd/abcd0123.dcm";

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("studyedc-backup-test-");
    private readonly StudyBackup _backup = new(NullLogger<StudyBackup>.Instance);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string BackupFile => Path.Combine(_work.FullName, "backup.zip");

    private BackupTarget Source => new(DatabaseProvider.Sqlite, Database.ConnectionString, SourceDirectory);

    private string SourceDirectory => Path.GetDirectoryName(new SqliteConnectionStringBuilder(Database.ConnectionString).DataSource)!;

    [Fact]
    public async Task Restore_brings_back_data_images_and_intact_chain()
    {
        await SeedAsync();
        await _backup.BackupAsync(Source, BackupFile, Cancel);
        var target = FreshTarget();

        var result = await _backup.RestoreAsync(target, BackupFile, Cancel);

        Assert.True(result.Chain.IsIntact, result.Chain.Problem);
        Assert.True(result.ChainMatchesManifest);
        Assert.Equal(result.Manifest.AuditEntryCount, result.Chain.EntriesChecked);
        Assert.Equal(1, result.FilesRestored);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(SourceDirectory, ImagePath), Cancel), await File.ReadAllBytesAsync(Path.Combine(target.DataDirectory, ImagePath), Cancel));
        var restored = new StudyDbContext(StudyDatabase.CreateOptions(DatabaseProvider.Sqlite, target.ConnectionString));
        await using (restored)
        {
            Assert.Equal(await Database.NewContext().Participants.CountAsync(Cancel), await restored.Participants.CountAsync(Cancel));
        }
    }

    [Fact]
    public async Task Backup_is_consistent_while_app_writes()
    {
        await SeedAsync();
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), Cancel);
            }
        }, Cancel);

        await _backup.BackupAsync(Source, BackupFile, Cancel);
        await writes;
        var result = await _backup.RestoreAsync(FreshTarget(), BackupFile, Cancel);

        Assert.True(result.IsVerified, result.Chain.Problem);
    }

    [Fact]
    public async Task Tampered_audit_entry_fails_chain_check()
    {
        await SeedAsync();
        await _backup.BackupAsync(Source, BackupFile, Cancel);
        BackupArchive.AlterDatabase(BackupFile, ChangeThirdAuditEntry, updateManifest: true);

        var result = await _backup.RestoreAsync(FreshTarget(), BackupFile, Cancel);

        Assert.False(result.Chain.IsIntact);
        Assert.Equal(3, result.Chain.FirstBrokenEntryId);
        Assert.False(result.IsVerified);
    }

    [Fact]
    public async Task Altered_archive_without_manifest_update_is_rejected()
    {
        await SeedAsync();
        await _backup.BackupAsync(Source, BackupFile, Cancel);
        BackupArchive.AlterDatabase(BackupFile, ChangeThirdAuditEntry, updateManifest: false);
        var target = FreshTarget();

        var exception = await Assert.ThrowsAsync<BackupException>(() => _backup.RestoreAsync(target, BackupFile, Cancel));

        Assert.Contains("SHA-256", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target.DataDirectory, StudyDatabase.SqliteFileName)));
    }

    [Fact]
    public async Task Restore_over_existing_database_is_refused()
    {
        await _backup.BackupAsync(Source, BackupFile, Cancel);

        var exception = await Assert.ThrowsAsync<BackupException>(() => _backup.RestoreAsync(Source, BackupFile, Cancel));

        Assert.Contains("already exists", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_refuses_to_overwrite_a_file()
    {
        await File.WriteAllTextAsync(BackupFile, "earlier backup", Cancel);

        var exception = await Assert.ThrowsAsync<BackupException>(() => _backup.BackupAsync(Source, BackupFile, Cancel));

        Assert.Contains(BackupFile, exception.Message, StringComparison.Ordinal);
        Assert.Equal("earlier backup", await File.ReadAllTextAsync(BackupFile, Cancel));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _work.Delete(recursive: true);
    }

    private async Task SeedAsync()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participants = Database.Get<IParticipantService>();
        Assert.True((await participants.CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible(), Cancel)).Succeeded);
        Assert.True((await participants.CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), Cancel)).Succeeded);

        var image = Path.Combine(SourceDirectory, ImagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        await File.WriteAllBytesAsync(image, [0x44, 0x49, 0x43, 0x4D, 1, 2, 3], Cancel);
    }

    private BackupTarget FreshTarget()
    {
        var directory = Path.Combine(_work.FullName, "restored-" + Guid.NewGuid().ToString("N"));
        return new BackupTarget(DatabaseProvider.Sqlite, StudyDatabase.SqliteConnectionStringFor(directory), directory);
    }

    private static void ChangeThirdAuditEntry(string databaseFile)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE AuditEntries SET NewValue = 'tampered' WHERE Id = 3";
        Assert.Equal(1, command.ExecuteNonQuery());
    }
}
