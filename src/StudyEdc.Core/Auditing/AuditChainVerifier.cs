using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Auditing;

/// <summary>
/// Checks audit entries one at a time in chain order: ids without gaps from 1, each previous hash equal to the
/// hash of the entry before, each stored hash equal to the recomputed one, and finally the chain head naming
/// the last entry. Stops at the first problem.
/// </summary>
internal sealed class AuditChainVerifier
{
    private long _lastId;
    private string _lastHash = AuditHasher.GenesisHash;

    public long EntriesChecked { get; private set; }

    public long? FirstBrokenEntryId { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>Checks the next stored entry; false when the chain breaks at or before it.</summary>
    public bool Accept(AuditEntry entry)
    {
        var expectedId = _lastId + 1;
        if (entry.Id != expectedId)
        {
            // A gap: the missing entry is the first broken link.
            return Fail(expectedId, _lastId == 0
                ? CoreMessages.Format("AuditFirstEntryMissing", expectedId, entry.Id)
                : CoreMessages.Format("AuditEntryMissing", expectedId, _lastId, entry.Id));
        }

        if (!string.Equals(entry.PreviousHash, _lastHash, StringComparison.Ordinal))
        {
            return Fail(entry.Id, CoreMessages.Format("AuditPreviousHashMismatch", entry.Id, entry.PreviousHash, _lastHash));
        }

        var recomputed = AuditHasher.ComputeHash(entry);
        if (!string.Equals(entry.Hash, recomputed, StringComparison.Ordinal))
        {
            return Fail(entry.Id, CoreMessages.Format("AuditHashMismatch", entry.Id, entry.Hash, recomputed));
        }

        EntriesChecked++;
        _lastId = entry.Id;
        _lastHash = entry.Hash;
        return true;
    }

    /// <summary>Checks that the chain head names the last entry read, so entries cut from the end are noticed.</summary>
    public bool AcceptHead(AuditChainHead head)
    {
        if (head.LastEntryId != _lastId)
        {
            return Fail(_lastId + 1, CoreMessages.Format("AuditTailMissing", _lastId, head.LastEntryId));
        }

        if (!string.Equals(head.LastHash, _lastHash, StringComparison.Ordinal))
        {
            return Fail(_lastId, CoreMessages.Format("AuditHeadHashMismatch", _lastId, head.LastHash, _lastHash));
        }

        return true;
    }

    private bool Fail(long entryId, string problem)
    {
        FirstBrokenEntryId = entryId;
        Problem = problem;
        return false;
    }
}
