namespace StudyEdc.Core.Auditing;

/// <summary>
/// The single row (Id = 1) that names the last entry of the audit chain. Appenders lock it before they read it,
/// so two writers cannot fork the chain, and verification compares it with the last stored entry, so removing
/// entries from the end of the chain is detected too.
/// </summary>
public class AuditChainHead
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastEntryId { get; set; }

    public string LastHash { get; set; } = AuditHasher.GenesisHash;

    /// <summary>Optimistic concurrency token, changed on every append.</summary>
    public Guid Version { get; set; }
}
