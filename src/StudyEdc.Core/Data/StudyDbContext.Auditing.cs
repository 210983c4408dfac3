using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Data;

public partial class StudyDbContext
{
    private readonly List<AuditEntry> _pendingAuditEntries = [];
    private AuditActor? _auditActor;

    /// <summary>
    /// Queues entries for events that are not record changes, such as sign-ins, exports and account changes.
    /// The next save appends them to the chain in this order, before the entries of any record changes.
    /// </summary>
    internal void AddAuditEntries(params IEnumerable<AuditEntry> entries) => _pendingAuditEntries.AddRange(entries);

    /// <summary>
    /// Sets who makes the following changes and why; every audit entry written by later saves of this context
    /// carries them, until the next call.
    /// </summary>
    internal void UseAuditContext(StudyCaller caller, string? reason) =>
        _auditActor = new AuditActor(caller.UserId, caller.UserName, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // Appending to the audit chain locks and updates the chain head asynchronously. A synchronous save is
        // therefore allowed only when it has nothing to audit, such as Identity's own bookkeeping or drafts.
        ChangeTracker.DetectChanges();
        RejectAuditRowChanges();
        if (HasAuditWork())
        {
            throw new NotSupportedException("Changes to audited records must be saved with SaveChangesAsync.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Saves, and in the same transaction writes one audit entry per changed field of audited records plus any
    /// audit entries added directly, appended to the hash chain under the chain head's lock.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        RejectAuditRowChanges();
        if (!HasAuditWork())
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);
        }

        // Queued entries and entries added straight to the set wait until the chain head is locked.
        var addedEntries = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList();
        foreach (var entry in addedEntries)
        {
            entry.State = EntityState.Detached;
        }

        var directEntries = _pendingAuditEntries.Concat(addedEntries.Select(e => e.Entity)).ToList();
        _pendingAuditEntries.Clear();
        var recordChanges = CaptureRecordChanges();
        if (recordChanges.Count > 0 && _auditActor is null)
        {
            throw new InvalidOperationException(
                "Study records changed without an audit context. Change them through a Core service, which calls UseAuditContext.");
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var head = await LockAuditChainAsync(cancellationToken).ConfigureAwait(false);

            // Save the records first, so that generated keys are known to their audit entries.
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken).ConfigureAwait(false);

            var timestamp = AuditHasher.TruncateToMicroseconds(TimeProvider.GetUtcNow().UtcDateTime);
            var rows = directEntries.Concat(recordChanges.SelectMany(c => c.ToAuditEntries(_auditActor!))).ToList();
            AppendToChain(head, rows, timestamp);
            AuditEntries.AddRange(rows);
            written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken).ConfigureAwait(false);

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private bool HasAuditWork() =>
        _pendingAuditEntries.Count > 0
        || ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && (e.Entity is AuditEntry || AuditedRecord.IsAudited(e.Entity)));

    private void RejectAuditRowChanges()
    {
        var changed = ChangeTracker.Entries<AuditEntry>()
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (changed is not null)
        {
            throw new InvalidOperationException(
                $"Audit entry {changed.Entity.Id} cannot be {(changed.State == EntityState.Deleted ? "deleted" : "modified")}: the audit trail is append-only.");
        }

        if (ChangeTracker.Entries<AuditChainHead>().Any(e => e.State == EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit chain head cannot be deleted.");
        }
    }

    private List<AuditedRecord> CaptureRecordChanges() =>
        ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && AuditedRecord.IsAudited(e.Entity))
            .Select(AuditedRecord.Capture)
            .Where(r => r.HasChanges)
            .ToList();

    /// <summary>
    /// Reads the chain head under a lock that lasts until the current transaction ends: a row lock on PostgreSQL
    /// and SQL Server, the database write lock that Microsoft.Data.Sqlite's BEGIN IMMEDIATE transaction already
    /// holds on SQLite. The head's concurrency token is a second guard. Every audited save takes this lock before
    /// it writes, so a service that must read and then write consistently (the next Study ID) takes it first
    /// too, which also keeps one lock order and so avoids deadlocks.
    /// </summary>
    internal async Task<AuditChainHead> LockAuditChainAsync(CancellationToken cancellationToken)
    {
        foreach (var tracked in ChangeTracker.Entries<AuditChainHead>().ToList())
        {
            tracked.State = EntityState.Detached;
        }

        var query = Database.ProviderName switch
        {
            "Npgsql.EntityFrameworkCore.PostgreSQL" =>
                AuditChainHeads.FromSqlRaw("SELECT * FROM \"AuditChainHead\" WHERE \"Id\" = 1 FOR UPDATE"),
            "Microsoft.EntityFrameworkCore.SqlServer" =>
                AuditChainHeads.FromSqlRaw("SELECT * FROM [AuditChainHead] WITH (UPDLOCK, HOLDLOCK) WHERE [Id] = 1"),
            _ => AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId),
        };
        return await query.SingleAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AppendToChain(AuditChainHead head, List<AuditEntry> rows, DateTime timestamp)
    {
        foreach (var row in rows)
        {
            row.Id = head.LastEntryId + 1;
            row.TimestampUtc = timestamp;
            row.PreviousHash = head.LastHash;
            row.Hash = AuditHasher.ComputeHash(row);

            head.LastEntryId = row.Id;
            head.LastHash = row.Hash;
        }

        head.Version = Guid.NewGuid();
    }

    private sealed record AuditActor(string UserId, string UserName, string? Reason);

    /// <summary>The audited fields of one added, modified or deleted record, captured before it is saved.</summary>
    private sealed class AuditedRecord
    {
        private readonly EntityEntry _entry;
        private readonly EntityState _state;
        private readonly List<(string Field, string? Old, string? New)> _fields;

        private AuditedRecord(EntityEntry entry, EntityState state, List<(string Field, string? Old, string? New)> fields)
        {
            _entry = entry;
            _state = state;
            _fields = fields;
        }

        public bool HasChanges => _fields.Count > 0;

        public static bool IsAudited(object entity) => entity is Participant or Site;

        public static AuditedRecord Capture(EntityEntry entry)
        {
            var ignored = IgnoredProperties(entry.Entity);
            var fields = new List<(string, string?, string?)>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (property.Metadata.IsPrimaryKey() || ignored.Contains(name))
                {
                    continue;
                }

                switch (entry.State)
                {
                    case EntityState.Added:
                        // A new record is audited by the values it was created with; an empty field has none.
                        var value = AuditValueFormatter.Format(property.CurrentValue);
                        if (!string.IsNullOrEmpty(value))
                        {
                            fields.Add((name, null, value));
                        }

                        break;
                    case EntityState.Deleted:
                        fields.Add((name, AuditValueFormatter.Format(property.OriginalValue), null));
                        break;
                    default:
                        var before = AuditValueFormatter.Format(property.OriginalValue);
                        var after = AuditValueFormatter.Format(property.CurrentValue);
                        if (property.IsModified && !string.Equals(before, after, StringComparison.Ordinal))
                        {
                            fields.Add((name, before, after));
                        }

                        break;
                }
            }

            return new AuditedRecord(entry, entry.State, fields);
        }

        /// <summary>Builds the entries once the record is saved, so a new record's generated key is known.</summary>
        public IEnumerable<AuditEntry> ToAuditEntries(AuditActor actor)
        {
            var (entityType, siteId) = _entry.Entity switch
            {
                Participant participant => (AuditEntityTypes.Participant, (int?)participant.SiteId),
                Site site => (AuditEntityTypes.Site, (int?)site.Id),
                _ => throw new InvalidOperationException($"{_entry.Entity.GetType().Name} is not an audited record."),
            };
            var entityId = AuditValueFormatter.Format(_entry.Properties.Single(p => p.Metadata.IsPrimaryKey()).CurrentValue) ?? "";

            foreach (var (field, oldValue, newValue) in _fields)
            {
                yield return new AuditEntry
                {
                    UserId = actor.UserId,
                    UserName = actor.UserName,
                    SiteId = siteId,
                    EntityType = entityType,
                    EntityId = entityId,
                    Field = field,
                    OldValue = oldValue,
                    NewValue = newValue,
                    Action = ActionFor(field),
                    Reason = actor.Reason,
                };
            }
        }

        private AuditAction ActionFor(string field) => _state switch
        {
            EntityState.Added => AuditAction.Create,
            EntityState.Deleted => AuditAction.Delete,
            _ when field == nameof(Participant.Status) => AuditAction.StatusChange,
            _ => AuditAction.Update,
        };

        // Bookkeeping columns that change on every save and carry no study information of their own.
        private static HashSet<string> IgnoredProperties(object entity) => entity switch
        {
            Participant => [nameof(Participant.Version), nameof(Participant.UpdatedAtUtc), nameof(Participant.CreatedAtUtc)],
            Site => [nameof(Site.Version), nameof(Site.NextParticipantNumber)],
            _ => [],
        };
    }
}
