using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;

namespace StudyEdc.Core.Backup;

/// <summary>The database and data directory that a backup is taken from or restored into.</summary>
/// <param name="Provider">Sqlite or PostgreSql; SQL Server databases are backed up with SQL Server's own BACKUP DATABASE.</param>
/// <param name="ConnectionString">Connection string of the StudyEdc database.</param>
/// <param name="DataDirectory">Storage:DataDirectory, whose images/ folder the backup includes.</param>
public sealed record BackupTarget(DatabaseProvider Provider, string ConnectionString, string DataDirectory);

/// <summary>
/// The first entry of a backup archive (manifest.json): what it contains and the audit chain head at backup time,
/// so a restore can prove that it brought back the same trail.
/// </summary>
/// <param name="FormatVersion">Version of the archive layout; a restore refuses versions it does not know.</param>
/// <param name="Provider">Database provider the dump belongs to.</param>
/// <param name="CreatedUtc">When the backup was taken.</param>
/// <param name="SourceVersion">StudyEdc version that wrote the backup.</param>
/// <param name="AuditEntryCount">Audit entries in the backed-up database.</param>
/// <param name="LastAuditEntryId">Id of the chain's last entry at backup time; 0 for an empty trail.</param>
/// <param name="LastAuditHash">Hash of that entry.</param>
/// <param name="Database">The database dump entry with its SHA-256.</param>
/// <param name="Files">Image files, relative to the data directory, with their SHA-256.</param>
public sealed record BackupManifest(
    int FormatVersion,
    DatabaseProvider Provider,
    DateTimeOffset CreatedUtc,
    string SourceVersion,
    long AuditEntryCount,
    long LastAuditEntryId,
    string LastAuditHash,
    BackupFile Database,
    IReadOnlyList<BackupFile> Files);

/// <summary>One file in a backup archive.</summary>
/// <param name="Path">Path inside the archive, with '/' separators.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Sha256">Lower-case hexadecimal SHA-256 of the content.</param>
public sealed record BackupFile(string Path, long Length, string Sha256);

/// <summary>Outcome of a restore: the manifest, the audit chain check of the restored database and the files written.</summary>
/// <param name="Manifest">Manifest of the restored archive.</param>
/// <param name="Chain">Hash chain verification of the restored audit trail.</param>
/// <param name="ChainMatchesManifest">
/// True when the restored trail contains the manifest's last entry with the same hash, so it is the trail that was
/// backed up and not a shorter or rewritten one.
/// </param>
/// <param name="FilesRestored">Image files written; files already present with the same content are not counted.</param>
public sealed record RestoreResult(BackupManifest Manifest, AuditVerificationResult Chain, bool ChainMatchesManifest, int FilesRestored)
{
    public bool IsVerified => Chain.IsIntact && ChainMatchesManifest;
}

/// <summary>A backup or restore that cannot be done: a missing tool, a non-empty target, a damaged archive.</summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
