using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;

namespace StudyEdc.Core.Backup;

/// <summary>
/// Backs up and restores a StudyEdc installation as one ZIP archive with manifest.json, the database and every file
/// under the data directory's images/ folder. The SQLite database (database.sqlite) is copied with SQLite's online
/// backup API, so the copy is consistent while the web app writes. PostgreSQL is dumped by pg_dump in one snapshot
/// (database.sql). A restore goes into a fresh database only and checks every SHA-256 of the manifest. It then
/// verifies the restored audit trail's hash chain against the chain head recorded at backup time.
/// </summary>
public sealed partial class StudyBackup(ILogger<StudyBackup> logger)
{
    public const int FormatVersion = 1;
    public const string ManifestEntry = "manifest.json";
    public const string SqliteEntry = "database.sqlite";
    public const string PostgresEntry = "database.sql";
    public const string ImagesFolder = "images";

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };

    /// <summary>Writes a backup of <paramref name="source"/> to <paramref name="outputFile"/>, which must not exist yet.</summary>
    /// <exception cref="BackupException">The output exists, the provider is not supported, or pg_dump fails.</exception>
    public async Task<BackupManifest> BackupAsync(BackupTarget source, string outputFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFile);
        if (File.Exists(outputFile))
        {
            throw new BackupException($"{outputFile} already exists. Choose a new file name, so that no earlier backup is overwritten.");
        }

        var work = Directory.CreateTempSubdirectory("studyedc-backup-");
        var partial = outputFile + ".partial";
        try
        {
            // Dump the database and read the audit chain head that the dump contains.
            var dump = Path.Combine(work.FullName, "dump");
            var head = await DumpDatabaseAsync(source, dump, cancellationToken).ConfigureAwait(false);

            // Write the archive under a temporary name, so a failed backup never looks complete.
            BackupManifest manifest;
            var archiveStream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (archiveStream.ConfigureAwait(false))
            {
                var archive = new ZipArchive(archiveStream, ZipArchiveMode.Create, leaveOpen: false);
                await using (archive.ConfigureAwait(false))
                {
                    var entryName = source.Provider == DatabaseProvider.Sqlite ? SqliteEntry : PostgresEntry;
                    var database = await AddFileAsync(archive, dump, entryName, cancellationToken).ConfigureAwait(false);
                    var files = new List<BackupFile>();
                    foreach (var (path, entry) in ImageFiles(source.DataDirectory))
                    {
                        files.Add(await AddFileAsync(archive, path, entry, cancellationToken).ConfigureAwait(false));
                    }

                    manifest = new BackupManifest(
                        FormatVersion, source.Provider, DateTimeOffset.UtcNow, SourceVersion(), head.Count, head.LastEntryId, head.LastHash, database, files);
                    var manifestStream = await archive.CreateEntry(ManifestEntry, CompressionLevel.Optimal).OpenAsync(cancellationToken).ConfigureAwait(false);
                    await using (manifestStream.ConfigureAwait(false))
                    {
                        await JsonSerializer.SerializeAsync(manifestStream, manifest, ManifestJson, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            File.Move(partial, outputFile);
            LogBackupWritten(source.Provider, manifest.AuditEntryCount, manifest.Files.Count);
            return manifest;
        }
        finally
        {
            File.Delete(partial);
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Restores <paramref name="inputFile"/> into <paramref name="target"/>, whose database must be fresh: no SQLite
    /// file yet, or an existing PostgreSQL database without tables. Returns the chain check; a broken chain is
    /// reported in the result, not thrown, so the caller can show the first broken entry.
    /// </summary>
    /// <exception cref="BackupException">The archive is damaged or of another provider, or the target is not fresh.</exception>
    public async Task<RestoreResult> RestoreAsync(BackupTarget target, string inputFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!File.Exists(inputFile))
        {
            throw new BackupException($"Backup file {inputFile} does not exist. Pass the .zip written by 'studyedc backup'.");
        }

        var work = Directory.CreateTempSubdirectory("studyedc-restore-");
        try
        {
            using var archive = await ZipFile.OpenReadAsync(inputFile, cancellationToken).ConfigureAwait(false);
            var manifest = await ReadManifestAsync(archive, inputFile, cancellationToken).ConfigureAwait(false);
            if (manifest.Provider != target.Provider)
            {
                throw new BackupException(
                    $"{inputFile} holds a {manifest.Provider} database, but the target is {target.Provider}. Restore into a "
                    + $"{manifest.Provider} database, or move the data with a {target.Provider} export instead.");
            }

            // Check and load the database first: a damaged archive stops before any file is written.
            var dump = Path.Combine(work.FullName, "dump");
            await ExtractVerifiedAsync(archive, manifest.Database, dump, cancellationToken).ConfigureAwait(false);
            await LoadDatabaseAsync(target, dump, cancellationToken).ConfigureAwait(false);
            var restoredFiles = await RestoreImagesAsync(archive, manifest, target.DataDirectory, cancellationToken).ConfigureAwait(false);

            var (chain, matches) = await VerifyAsync(target, manifest, cancellationToken).ConfigureAwait(false);
            var result = new RestoreResult(manifest, chain, matches, restoredFiles);
            if (result.IsVerified)
            {
                LogRestoreVerified(target.Provider, chain.EntriesChecked, restoredFiles);
            }
            else
            {
                LogRestoreChainBroken(target.Provider, chain.FirstBrokenEntryId, matches);
            }

            return result;
        }
        catch (InvalidDataException exception)
        {
            throw new BackupException($"{inputFile} is not a readable ZIP archive: {exception.Message}", exception);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<ChainHead> DumpDatabaseAsync(BackupTarget source, string dump, CancellationToken cancellationToken)
    {
        switch (source.Provider)
        {
            case DatabaseProvider.Sqlite:
                // The online backup copies a consistent snapshot page by page while other connections keep writing.
                var live = new SqliteConnection(source.ConnectionString);
                await using (live.ConfigureAwait(false))
                {
                    await live.OpenAsync(cancellationToken).ConfigureAwait(false);
                    var copy = new SqliteConnection(SqliteFileConnectionString(dump));
                    await using (copy.ConfigureAwait(false))
                    {
                        await copy.OpenAsync(cancellationToken).ConfigureAwait(false);
                        live.BackupDatabase(copy);
                    }
                }

                return await ReadChainHeadAsync(DatabaseProvider.Sqlite, SqliteFileConnectionString(dump), cancellationToken).ConfigureAwait(false);

            case DatabaseProvider.PostgreSql:
                // Read the head first: the dump, taken afterwards in one snapshot, contains at least that entry.
                var head = await ReadChainHeadAsync(DatabaseProvider.PostgreSql, source.ConnectionString, cancellationToken).ConfigureAwait(false);
                await PostgresTools.RunAsync("pg_dump", ["--format=plain", "--no-owner", "--no-privileges", "--file", dump], source.ConnectionString, cancellationToken)
                    .ConfigureAwait(false);
                return head;

            default:
                throw new BackupException(
                    $"Backups of {source.Provider} databases are not supported here. Use the database server's own backup "
                    + "(SQL Server: BACKUP DATABASE) and copy the data directory's images folder beside it.");
        }
    }

    private static async Task LoadDatabaseAsync(BackupTarget target, string dump, CancellationToken cancellationToken)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.GetFullPath(new SqliteConnectionStringBuilder(target.ConnectionString).DataSource);
            if (File.Exists(file))
            {
                throw new BackupException(
                    $"{file} already exists. Restore into a fresh data directory, or move the existing database away first.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.Copy(dump, file);
            return;
        }

        await RequireEmptyPostgresAsync(target.ConnectionString, cancellationToken).ConfigureAwait(false);
        await PostgresTools.RunAsync(
            "psql", ["--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--single-transaction", "--file", dump], target.ConnectionString, cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task RequireEmptyPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
            await using (command.ConfigureAwait(false))
            {
                var tables = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                if (tables > 0)
                {
                    throw new BackupException(
                        $"Database '{connection.Database}' already has {tables} tables. Restore into a fresh database: "
                        + $"createdb -O {new NpgsqlConnectionStringBuilder(connectionString).Username} NEW_NAME, then point --connection at it.");
                }
            }
        }
    }

    private static async Task<int> RestoreImagesAsync(ZipArchive archive, BackupManifest manifest, string dataDirectory, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(dataDirectory);
        var restored = 0;
        foreach (var file in manifest.Files)
        {
            // Entries come from the manifest, so reject any path that would leave the data directory.
            var destination = Path.GetFullPath(Path.Combine(root, file.Path));
            if (!destination.StartsWith(Path.Combine(root, ImagesFolder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new BackupException($"The manifest names '{file.Path}', which is outside the images folder. The archive is not a StudyEdc backup.");
            }

            if (File.Exists(destination))
            {
                if (await Sha256Async(destination, cancellationToken).ConfigureAwait(false) != file.Sha256)
                {
                    throw new BackupException($"{destination} exists with other content than the backup's copy. Restore into a fresh data directory.");
                }

                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            await ExtractVerifiedAsync(archive, file, destination, cancellationToken).ConfigureAwait(false);
            restored++;
        }

        return restored;
    }

    private static async Task<(AuditVerificationResult Chain, bool MatchesManifest)> VerifyAsync(
        BackupTarget target, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var db = new StudyDbContext(StudyDatabase.CreateOptions(target.Provider, target.ConnectionString));
        await using (db.ConfigureAwait(false))
        {
            var chain = await new AuditTrail(db, NullLogger<AuditTrail>.Instance).VerifyChainAsync(cancellationToken).ConfigureAwait(false);
            var matches = manifest.LastAuditEntryId == 0 || await db.AuditEntries.AsNoTracking()
                .AnyAsync(a => a.Id == manifest.LastAuditEntryId && a.Hash == manifest.LastAuditHash, cancellationToken).ConfigureAwait(false);
            return (chain, matches);
        }
    }

    private static async Task<ChainHead> ReadChainHeadAsync(DatabaseProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        var db = new StudyDbContext(StudyDatabase.CreateOptions(provider, connectionString));
        await using (db.ConfigureAwait(false))
        {
            var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new BackupException("The database has no audit chain head, so it is not an initialized StudyEdc database.");
            return new ChainHead(head.LastEntryId, head.LastHash, head.LastEntryId);
        }
    }

    private static async Task<BackupManifest> ReadManifestAsync(ZipArchive archive, string inputFile, CancellationToken cancellationToken)
    {
        var entry = archive.GetEntry(ManifestEntry)
            ?? throw new BackupException($"{inputFile} has no {ManifestEntry}, so it is not a StudyEdc backup.");
        var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            BackupManifest? manifest;
            try
            {
                manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, ManifestJson, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw new BackupException($"{ManifestEntry} in {inputFile} is not valid: {exception.Message}", exception);
            }

            if (manifest is null || manifest.FormatVersion != FormatVersion)
            {
                throw new BackupException(
                    $"{inputFile} has backup format {manifest?.FormatVersion}, but this StudyEdc reads format {FormatVersion}. "
                    + "Restore it with the StudyEdc version that wrote it.");
            }

            return manifest;
        }
    }

    /// <summary>Returns each file under the images folder with its archive entry name.</summary>
    private static IEnumerable<(string Path, string Entry)> ImageFiles(string dataDirectory)
    {
        var images = Path.Combine(dataDirectory, ImagesFolder);
        if (!Directory.Exists(images))
        {
            return [];
        }

        return Directory.EnumerateFiles(images, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (path, Path.GetRelativePath(dataDirectory, path).Replace(Path.DirectorySeparatorChar, '/')));
    }

    private static async Task<BackupFile> AddFileAsync(ZipArchive archive, string path, string entryName, CancellationToken cancellationToken)
    {
        var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using (source.ConfigureAwait(false))
        {
            var target = await archive.CreateEntry(entryName, CompressionLevel.Optimal).OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (target.ConfigureAwait(false))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                long length = 0;
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    length += read;
                }

                return new BackupFile(entryName, length, Convert.ToHexStringLower(hash.GetHashAndReset()));
            }
        }
    }

    /// <summary>Extracts one entry to <paramref name="destination"/> and checks its SHA-256 against the manifest.</summary>
    private static async Task ExtractVerifiedAsync(ZipArchive archive, BackupFile file, string destination, CancellationToken cancellationToken)
    {
        var entry = archive.GetEntry(file.Path)
            ?? throw new BackupException($"The manifest lists {file.Path}, but the archive does not contain it. The backup is incomplete.");
        var partial = destination + ".partial";
        var source = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
        }

        var actual = await Sha256Async(partial, cancellationToken).ConfigureAwait(false);
        if (actual != file.Sha256)
        {
            File.Delete(partial);
            throw new BackupException(
                $"{file.Path} in the backup has SHA-256 {actual}, but the manifest records {file.Sha256}. The archive is damaged or was altered.");
        }

        File.Move(partial, destination);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Returns a connection string for a standalone SQLite file, without pooling so the file can be moved or deleted afterwards.</summary>
    private static string SqliteFileConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString;

    private static string SourceVersion() =>
        typeof(StudyBackup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    [LoggerMessage(EventId = 2901, Level = LogLevel.Information, Message = "Backup written: {Provider}, {AuditEntries} audit entries, {Files} image files")]
    private partial void LogBackupWritten(DatabaseProvider provider, long auditEntries, int files);

    [LoggerMessage(EventId = 2902, Level = LogLevel.Information, Message = "Restore verified: {Provider}, {AuditEntries} audit entries intact, {Files} image files written")]
    private partial void LogRestoreVerified(DatabaseProvider provider, long auditEntries, int files);

    [LoggerMessage(EventId = 2903, Level = LogLevel.Error,
        Message = "Restored audit trail failed verification: {Provider}, first broken entry {FirstBrokenEntryId}, matches backup head {MatchesHead}")]
    private partial void LogRestoreChainBroken(DatabaseProvider provider, long? firstBrokenEntryId, bool matchesHead);

    private sealed record ChainHead(long LastEntryId, string LastHash, long Count);
}
